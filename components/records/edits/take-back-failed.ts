import type { RowError } from "@/lib/batch/types";
import { isCreateKey, type EditState } from "./types";

export interface FailedRow {
  kind: "create" | "update";
  recordId: string | null;
  label: string | null;
  sent: Record<string, string>;
  baseline: { updatedAt: string; values: Record<string, string | null> } | null;
  error: RowError | null;
  /** A create's row key as the server derives it from the failed row (see takeBackKey); else a new one is made. */
  key?: string;
}

/**
 * Puts a submission's failed rows back into a grid's edit state: updates as pending edits of their
 * record (over any edits already pending there), creates as added rows, each marked failed with
 * HubSpot's reason, so "Show only failed rows" lists exactly them and fixing a cell resubmits it.
 */
export function takeBackFailed(
  state: EditState,
  submissionId: string,
  rows: readonly FailedRow[],
  newKey: () => string,
): EditState {
  const updates = { ...state.updates };
  const creates = { ...state.creates };
  const statuses = { ...state.statuses };
  let seq = Date.now();
  for (const r of rows) {
    const error = r.error ?? { category: "UNKNOWN", message: "Failed" };
    if (r.kind === "create") {
      const rowKey = r.key && isCreateKey(r.key) ? r.key : newKey();
      if (!isCreateKey(rowKey)) throw new Error("added rows need a new- key");
      creates[rowKey] = { rowKey, values: { ...r.sent }, seq: seq++ };
      statuses[rowKey] = { status: "failed", submissionId, error };
      continue;
    }
    const id = r.recordId!;
    const prev = updates[id];
    updates[id] = {
      id,
      label: r.label ?? prev?.label ?? id,
      baseline: {
        updatedAt: r.baseline?.updatedAt ?? prev?.baseline.updatedAt ?? "",
        values: { ...(r.baseline?.values ?? {}), ...(prev?.baseline.values ?? {}) },
      },
      edits: { ...(prev?.edits ?? {}), ...r.sent },
    };
    statuses[id] = { status: "failed", submissionId, error };
  }
  return { ...state, updates, creates, statuses };
}
