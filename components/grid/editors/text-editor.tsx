"use client";

import { editorValue, focusAndSelect, inputClass, withValue, type EditorProps } from "./editor-props";

/** Single-line text. Committing (Enter, Tab, click outside) is the grid's job; Escape cancels. */
export function TextEditor(props: EditorProps) {
  const { row, column, onRowChange, def } = props;
  return (
    <input
      ref={focusAndSelect}
      aria-label={def.label}
      className={inputClass}
      value={editorValue(props)}
      onChange={(e) => onRowChange(withValue(row, column.key, e.target.value))}
    />
  );
}
