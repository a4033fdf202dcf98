import "server-only";
import { and, eq } from "drizzle-orm";
import { toActionError } from "../actions/errors";
import type { Session } from "../auth/session";
import { db, tables } from "../db";
import type { Job } from "../jobs/queue";
import { dryRunUpload, UploadSettingsSchema, type UploadSettings } from "./service";
import { updateUpload } from "./upload-store";

/**
 * The dry run as a job: reading 20,000 records at the portal's rate limit takes half a minute, longer
 * than a request should live (and than the user may keep the tab open). Its state is stored on the
 * upload ({ state: "running", read, total } → the summary with state "done", or "failed" with the
 * message), which the page polls.
 */
export const DRY_RUN_QUEUE = "upload-dry-run";

export interface DryRunJob {
  uploadId: string;
  settings: UploadSettings;
  /** The connection of the user who started the dry run: it reads on their grant and the draft is theirs. */
  connectionId?: string;
}

/**
 * The user who started the dry run and their connection, as the services expect a session (jobs
 * queued before `connectionId` existed: the upload's own). Never the uploader's grant for someone else.
 */
async function sessionOf(uploadId: string, connectionId?: string) {
  const database = await db();
  const [row] = await database.select({ upload: tables.uploads, user: tables.users, connection: tables.connections })
    .from(tables.uploads)
    .innerJoin(tables.connections, and(eq(tables.connections.id, connectionId ?? tables.uploads.connectionId), eq(tables.connections.portalId, tables.uploads.portalId)))
    .innerJoin(tables.users, eq(tables.users.id, tables.connections.userId))
    .where(eq(tables.uploads.id, uploadId));
  if (!row) return undefined;
  const session: Session = { id: `job:${uploadId}`, user: { id: row.user.id, email: row.user.email, hubspotUserId: row.user.hubspotUserId }, connection: row.connection };
  return { upload: row.upload, session };
}

export async function dryRunJob(job: Job<DryRunJob>) {
  const found = await sessionOf(job.data.uploadId, job.data.connectionId);
  if (!found) return { skipped: true };
  const settings = UploadSettingsSchema.parse(job.data.settings);
  let last = 0;
  try {
    await dryRunUpload(found.session, found.upload, settings, (read, total) => {
      // A progress write per second at most: the page shows "read 4,200 of 20,000".
      if (Date.now() - last < 1_000) return;
      last = Date.now();
      void updateUpload(job.data.uploadId, { dryRun: { state: "running", read, total } }).catch(() => {});
    });
  } catch (err) {
    const e = toActionError(err);
    await updateUpload(job.data.uploadId, { dryRun: { state: "failed", code: e.code, message: e.message } });
  }
  return { done: true };
}
