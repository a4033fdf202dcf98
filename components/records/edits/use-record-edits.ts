"use client";

import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import type { CellChange, CellMeta } from "@/components/grid/types";
import type { LoadedRow } from "../loaded-rows";
import type { GridResource } from "../resource";
import { applyChanges } from "./apply-changes";
import { deriveBases, deriveRows, type Bases, type Rows } from "./derive-rows";
import { dropMootEdits } from "./drop-moot-edits";
import { EditStore } from "./edit-store";
import { editStorageKey } from "./persist";
import { emptyEditState } from "./types";

const SERVER_STATE = emptyEditState();

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
  const basesMemo = useRef<Bases | undefined>(undefined);
  const { bases, byId: baseById } = useMemo(
    () => (basesMemo.current = deriveBases(basesMemo.current, loaded, store.saved, store.created, statuses)),
    // savedSize: the store's saved map grows in place.
    [loaded, savedSize, statuses, store],
  );
  // A new function per new `bases` (the map grows in place as pages append): what depends on
  // baseOf (moot edits, validation) runs again for the new rows.
  const baseOf = useCallback((id: string) => baseById.get(id), [baseById, bases]);

  // As rows load, edits HubSpot already has (saved by a retry elsewhere, or the same change made
  // there) are dropped, so they are not submitted again into conflicts.
  useEffect(() => store.update((s) => dropMootEdits(s, baseOf)), [store, baseOf]);

  const issues = useMemo(
    () => resource.validate(state, bases, baseOf),
    [resource, state.updates, state.creates, bases, baseOf],
  );

  const rowsMemo = useRef<Rows | undefined>(undefined);
  const { rows, byId: rowById } = useMemo(
    () => (rowsMemo.current = deriveRows(rowsMemo.current, bases, state.creates, state.updates)),
    [bases, state.creates, state.updates],
  );

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

  return { store, state, rows, rowById, bases, baseOf, issues, apply, cellMeta, addRow, counts };
}

export type RecordEdits = ReturnType<typeof useRecordEdits>;
