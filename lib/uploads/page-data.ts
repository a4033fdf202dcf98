import "server-only";
import type { Session } from "../auth/session";
import { crmObjectTypes } from "../crm/offered-types";
import { findSubmission } from "../submissions/store";
import { previewRows } from "./service";
import { RECORD_ID_KEY } from "./types";
import { uploadData } from "./upload-data";
import { findUpload, listUploads } from "./upload-store";

/** The uploads page: the portal's uploads, newest first, each with the state of its submission. */
export async function uploadsPageData(session: Session) {
  const portalId = session.connection.portalId;
  const uploads = await Promise.all(
    (await listUploads(portalId)).map(async (u) => {
      const s = u.submissionId ? await findSubmission(u.submissionId, portalId) : undefined;
      return {
        id: u.id,
        fileName: u.fileName,
        rowCount: u.rowCount,
        target: u.target,
        createdAt: u.createdAt,
        sheet: u.sheet,
        submission: s ? { id: s.id, state: s.state } : null,
      };
    }),
  );
  return { uploads };
}

/** One upload's page (the wizard), or null when this portal has no such upload. */
export async function uploadPageData(session: Session, id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const portalId = session.connection.portalId;
  const upload = await findUpload(id, portalId);
  if (!upload) return null;
  const submission = upload.submissionId ? await findSubmission(upload.submissionId, portalId) : undefined;
  return {
    upload: uploadData(upload, submission),
    preview: await previewRows(upload),
    crmTypes: crmObjectTypes(),
    recordIdKey: RECORD_ID_KEY,
    portalId,
    userId: session.user.id,
  };
}
