import type { tables } from "../db";
import { type ResourceRef } from "../resources/ref";
import { describe } from "../resources/registry";

type StoredRow = Pick<
  typeof tables.submissionRows.$inferSelect,
  "submissionId" | "rowKey" | "kind" | "recordId" | "label" | "sent" | "baseline" | "error"
>;

/**
 * The grid row key a failed create comes back under: derived from the failed row, so the same row
 * taken back twice is one row, and its later success (renamed and saved) resolves the failed item
 * (lib/failed-items/store.ts). Undefined if too long for a row key (the grid then makes a new one).
 */
const takeBackKey = (r: Pick<StoredRow, "submissionId" | "rowKey">) => {
  const key = `new-${r.submissionId}-${r.rowKey}`;
  return key.length <= 100 ? key : undefined;
};

/**
 * Failed rows as their grid takes them back as pending edits (components/records/edits/take-back-failed.ts):
 * the grid's path and storage key, and the rows it can place. Rows addressed by a unique value instead
 * of a record id (an upload by email recorded before its dry run stored record ids), and a revert's
 * archive rows, cannot be placed and are counted in `skipped`.
 */
export function gridTakeBack(ref: ResourceRef, stored: readonly StoredRow[]) {
  const { addressedByValue, name, gridPath } = describe(ref);
  const rows = stored
    .map((r) => ({
      kind: r.kind as "create" | "update",
      recordId: r.recordId,
      label: r.label,
      sent: r.sent,
      baseline: r.baseline,
      error: r.error,
      key: r.kind === "create" ? takeBackKey(r) : undefined,
    }))
    .filter((r) => r.kind === "create" || (r.kind === "update" && !addressedByValue && r.recordId));
  return { resourceKey: name, path: gridPath, rows, skipped: stored.length - rows.length };
}
