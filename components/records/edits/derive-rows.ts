import type { GridRow } from "@/components/grid/types";
import { appendedTo, extend } from "../appended";
import type { LoadedRow } from "../loaded-rows";
import type { SavedRecord } from "@/lib/batch/types";
import type { BaseRow, EditState } from "./types";

/**
 * The grid's rows are derived from the loaded rows on every page that streams in. When a page only
 * appends rows (nothing else changed), each derivation extends its previous result with the new
 * rows: rebuilding would walk every loaded row per page, O(n²) over a 100,000-row load. The results
 * equal a full rebuild (derive-rows.test.ts).
 */

export interface Bases {
  loaded: readonly LoadedRow[];
  saved: ReadonlyMap<string, SavedRecord>;
  savedSize: number;
  created: readonly SavedRecord[];
  statuses: EditState["statuses"];
  bases: BaseRow[];
  /** Extended in place on append: a new `bases` array always comes with it, so memos still see it. */
  byId: Map<string, BaseRow>;
}

/**
 * Rows saved in this tab take HubSpot's saved version over their loaded one; created ones not loaded
 * yet come first. A write's answer carries only some properties (a CRM batch update: those sent and
 * a few defaults), so the saved values go over the loaded ones rather than replacing them: the
 * columns the write did not touch keep what was loaded, instead of going blank.
 */
export function deriveBases(
  prev: Bases | undefined,
  loaded: readonly LoadedRow[],
  saved: ReadonlyMap<string, SavedRecord>,
  created: readonly SavedRecord[],
  statuses: EditState["statuses"],
): Bases {
  const newer = (r: BaseRow): BaseRow => {
    const s = saved.get(r.id);
    return s && s.updatedAt >= r.updatedAt
      ? { id: s.id, updatedAt: s.updatedAt, properties: { ...r.properties, ...s.properties }, asOf: s.updatedAt }
      : r;
  };
  const from =
    prev &&
    prev.saved === saved &&
    prev.savedSize === saved.size &&
    prev.created === created &&
    prev.statuses === statuses
      ? appendedTo(prev.loaded, loaded)
      : -1;
  const added = from >= 0 ? loaded.slice(from) : [];
  // A record created here that a new page now holds leaves the head: rebuild (rare).
  if (prev && from >= 0 && !(created.length > 0 && added.some((r) => created.some((c) => c.id === r.id)))) {
    const more = added.map(newer);
    for (const b of more) prev.byId.set(b.id, b);
    const bases = extend(prev.bases, more);
    return { ...prev, loaded, bases };
  }
  const loadedIds = new Set(loaded.map((r) => r.id));
  const head = created.filter((r) => !loadedIds.has(r.id)).map(newer);
  const bases = [...head, ...loaded.map(newer)];
  return { loaded, saved, savedSize: saved.size, created, statuses, bases, byId: new Map(bases.map((b) => [b.id, b])) };
}

export interface Rows {
  bases: readonly BaseRow[];
  creates: EditState["creates"];
  updates: EditState["updates"];
  rows: GridRow[];
  /** id → the row shown; extended in place on append. */
  byId: Map<string, GridRow>;
}

function sameValues(a: GridRow["values"], b: GridRow["values"]): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

const gridRowCache = new WeakMap<BaseRow, GridRow>();
const baseGridRow = (b: BaseRow): GridRow => {
  let row = gridRowCache.get(b);
  if (!row) gridRowCache.set(b, (row = { id: b.id, values: { ...b.properties, updatedAt: b.updatedAt } }));
  return row;
};

/**
 * Added rows (newest first), then the bases with their pending edits. A row that reads the same
 * keeps its object: the list read again in the background (after a submission) or another row's
 * edit must not close an editor open on it (rdg closes it when its row object changes, losing what
 * was typed).
 */
export function deriveRows(
  prev: Rows | undefined,
  bases: readonly BaseRow[],
  creates: EditState["creates"],
  updates: EditState["updates"],
): Rows {
  const from = prev && prev.creates === creates && prev.updates === updates ? appendedTo(prev.bases, bases) : -1;
  const old = prev?.byId ?? new Map<string, GridRow>();
  const next = from >= 0 ? old : new Map<string, GridRow>();
  const keep = (row: GridRow) => {
    const o = old.get(row.id);
    const r = o && (o === row || sameValues(o.values, row.values)) ? o : row;
    next.set(r.id, r);
    return r;
  };
  const ofBase = (b: BaseRow) => {
    const u = updates[b.id];
    const row = baseGridRow(b);
    return keep(u ? { id: b.id, values: { ...row.values, ...u.edits } } : row);
  };
  if (prev && from >= 0) {
    const rows = extend(prev.rows, bases.slice(from).map(ofBase));
    return { ...prev, bases, rows };
  }
  const head = Object.values(creates)
    .sort((a, b) => b.seq - a.seq)
    .map((c) => keep({ id: c.rowKey, values: c.values }));
  const rows = [...head, ...bases.map(ofBase)];
  return { bases, creates, updates, rows, byId: next };
}
