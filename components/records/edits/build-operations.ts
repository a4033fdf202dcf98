import type { EditOperation } from "@/lib/submissions/types";
import type { BaseRow, EditState, PendingUpdate, RowIssues } from "./types";

/**
 * What "Submit" sends: only changed properties, only rows without issues. Updates carry the
 * baseline (updatedAt and the loaded values of the changed properties) for conflict detection,
 * with `asOf` when the row was loaded from the list (the newest updatedAt among the pages loaded
 * up to the row's own, kept on the row since: see use-campaign-list) or came back from a save, so
 * the engine can check all rows with one "changed since" scan instead of a batch read per 50;
 * creates leave empty properties out, since "" would mean "reset" and there is nothing to reset.
 */
export function buildOperations(
  state: EditState,
  issues: RowIssues,
  baseOf: (id: string) => BaseRow | undefined = () => undefined,
): EditOperation[] {
  const ops: EditOperation[] = [];
  for (const c of Object.values(state.creates).sort((a, b) => a.seq - b.seq)) {
    if (issues.has(c.rowKey)) continue;
    ops.push({
      rowKey: c.rowKey,
      kind: "create",
      properties: Object.fromEntries(Object.entries(c.values).filter(([, v]) => v !== "")),
    });
  }
  for (const u of Object.values(state.updates)) {
    if (issues.has(u.id)) continue;
    const b = completeBaseline(u, baseOf(u.id));
    ops.push({
      rowKey: u.id,
      kind: "update",
      id: u.id,
      properties: { ...u.edits },
      baseline: { updatedAt: b.updatedAt, ...(b.asOf ? { asOf: b.asOf } : {}), values: b.values },
    });
  }
  return ops;
}

/**
 * Edits that arrived without a typed-over value (failed or invalid rows taken back into the grid)
 * may lack the value before for some properties: the loaded row supplies it, as if the user had
 * typed them, so every submission records what it overwrote (a revert restores it) and the conflict
 * check compares against what the user saw.
 */
function completeBaseline(u: PendingUpdate, base: BaseRow | undefined): PendingUpdate["baseline"] {
  const values = { ...u.baseline.values };
  if (!base) return { ...u.baseline, values };
  const missing = Object.keys(u.edits).filter((k) => !(k in values));
  for (const k of missing) values[k] = base.properties[k] ?? null;
  if (!u.baseline.updatedAt && missing.length)
    return { updatedAt: base.updatedAt, ...(base.asOf ? { asOf: base.asOf } : {}), values };
  return { ...u.baseline, values };
}
