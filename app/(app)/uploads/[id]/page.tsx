import Link from "next/link";
import { notFound } from "next/navigation";
import { UploadWizard } from "@/components/uploads/upload-wizard";
import { uploadData } from "@/components/uploads/upload-data";
import { requireSession } from "@/lib/auth/session";
import { crmObjectTypes } from "@/lib/crm/offered-types";
import { previewRows } from "@/lib/uploads/service";
import { RECORD_ID_KEY } from "@/lib/uploads/types";
import { findUpload } from "@/lib/uploads/upload-store";
import { findSubmission } from "@/lib/submissions/store";

export const dynamic = "force-dynamic";

export default async function UploadPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const session = await requireSession();
  if (!/^[0-9a-f-]{36}$/i.test(id)) notFound();
  const upload = await findUpload(id, session.connection.portalId);
  if (!upload) notFound();
  const submission = upload.submissionId ? await findSubmission(upload.submissionId, session.connection.portalId) : undefined;
  const preview = await previewRows(upload);
  return (
    <div className="mx-auto flex w-full max-w-6xl flex-col gap-4 p-4">
      <Link href="/uploads" className="text-sm text-blue-700 underline">← Uploads</Link>
      <UploadWizard upload={uploadData(upload, submission)} preview={preview} crmTypes={crmObjectTypes()} recordIdKey={RECORD_ID_KEY} portalId={session.connection.portalId} userId={session.user.id} />
    </div>
  );
}
