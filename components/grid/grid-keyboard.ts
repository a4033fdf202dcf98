import type { CellKeyboardEvent, CellKeyDownArgs, DataGridHandle } from "react-data-grid";
import { boundsOf, collapsed, extend, type Selection } from "./selection";
import type { GridRow } from "./types";

export interface KeyboardActions {
  grid: () => DataGridHandle | null;
  selection: () => Selection | null;
  select: (s: Selection | null) => void;
  rowCount: () => number;
  colCount: () => number;
  clear: () => void;
  fillDown: () => void;
  undo: () => void;
  redo: () => void;
}

const ARROWS = new Set(["ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight"]);
const MODIFIERS = new Set(["Shift", "Control", "Alt", "Meta"]);

/**
 * Spreadsheet keys on top of rdg's: rdg already moves with arrows/Tab/PageDown and opens the
 * editor on Enter, F2 or a typed character (which replaces the value). We add the commit rules
 * (Enter ↓, Shift+Enter ↑, Tab →, Shift+Tab ←), range keys and the editing shortcuts.
 */
export function handleGridKeyDown(a: KeyboardActions, args: CellKeyDownArgs<GridRow>, event: CellKeyboardEvent) {
  const ctrl = event.ctrlKey || event.metaKey;
  const stop = () => {
    event.preventGridDefault();
    event.preventDefault();
  };

  if (args.mode === "EDIT") {
    if (event.key === "Tab") {
      // rdg only navigates on Tab when the editor is a lone input; ours may have a picker beside it.
      event.preventGridDefault();
      args.navigate();
    } else if (event.key === "Enter" && !event.altKey && !ctrl) {
      stop();
      const next = args.rowIdx + (event.shiftKey ? -1 : 1);
      if (next < 0 || next >= a.rowCount()) args.onClose(true);
      // Moving commits the open editor first (rdg's setActivePosition), then lands on the next row.
      else a.grid()?.setActivePosition({ idx: args.column.idx, rowIdx: next }, { shouldFocus: true });
    }
    return;
  }

  if (args.rowIdx < 0 || !args.column) return;
  const sel = a.selection() ?? collapsed({ rowIdx: args.rowIdx, idx: args.column.idx });
  const key = event.key;
  const lower = key.length === 1 ? key.toLowerCase() : key;

  if (ARROWS.has(key) && event.shiftKey) {
    stop();
    const next = extend(sel, key, a.rowCount() - 1, a.colCount() - 1, ctrl);
    a.select(next);
    a.grid()?.scrollToCell(next.focus);
  } else if (ctrl && lower === "a") {
    stop();
    a.select({ anchor: sel.anchor, focus: { rowIdx: a.rowCount() - 1, idx: a.colCount() - 1 } });
  } else if (key === "Delete" || key === "Backspace") {
    stop();
    a.clear();
  } else if (ctrl && lower === "z") {
    stop();
    if (event.shiftKey) a.redo();
    else a.undo();
  } else if (ctrl && lower === "y") {
    stop();
    a.redo();
  } else if (ctrl && lower === "d") {
    stop();
    a.fillDown();
  } else if (ctrl && lower === "v") {
    // Let the browser fire the paste event (handled by the grid); only stop rdg opening an editor.
    event.preventGridDefault();
  } else if (key === "Escape") {
    a.select(collapsed(sel.anchor));
  } else if (!ctrl && !MODIFIERS.has(key) && !ARROWS.has(key) && key !== "Tab") {
    // Enter and F2 only open the editor: their default action would reach the freshly focused
    // editor (a select would open its popup). A typed character does reach it, replacing the value.
    if (key === "Enter" || key === "F2") event.preventDefault();
    // Typing, Enter or F2 edit the active cell only.
    const b = boundsOf(sel);
    if (b.top !== b.bottom || b.left !== b.right) a.select(collapsed({ rowIdx: args.rowIdx, idx: args.column.idx }));
  }
}
