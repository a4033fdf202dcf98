import { DataTable, type DataColumn } from "@/components/ui/data-table";
import type { tables } from "@/lib/db";

type Row = typeof tables.submissionRows.$inferSelect;
const show = (v: string | null | undefined) => (v === null || v === undefined || v === "" ? "(empty)" : v);
const STATUS: Record<string, string> = {
  pending: "Not sent yet",
  saving: "Sending",
  saved: "Saved",
  failed: "Failed",
  conflict: "Conflict",
  skipped: "Skipped",
};
const statusText = (r: Row) =>
  r.kind === "archive" && r.status === "saved" ? "Archived" : (STATUS[r.status] ?? r.status);

function columns(noun: string, label: (property: string) => string, nameKey?: string): DataColumn<Row>[] {
  return [
    {
      header: "Row",
      cell: (r) => (
        <>
          <div className="font-medium">{r.label ?? (nameKey && r.after?.properties[nameKey]) ?? r.rowKey}</div>
          <div className="text-xs text-slate-500">{r.kind === "create" ? `New ${noun}` : `ID ${r.recordId}`}</div>
        </>
      ),
    },
    {
      header: "Change",
      cell: (r) => (
        <>
          {r.kind === "archive" && <span>Archive this {noun}</span>}
          <ul>
            {Object.entries(r.sent).map(([prop, value]) => (
              <li key={prop}>
                <span className="text-slate-600">{label(prop)}:</span>{" "}
                {r.kind === "update" && (
                  <>
                    <s className="text-slate-500">{show(r.baseline?.values[prop])}</s> →{" "}
                  </>
                )}
                <span>{show(value)}</span>
              </li>
            ))}
          </ul>
        </>
      ),
    },
    {
      header: "Outcome",
      cell: (r) => (
        <>
          <span className="font-medium">{statusText(r)}</span>
          {r.error && r.status !== "conflict" && (
            <details className="mt-1 text-red-800">
              <summary>{r.error.message}</summary>
              <pre className="mt-1 max-w-xl overflow-auto whitespace-pre-wrap text-xs text-slate-700">
                {JSON.stringify(r.error.raw ?? r.error, null, 2)}
              </pre>
            </details>
          )}
          {r.status === "conflict" && (
            <div className="text-amber-800">
              {r.error?.message ?? "Changed in HubSpot since it was loaded."} Not overwritten.
            </div>
          )}
        </>
      ),
    },
  ];
}

/** Each row of a submission: what was sent, the value before → after, and its fate. */
export function SubmissionRowsTable({
  rows,
  noun,
  label,
  nameKey,
}: {
  rows: Row[];
  noun: string;
  label: (property: string) => string;
  nameKey?: string;
}) {
  return (
    <DataTable
      caption="Rows of this submission"
      columns={columns(noun, label, nameKey)}
      rows={rows}
      rowKey={(r) => r.rowKey}
    />
  );
}
