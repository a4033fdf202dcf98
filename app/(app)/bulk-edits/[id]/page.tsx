import { notFound } from "next/navigation";
import { BulkEditDryRun } from "@/components/bulk-edits/bulk-edit-dry-run";
import { requireSession } from "@/lib/auth/session";
import { bulkEditPageData } from "@/lib/bulk-edits/page-data";

export const dynamic = "force-dynamic";

export default async function BulkEditPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const view = await bulkEditPageData(await requireSession(), id);
  if (!view) notFound();
  return (
    <div className="mx-auto flex w-full max-w-5xl flex-col gap-4 p-4">
      <BulkEditDryRun initial={view} />
    </div>
  );
}
