"use client";

import { editorValue, withValue, type EditorProps } from "./editor-props";

/**
 * A native select (keyboard, screen readers and type-ahead for free). The choice is committed by
 * Enter, Tab or a click elsewhere, not on change: arrow keys on a closed select fire change events.
 */
export function SelectEditor(
  props: EditorProps & { options: readonly { value: string; label: string }[]; allowEmpty: boolean },
) {
  const { row, column, onRowChange, def, options, allowEmpty } = props;
  const value = editorValue(props);
  const known = value === "" || options.some((o) => o.value === value);
  return (
    <select
      autoFocus
      aria-label={def.label}
      className="h-full w-full border-0 bg-white px-1 text-sm outline-none ring-2 ring-inset ring-blue-500"
      value={value}
      onChange={(e) => onRowChange(withValue(row, column.key, e.target.value))}
    >
      {allowEmpty && <option value="">(none)</option>}
      {!known && <option value={value}>{value} (not valid)</option>}
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}
