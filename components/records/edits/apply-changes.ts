import type { CellChange } from "@/components/grid/types";
import type { BaseRow, EditState, PendingUpdate } from "./types";

const norm = (v: string | null | undefined) => v ?? "";

/**
 * Applies one user action's cell writes to the pending edits in one pass (a 10,000-cell paste
 * copies each touched entry once). A value written back to what was loaded removes the edit:
 * unchanged cells are never submitted.
 */
export function applyChanges(
  state: EditState,
  changes: readonly CellChange[],
  baseOf: (id: string) => BaseRow | undefined,
  nameKey: string,
): EditState {
  if (changes.length === 0) return state;
  const updates = { ...state.updates };
  const creates = { ...state.creates };
  const touched = new Set<string>();
  for (const c of changes) {
    const created = creates[c.rowId];
    if (created) {
      if (!touched.has(c.rowId)) creates[c.rowId] = { ...created, values: { ...created.values } };
      touched.add(c.rowId);
      creates[c.rowId]!.values[c.key] = c.value;
      continue;
    }
    const base = baseOf(c.rowId);
    if (!base) continue; // a row that is gone (undo after it was saved and reloaded elsewhere)
    let entry: PendingUpdate | undefined = updates[c.rowId];
    if (!touched.has(c.rowId)) {
      entry = entry
        ? { ...entry, edits: { ...entry.edits }, baseline: { ...entry.baseline, values: { ...entry.baseline.values } } }
        : {
            id: base.id,
            label: norm(base.properties[nameKey]),
            baseline: { updatedAt: base.updatedAt, ...(base.asOf ? { asOf: base.asOf } : {}), values: {} },
            edits: {},
          };
      updates[c.rowId] = entry;
      touched.add(c.rowId);
    }
    const e = entry!;
    const original = c.key in e.baseline.values ? e.baseline.values[c.key]! : (base.properties[c.key] ?? null);
    if (norm(original) === c.value) {
      delete e.edits[c.key];
      delete e.baseline.values[c.key];
    } else {
      e.edits[c.key] = c.value;
      e.baseline.values[c.key] = original;
    }
  }
  for (const id of touched) if (updates[id] && Object.keys(updates[id]!.edits).length === 0) delete updates[id];
  return { ...state, updates, creates };
}
