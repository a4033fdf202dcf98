import type { EditOperation } from "@/lib/submissions/types";
import type { RowIssues } from "./types";
import type { EditState } from "./types";

/**
 * What "Submit" sends: only changed properties, only rows without issues. Updates carry the
 * baseline (updatedAt and the loaded values of the changed properties) for conflict detection,
 * with `asOf` when the row was loaded from the list (the newest updatedAt among the pages loaded
 * up to the row's own, kept on the row since: see use-campaign-list) or came back from a save, so
 * the engine can check all rows with one "changed since" scan instead of a batch read per 50;
 * creates leave empty properties out, since "" would mean "reset" and there is nothing to reset.
 */
export function buildOperations(state: EditState, issues: RowIssues): EditOperation[] {
  const ops: EditOperation[] = [];
  for (const c of Object.values(state.creates).sort((a, b) => a.seq - b.seq)) {
    if (issues.has(c.rowKey)) continue;
    ops.push({ rowKey: c.rowKey, kind: "create", properties: Object.fromEntries(Object.entries(c.values).filter(([, v]) => v !== "")) });
  }
  for (const u of Object.values(state.updates)) {
    if (issues.has(u.id)) continue;
    const { updatedAt, asOf, values } = u.baseline;
    ops.push({ rowKey: u.id, kind: "update", id: u.id, properties: { ...u.edits }, baseline: { updatedAt, ...(asOf ? { asOf } : {}), values: { ...values } } });
  }
  return ops;
}
