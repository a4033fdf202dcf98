import { DataTable, type DataColumn } from "@/components/ui/data-table";
import type { ExportView } from "@/lib/exports/service";

const STATE: Record<ExportView["state"], string> = {
  queued: "Waiting",
  running: "Running",
  done: "Ready",
  failed: "Failed",
  cancelled: "Cancelled",
  expired: "Deleted after 24 h",
};

const COLUMNS: DataColumn<ExportView>[] = [
  { header: "Records", cell: (e) => e.resource },
  {
    header: "File",
    cell: (e) =>
      e.state === "done" ? (
        <a className="text-blue-700 underline" href={`/api/exports/${e.id}`} download={e.fileName}>
          {e.fileName}
        </a>
      ) : (
        e.fileName
      ),
  },
  { header: "Rows", cell: (e) => e.written.toLocaleString("en-US"), className: "tabular-nums" },
  { header: "Started", cell: (e) => new Date(e.createdAt).toLocaleString("en-US", { timeZone: "UTC" }) + " UTC" },
  { header: "Status", cell: (e) => (e.state === "failed" ? `${STATE.failed}: ${e.error}` : STATE[e.state]) },
];

/** The user's recent exports, newest first, each downloadable while its file is kept. */
export function ExportList({ exports }: { exports: ExportView[] }) {
  return (
    <DataTable
      caption="Your exports, newest first"
      columns={COLUMNS}
      rows={exports}
      rowKey={(e) => e.id}
      empty="You have not exported anything from this portal yet. Use Export… above any grid."
      className="rounded"
    />
  );
}
