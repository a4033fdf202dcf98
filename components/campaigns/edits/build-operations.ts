import type { RowOperation } from "@/lib/batch/types";
import type { RowIssues } from "./validate-edits";
import type { EditState } from "./types";

/**
 * What "Submit" sends: only changed properties, only rows without issues. Updates carry the
 * baseline (updatedAt and the loaded values of the changed properties) for conflict detection;
 * creates leave empty properties out, since "" would mean "reset" and there is nothing to reset.
 */
export function buildOperations(state: EditState, issues: RowIssues): RowOperation[] {
  const ops: RowOperation[] = [];
  for (const c of Object.values(state.creates).sort((a, b) => a.seq - b.seq)) {
    if (issues.has(c.rowKey)) continue;
    ops.push({ rowKey: c.rowKey, kind: "create", properties: Object.fromEntries(Object.entries(c.values).filter(([, v]) => v !== "")) });
  }
  for (const u of Object.values(state.updates)) {
    if (issues.has(u.id)) continue;
    ops.push({ rowKey: u.id, kind: "update", id: u.id, properties: { ...u.edits }, baseline: { updatedAt: u.baseline.updatedAt, values: { ...u.baseline.values } } });
  }
  return ops;
}
