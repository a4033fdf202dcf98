"use client";

import type { GridColumn, GridRow } from "@/components/grid/types";
import type { SubmissionView } from "@/lib/submissions/types";
import type { RowStatusInfo } from "../edits/types";

const STYLES: Record<string, string> = {
  pending: "bg-slate-100 text-slate-700",
  saving: "bg-blue-100 text-blue-800",
  saved: "bg-green-100 text-green-800",
  failed: "bg-red-100 text-red-800",
  conflict: "bg-amber-100 text-amber-900",
};

/** A row's state in the last submission it was part of: what the user reads in the status column. */
function rowStatusText(
  info: RowStatusInfo | undefined,
  view: SubmissionView | undefined,
): { kind: string; text: string } | null {
  if (!info) return null;
  if (info.status === "pending") {
    // The view counts rows being sent but does not name them: once sending started, say so.
    const started = view && view.id === info.submissionId && (view.counts.saving > 0 || view.outcomes.length > 0);
    return started ? { kind: "saving", text: "Saving…" } : { kind: "pending", text: "Pending" };
  }
  if (info.status === "saving") return { kind: "saving", text: "Saving…" };
  if (info.status === "saved") return { kind: "saved", text: "Saved" };
  if (info.status === "conflict") return { kind: "conflict", text: "Conflict: changed in HubSpot" };
  return { kind: "failed", text: `Failed: ${info.error?.message ?? "unknown error"}` };
}

export function statusColumn(statuses: Record<string, RowStatusInfo>, view: SubmissionView | undefined): GridColumn {
  return {
    key: "__status",
    label: "Save status",
    type: "text",
    readOnly: true,
    width: 220,
    render: (row: GridRow) => {
      const s = rowStatusText(statuses[row.id], view);
      if (!s) return null;
      return (
        <span className={`rounded px-1.5 py-0.5 text-xs ${STYLES[s.kind]}`} title={s.text}>
          {s.text}
        </span>
      );
    },
  };
}
