"use client";

import { editorValue, focusAndSelect, withValue, type EditorProps } from "./editor-props";

/**
 * Multi-line text in a textarea that opens over the cells below (a 34 px row is too small).
 * Enter commits like everywhere else; Alt+Enter or Shift+Enter inserts a line break (Sheets' keys).
 */
export function LongTextEditor(props: EditorProps) {
  const { row, column, onRowChange, def } = props;
  return (
    <textarea
      ref={focusAndSelect}
      aria-label={def.label}
      rows={5}
      className="absolute inset-x-0 top-0 z-10 min-h-32 w-full min-w-72 resize border border-blue-500 bg-white p-2 text-sm shadow-lg outline-none"
      value={editorValue(props)}
      onChange={(e) => onRowChange(withValue(row, column.key, e.target.value))}
      onKeyDown={(e) => {
        if (e.key === "Enter" && (e.altKey || e.shiftKey)) {
          // Keep the grid from committing; insert the line break ourselves for Alt (browsers ignore Alt+Enter).
          e.stopPropagation();
          if (e.altKey) {
            e.preventDefault();
            const t = e.currentTarget;
            const v = t.value.slice(0, t.selectionStart) + "\n" + t.value.slice(t.selectionEnd);
            onRowChange(withValue(row, column.key, v));
          }
        }
      }}
    />
  );
}
