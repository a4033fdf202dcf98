"use client";

import { parseDate } from "../values";
import { editorValue, focusAndSelect, inputClass, withValue, type EditorProps } from "./editor-props";

/**
 * Dates: a text field that takes typed dates (2026-03-31, 3/31/2026, 31.03.2026), because a
 * native date input cannot take "2026-03-31" typed into the cell, plus a native date input
 * (calendar, keyboard date entry) below it. Both edit the same value.
 */
export function DateEditor(props: EditorProps) {
  const { row, column, onRowChange, def } = props;
  const value = editorValue(props);
  const iso = parseDate(value);
  return (
    <div className="relative h-full w-full">
      <input
        ref={focusAndSelect}
        aria-label={def.label}
        placeholder="YYYY-MM-DD"
        className={inputClass}
        value={value}
        onChange={(e) => onRowChange(withValue(row, column.key, e.target.value))}
      />
      <input
        type="date"
        aria-label={`${def.label}, calendar`}
        tabIndex={-1}
        className="absolute left-0 top-full z-10 rounded border border-slate-300 bg-white p-1 text-sm shadow"
        value={/^\d{4}-\d{2}-\d{2}$/.test(iso) ? iso : ""}
        onChange={(e) => onRowChange(withValue(row, column.key, e.target.value))}
      />
    </div>
  );
}
