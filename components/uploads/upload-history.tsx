import Link from "next/link";
import { DataTable, type DataColumn } from "@/components/ui/data-table";
import type { SubmissionState } from "@/lib/db/values";
import { ResourceRefSchema } from "@/lib/resources/ref";
import { resourceTitle } from "@/lib/resources/registry";
import { stateLabel } from "@/lib/submissions/state-label";
import type { UploadRow } from "@/lib/uploads/upload-store";

export type HistoryUpload = Pick<UploadRow, "id" | "fileName" | "rowCount" | "target" | "createdAt" | "sheet"> & {
  /** The upload's submission, once its dry run made one. */
  submission: { id: string; state: SubmissionState } | null;
};

function targetTitle(stored: unknown) {
  const ref = ResourceRefSchema.safeParse(stored);
  return ref.success ? resourceTitle(ref.data) : <span className="text-slate-500">Not chosen</span>;
}

const COLUMNS: DataColumn<HistoryUpload>[] = [
  {
    header: "File",
    cell: (u) => (
      <>
        <Link className="text-blue-700 underline" href={`/uploads/${u.id}`}>
          {u.fileName}
        </Link>
        {u.sheet && <span className="ml-1 text-slate-500">({u.sheet})</span>}
      </>
    ),
  },
  { header: "Rows", cell: (u) => u.rowCount.toLocaleString("en-US"), className: "tabular-nums" },
  { header: "Target", cell: (u) => targetTitle(u.target) },
  { header: "Uploaded", cell: (u) => u.createdAt.toLocaleString("en-US") },
  {
    header: "Status",
    cell: (u) =>
      !u.submission || u.submission.state === "draft" ? (
        "Not run"
      ) : (
        <Link className="text-blue-700 underline" href={`/submissions/${u.submission.id}`}>
          {stateLabel(u.submission.state)}
        </Link>
      ),
  },
];

/** The portal's uploads, newest first: each opens its page; a run one also links to its submission. */
export function UploadHistory({ uploads }: { uploads: HistoryUpload[] }) {
  return (
    <DataTable
      caption="Uploads, newest first"
      columns={COLUMNS}
      rows={uploads}
      rowKey={(u) => u.id}
      empty="No files have been uploaded to this portal yet."
      className="rounded"
    />
  );
}
