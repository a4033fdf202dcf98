import { appendedTo } from "./appended";
import type { BaseRow, EditState } from "./edits/types";

/**
 * How often each normalized value of `key` occurs among the loaded rows as loaded (edits aside),
 * extended as pages append (see appended.ts): validation runs on every page of a streaming load.
 */
interface Counts {
  loaded: readonly BaseRow[];
  counts: Map<string, number>;
  /** id → the loaded row; `extra` holds rows whose id occurs again (never, unless a page repeats one). */
  byId: Map<string, BaseRow>;
  extra: BaseRow[];
}
const countsBy = new WeakMap<(v: string) => string, Map<string, Counts>>();

const counted = (v: string | null | undefined): v is string => !!v && !!v.trim();

function loadedCounts(loaded: readonly BaseRow[], key: string, normalize: (v: string) => string): Counts {
  let byKey = countsBy.get(normalize);
  if (!byKey) countsBy.set(normalize, (byKey = new Map()));
  const prev = byKey.get(key);
  const from = appendedTo(prev?.loaded, loaded);
  const c: Counts = prev && from >= 0 ? { ...prev, loaded } : { loaded, counts: new Map(), byId: new Map(), extra: [] };
  for (let i = Math.max(from, 0); i < loaded.length; i++) {
    const row = loaded[i]!;
    if (c.byId.has(row.id)) c.extra.push(row);
    else c.byId.set(row.id, row);
    const v = row.properties[key];
    if (counted(v)) {
      const n = normalize(v);
      c.counts.set(n, (c.counts.get(n) ?? 0) + 1);
    }
  }
  byKey.set(key, c);
  return c;
}

/**
 * Pending rows whose value of a unique property (a campaign's name, a contact's email) another row
 * of the grid also holds: every loaded row (with its pending edit), edited rows no longer loaded
 * (another search), and every added row. HubSpot would refuse all but one of them, so the grid says
 * so before submit. Returns row key → the value as the user wrote it.
 *
 * O(pending rows + newly loaded rows): the loaded rows' counts are kept (and extended) across
 * calls, and pending edits are applied to them as a difference.
 */
export function duplicateValues(
  state: EditState,
  loaded: readonly BaseRow[],
  key: string,
  normalize: (v: string) => string,
): Map<string, string> {
  const base = loadedCounts(loaded, key, normalize);
  const delta = new Map<string, number>();
  const add = (v: string | null | undefined, by: number) => {
    if (!counted(v)) return;
    const n = normalize(v);
    delta.set(n, (delta.get(n) ?? 0) + by);
  };
  for (const u of Object.values(state.updates)) {
    const edit = u.edits[key];
    const row = base.byId.get(u.id);
    if (!row) {
      if (edit !== undefined) add(edit, 1);
      continue;
    }
    // A loaded row counts its edit instead of its loaded value (`edit ?? loaded`), once per occurrence.
    if (edit === undefined || edit === null) continue;
    for (const r of [row, ...base.extra.filter((x) => x.id === u.id)]) {
      add(r.properties[key], -1);
      add(edit, 1);
    }
  }
  for (const c of Object.values(state.creates)) add(c.values[key], 1);

  const count = (n: string) => (base.counts.get(n) ?? 0) + (delta.get(n) ?? 0);
  const out = new Map<string, string>();
  const check = (rowKey: string, v: string | undefined) => {
    if (v && v.trim() && count(normalize(v)) > 1) out.set(rowKey, v.trim());
  };
  for (const u of Object.values(state.updates)) check(u.id, u.edits[key]);
  for (const c of Object.values(state.creates)) check(c.rowKey, c.values[key]);
  return out;
}
