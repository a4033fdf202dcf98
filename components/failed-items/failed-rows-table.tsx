"use client";

import Link from "next/link";
import { DataTable, type DataColumn } from "@/components/ui/data-table";
import type { FailedRowView } from "@/lib/failed-items/row-view";

interface Props {
  rows: readonly FailedRowView[];
  isPicked: (row: FailedRowView) => boolean;
  onPick: (row: FailedRowView, on: boolean) => void;
  onPickAll: (on: boolean) => void;
}

/** The shown rows of a group: what was sent, HubSpot's error (raw on demand), when, and from which submission. */
export function FailedRowsTable({ rows, isPicked, onPick, onPickAll }: Props) {
  const picked = rows.filter(isPicked).length;
  const columns: DataColumn<FailedRowView>[] = [
    {
      header: (
        <input
          type="checkbox"
          aria-label="Select all shown rows"
          checked={picked > 0 && picked === rows.length}
          // Some picked: neither checked nor unchecked (a click picks all).
          ref={(el) => {
            if (el) el.indeterminate = picked > 0 && picked < rows.length;
          }}
          onChange={(e) => onPickAll(e.target.checked)}
        />
      ),
      cell: (r) => (
        <input
          type="checkbox"
          aria-label={`Select ${r.name}`}
          checked={isPicked(r)}
          onChange={(e) => onPick(r, e.target.checked)}
        />
      ),
      className: "w-8",
    },
    {
      header: "Row",
      cell: (r) => (
        <>
          {r.name}
          <div className="text-xs text-slate-500">{r.create ? "New record" : `ID ${r.recordId}`}</div>
        </>
      ),
    },
    {
      header: "What was sent",
      cell: (r) =>
        Object.entries(r.sent)
          .map(([k, v]) => `${k}: ${v}`)
          .join(" · "),
      className: "font-mono text-xs",
    },
    {
      header: "Error",
      cell: (r) => (
        <>
          {r.error?.message ?? "Failed"}
          <details className="mt-1">
            <summary className="cursor-pointer text-xs text-slate-600">Raw error</summary>
            <pre className="mt-1 max-h-48 max-w-md overflow-auto whitespace-pre-wrap text-xs">
              {JSON.stringify(r.error, null, 2)}
            </pre>
          </details>
        </>
      ),
    },
    { header: "Failed", cell: (r) => r.failedAt, className: "text-xs" },
    {
      header: "From",
      cell: (r) => (
        <>
          <Link className="text-blue-700 underline" href={`/submissions/${r.submissionId}`}>
            {r.source}
          </Link>
          <div className="text-xs text-slate-500">submitted {r.submittedAt}</div>
        </>
      ),
    },
  ];
  return (
    <DataTable
      caption="Failed rows of this group"
      columns={columns}
      rows={rows}
      rowKey={(r) => `${r.submissionId}:${r.rowKey}`}
      density="compact"
      className="mt-2"
    />
  );
}
