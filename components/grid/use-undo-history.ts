"use client";

import { useCallback, useRef } from "react";
import type { CellChange } from "./types";

/** One user action: every cell it wrote, with the value before and after. */
export type HistoryStep = { rowId: string; key: string; before: string; after: string }[];

const LIMIT = 200;

/**
 * Undo/redo of edits, pastes, fills and clears, one step per action. Steps are keyed by row id and
 * column key, not by position, so undo still finds its cells after the grid is sorted or filtered.
 */
export function useUndoHistory(apply: (changes: CellChange[]) => void) {
  const undoStack = useRef<HistoryStep[]>([]);
  const redoStack = useRef<HistoryStep[]>([]);
  const applyRef = useRef(apply);
  applyRef.current = apply;

  const record = useCallback((step: HistoryStep) => {
    if (step.length === 0) return;
    undoStack.current.push(step);
    if (undoStack.current.length > LIMIT) undoStack.current.shift();
    redoStack.current = [];
  }, []);

  const undo = useCallback(() => {
    const step = undoStack.current.pop();
    if (!step) return null;
    redoStack.current.push(step);
    applyRef.current(step.map((c) => ({ rowId: c.rowId, key: c.key, value: c.before })));
    return step;
  }, []);

  const redo = useCallback(() => {
    const step = redoStack.current.pop();
    if (!step) return null;
    undoStack.current.push(step);
    applyRef.current(step.map((c) => ({ rowId: c.rowId, key: c.key, value: c.after })));
    return step;
  }, []);

  const clear = useCallback(() => {
    undoStack.current = [];
    redoStack.current = [];
  }, []);

  return { record, undo, redo, clear };
}
