import { ExportList } from "@/components/exports/export-list";
import { requireSession } from "@/lib/auth/session";
import { exportsPageData } from "@/lib/exports/page-data";

export const dynamic = "force-dynamic";

export default async function ExportsPage() {
  const { exports } = await exportsPageData(await requireSession());
  return (
    <div className="mx-auto flex w-full max-w-6xl flex-col gap-4 p-4">
      <h1 className="text-xl font-semibold">Exports</h1>
      <p className="text-sm text-slate-600">Files are kept for 24 hours and can be downloaded only by you.</p>
      <ExportList exports={exports} />
    </div>
  );
}
