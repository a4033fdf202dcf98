"use client";

import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import type { CellChange, CellMeta, GridRow } from "@/components/grid/types";
import type { LoadedRow } from "../loaded-rows";
import type { GridResource } from "../resource";
import { applyChanges } from "./apply-changes";
import { dropMootEdits } from "./drop-moot-edits";
import { EditStore } from "./edit-store";
import { editStorageKey } from "./persist";
import { emptyEditState, type BaseRow } from "./types";

const SERVER_STATE = emptyEditState();
const gridRowCache = new WeakMap<BaseRow, GridRow>();

function sameValues(a: GridRow["values"], b: GridRow["values"]): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

const baseGridRow = (b: BaseRow): GridRow => {
  let row = gridRowCache.get(b);
  if (!row) gridRowCache.set(b, (row = { id: b.id, values: { ...b.properties, updatedAt: b.updatedAt } }));
  return row;
};

/**
 * The edit state of one resource's grid: the store, the loaded rows merged with what was saved in
 * this tab and with pending edits, validation (the resource's rules), and the per-cell marks.
 * The store is per resource, portal and user, made once: a view showing another resource (the CRM
 * object-type picker) is keyed by `resource.key`, so it remounts with its own store.
 */
export function useRecordEdits(resource: GridResource, portalId: number, userId: string, loaded: readonly LoadedRow[]) {
  const [store] = useState(() => new EditStore(editStorageKey(resource.key, portalId, userId)));
  // The server has no localStorage: render "no edits" there and in hydration, then the real state.
  const state = useSyncExternalStore(store.subscribe, store.getState, () => SERVER_STATE);

  useEffect(() => {
    const flush = () => store.flush();
    const onHide = () => document.visibilityState === "hidden" && flush();
    window.addEventListener("pagehide", flush);
    document.addEventListener("visibilitychange", onHide);
    const stopListening = store.listenToOtherTabs();
    return () => {
      stopListening();
      window.removeEventListener("pagehide", flush);
      document.removeEventListener("visibilitychange", onHide);
      flush();
    };
  }, [store]);

  // Rows saved in this tab replace their loaded version until the list is fetched again.
  const savedSize = store.saved.size + store.created.length;
  const statuses = state.statuses;
  const bases = useMemo(() => {
    const loadedIds = new Set(loaded.map((r) => r.id));
    const newer = (r: BaseRow): BaseRow => {
      const s = store.saved.get(r.id);
      return s && s.updatedAt >= r.updatedAt
        ? { id: s.id, updatedAt: s.updatedAt, properties: s.properties, asOf: s.updatedAt }
        : r;
    };
    const created = store.created.filter((r) => !loadedIds.has(r.id)).map(newer);
    return [...created, ...loaded.map(newer)];
  }, [loaded, savedSize, statuses, store]);

  const baseById = useMemo(() => new Map(bases.map((b) => [b.id, b])), [bases]);
  const baseOf = useCallback((id: string) => baseById.get(id), [baseById]);

  // As rows load, edits HubSpot already has (saved by a retry elsewhere, or the same change made
  // there) are dropped, so they are not submitted again into conflicts.
  useEffect(() => store.update((s) => dropMootEdits(s, baseOf)), [store, baseOf]);

  const issues = useMemo(
    () => resource.validate(state, bases, baseOf),
    [resource, state.updates, state.creates, bases, baseOf],
  );

  // A row that reads the same keeps its object: the list read again in the background (after a
  // submission) or another row's edit must not close an editor open on it (rdg closes it when its
  // row object changes, losing what was typed).
  const previous = useRef(new Map<string, GridRow>());
  const rows = useMemo<GridRow[]>(() => {
    const prev = previous.current;
    const next = new Map<string, GridRow>();
    const keep = (row: GridRow) => {
      const old = prev.get(row.id);
      const r = old && (old === row || sameValues(old.values, row.values)) ? old : row;
      next.set(r.id, r);
      return r;
    };
    const creates = Object.values(state.creates)
      .sort((a, b) => b.seq - a.seq)
      .map((c) => keep({ id: c.rowKey, values: c.values }));
    const out = [
      ...creates,
      ...bases.map((b) => {
        const u = state.updates[b.id];
        const row = baseGridRow(b);
        return keep(u ? { id: b.id, values: { ...row.values, ...u.edits } } : row);
      }),
    ];
    previous.current = next;
    return out;
  }, [bases, state.creates, state.updates]);

  const apply = useCallback(
    (changes: CellChange[]) => store.update((s) => applyChanges(s, changes, baseOf, resource.nameKey)),
    [store, baseOf, resource.nameKey],
  );

  const cellMeta = useCallback(
    (rowId: string, key: string): CellMeta | undefined => {
      const u = state.updates[rowId];
      const issue = issues.get(rowId)?.[key];
      const edited = u !== undefined && key in u.edits;
      if (!edited && !issue) return undefined;
      return { original: edited ? (u.baseline.values[key] ?? null) : undefined, issue };
    },
    [state.updates, issues],
  );

  const addRow = useCallback(() => {
    const rowKey = `new-${crypto.randomUUID()}`;
    store.update((s) => ({ ...s, creates: { ...s.creates, [rowKey]: { rowKey, values: {}, seq: Date.now() } } }));
    return rowKey;
  }, [store]);

  const counts = useMemo(() => {
    const updates = Object.values(state.updates);
    const creates = Object.values(state.creates);
    const cells =
      updates.reduce((n, u) => n + Object.keys(u.edits).length, 0) +
      creates.reduce((n, c) => n + Object.values(c.values).filter((v) => v !== "").length, 0);
    return {
      rows: updates.length + creates.length,
      cells,
      creates: creates.length,
      updates: updates.length,
      invalid: issues.size,
    };
  }, [state.updates, state.creates, issues]);

  return { store, state, rows, bases, baseOf, issues, apply, cellMeta, addRow, counts };
}

export type RecordEdits = ReturnType<typeof useRecordEdits>;
