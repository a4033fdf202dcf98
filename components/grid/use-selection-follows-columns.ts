"use client";

import { useLayoutEffect, useRef, type RefObject } from "react";
import type { DataGridHandle } from "react-data-grid";
import type { CellPos, Selection } from "./selection";
import type { GridColumn } from "./types";

/**
 * Selection and rdg's active cell are column indexes: when a column appears before others (the
 * status column after a submission), both move with their columns instead of onto neighbours.
 */
export function useSelectionFollowsColumns(
  columns: readonly GridColumn[],
  selectionRef: RefObject<Selection | null>,
  select: (next: Selection) => void,
  handle: RefObject<DataGridHandle | null>,
) {
  const keysBefore = useRef(columns.map((c) => c.key));
  useLayoutEffect(() => {
    const before = keysBefore.current;
    const keys = columns.map((c) => c.key);
    keysBefore.current = keys;
    const sel = selectionRef.current;
    if (!sel || before.join("\n") === keys.join("\n")) return;
    const move = (p: CellPos): CellPos => {
      const i = keys.indexOf(before[p.idx] ?? "");
      return { rowIdx: p.rowIdx, idx: i >= 0 ? i : Math.min(p.idx, keys.length - 1) };
    };
    const next = { anchor: move(sel.anchor), focus: move(sel.focus) };
    if (next.anchor.idx !== sel.anchor.idx) handle.current?.setActivePosition(next.anchor);
    select(next);
  }, [columns, select, selectionRef, handle]);
}
