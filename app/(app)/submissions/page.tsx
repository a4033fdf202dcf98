import Link from "next/link";
import { sourceLabel } from "@/lib/submissions/source-label";
import { stateLabel } from "@/lib/submissions/state-label";
import { requireSession } from "@/lib/auth/session";
import { submissionHistoryData } from "@/lib/submissions/page-data";
import { OutcomeCounts } from "@/components/submissions/outcome-counts";
import { DataTable, type DataColumn } from "@/components/ui/data-table";

export const dynamic = "force-dynamic";

type Row = Awaited<ReturnType<typeof submissionHistoryData>>[number];
const COLUMNS: DataColumn<Row>[] = [
  {
    header: "Submitted",
    cell: (s) => (
      <Link className="text-blue-700 underline" href={`/submissions/${s.id}`}>
        {s.createdAt.toLocaleString("en-US")}
      </Link>
    ),
  },
  { header: "Resource", cell: (s) => s.resourceTitle },
  { header: "From", cell: (s) => sourceLabel(s.source) },
  { header: "Rows", cell: (s) => s.totalRows.toLocaleString("en-US") },
  { header: "Outcome", cell: (s) => <OutcomeCounts counts={s.counts} /> },
  { header: "State", cell: (s) => stateLabel(s.state) },
];

export default async function SubmissionHistoryPage() {
  const subs = await submissionHistoryData(await requireSession());
  return (
    <div className="p-4">
      <h1 className="mb-3 text-xl font-semibold">Submission history</h1>
      <DataTable
        caption="Submissions, newest first"
        columns={COLUMNS}
        rows={subs}
        rowKey={(s) => s.id}
        empty="Nothing has been submitted from this portal yet."
        className="rounded"
      />
    </div>
  );
}
