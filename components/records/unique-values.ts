import type { BaseRow, EditState } from "./edits/types";

/**
 * Pending rows whose value of a unique property (a campaign's name, a contact's email) another row
 * of the grid also holds: every loaded row (with its pending edit), edited rows no longer loaded
 * (another search), and every added row. HubSpot would refuse all but one of them, so the grid says
 * so before submit. Returns row key → the value as the user wrote it.
 */
export function duplicateValues(
  state: EditState,
  loaded: readonly BaseRow[],
  key: string,
  normalize: (v: string) => string,
): Map<string, string> {
  const count = new Map<string, number>();
  const add = (v: string | null | undefined) => {
    if (!v || !v.trim()) return;
    const n = normalize(v);
    count.set(n, (count.get(n) ?? 0) + 1);
  };
  for (const row of loaded) add(state.updates[row.id]?.edits[key] ?? row.properties[key]);
  const loadedIds = new Set(loaded.map((r) => r.id));
  for (const u of Object.values(state.updates))
    if (!loadedIds.has(u.id) && u.edits[key] !== undefined) add(u.edits[key]);
  for (const c of Object.values(state.creates)) add(c.values[key]);

  const out = new Map<string, string>();
  const check = (rowKey: string, v: string | undefined) => {
    if (v && v.trim() && (count.get(normalize(v)) ?? 0) > 1) out.set(rowKey, v.trim());
  };
  for (const u of Object.values(state.updates)) check(u.id, u.edits[key]);
  for (const c of Object.values(state.creates)) check(c.rowKey, c.values[key]);
  return out;
}
