"use client";

import { editorValue, focusAndSelect, inputClass, withValue, type EditorProps } from "./editor-props";

/**
 * Numbers as text with a decimal keypad: type=number would silently drop "1,234.50" or "12 %",
 * while a text input keeps what was typed so that parsing or validation can explain it.
 */
export function NumberEditor(props: EditorProps) {
  const { row, column, onRowChange, def } = props;
  return (
    <input
      ref={focusAndSelect}
      aria-label={def.label}
      inputMode="decimal"
      className={`${inputClass} text-right tabular-nums`}
      value={editorValue(props)}
      onChange={(e) => onRowChange(withValue(row, column.key, e.target.value))}
    />
  );
}
