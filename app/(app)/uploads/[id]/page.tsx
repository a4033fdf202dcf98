import Link from "next/link";
import { notFound } from "next/navigation";
import { UploadWizard } from "@/components/uploads/upload-wizard";
import { requireSession } from "@/lib/auth/session";
import { uploadPageData } from "@/lib/uploads/page-data";

export const dynamic = "force-dynamic";

export default async function UploadPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const data = await uploadPageData(await requireSession(), id);
  if (!data) notFound();
  return (
    <div className="mx-auto flex w-full max-w-6xl flex-col gap-4 p-4">
      <Link href="/uploads" className="text-sm text-blue-700 underline">
        ← Uploads
      </Link>
      <UploadWizard {...data} />
    </div>
  );
}
