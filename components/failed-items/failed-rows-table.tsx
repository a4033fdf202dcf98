"use client";

import Link from "next/link";
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
  return (
    <table className="mt-2 w-full text-left text-sm">
      <caption className="sr-only">Failed rows of this group</caption>
      <thead>
        <tr className="border-b">
          <th scope="col" className="w-8 p-1">
            <input
              type="checkbox"
              aria-label="Select all shown rows"
              checked={picked > 0 && picked === rows.length}
              // Some picked: neither checked nor unchecked (a click picks all).
              ref={(el) => { if (el) el.indeterminate = picked > 0 && picked < rows.length; }}
              onChange={(e) => onPickAll(e.target.checked)}
            />
          </th>
          <th scope="col" className="p-1">Row</th>
          <th scope="col" className="p-1">What was sent</th>
          <th scope="col" className="p-1">Error</th>
          <th scope="col" className="p-1">Failed</th>
          <th scope="col" className="p-1">From</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={`${r.submissionId}:${r.rowKey}`} className="border-b align-top">
            <td className="p-1"><input type="checkbox" aria-label={`Select ${r.name}`} checked={isPicked(r)} onChange={(e) => onPick(r, e.target.checked)} /></td>
            <td className="p-1">{r.name}<div className="text-xs text-slate-500">{r.create ? "New record" : `ID ${r.recordId}`}</div></td>
            <td className="p-1 font-mono text-xs">{Object.entries(r.sent).map(([k, v]) => `${k}: ${v}`).join(" · ")}</td>
            <td className="p-1">
              {r.error?.message ?? "Failed"}
              <details className="mt-1">
                <summary className="cursor-pointer text-xs text-slate-600">Raw error</summary>
                <pre className="mt-1 max-h-48 max-w-md overflow-auto whitespace-pre-wrap text-xs">{JSON.stringify(r.error, null, 2)}</pre>
              </details>
            </td>
            <td className="p-1 text-xs">{r.failedAt}</td>
            <td className="p-1">
              <Link className="text-blue-700 underline" href={`/submissions/${r.submissionId}`}>{r.source}</Link>
              <div className="text-xs text-slate-500">submitted {r.submittedAt}</div>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
