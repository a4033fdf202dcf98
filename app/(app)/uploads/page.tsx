import { UploadHistory } from "@/components/uploads/upload-history";
import { Uploader } from "@/components/uploads/uploader";
import { requireSession } from "@/lib/auth/session";
import { findSubmission } from "@/lib/submissions/store";
import { listUploads } from "@/lib/uploads/upload-store";

export const dynamic = "force-dynamic";

export default async function UploadsPage() {
  const session = await requireSession();
  const portalId = session.connection.portalId;
  const uploads = await Promise.all((await listUploads(portalId)).map(async (u) => {
    const s = u.submissionId ? await findSubmission(u.submissionId, portalId) : undefined;
    return { id: u.id, fileName: u.fileName, rowCount: u.rowCount, target: u.target, createdAt: u.createdAt, sheet: u.sheet, submission: s ? { id: s.id, state: s.state } : null };
  }));
  return (
    <div className="mx-auto flex w-full max-w-6xl flex-col gap-6 p-4">
      <h1 className="text-xl font-semibold">Uploads</h1>
      <Uploader />
      <section aria-labelledby="history-heading" className="flex flex-col gap-2">
        <h2 id="history-heading" className="text-lg font-semibold">Upload history</h2>
        <UploadHistory uploads={uploads} />
      </section>
    </div>
  );
}
