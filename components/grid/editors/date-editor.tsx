"use client";

import { useState } from "react";
import { datePattern, dateStyle } from "../date-order";
import { formatDate, parseDate } from "../values";
import { editorValue, focusAndSelect, inputClass, withValue, type EditorProps } from "./editor-props";

/**
 * Dates: a text field that takes typed dates in the screen's order (31/03/2026 day first,
 * 03/31/2026 month first, 2026-03-31 always), because a native date input cannot take text typed
 * into the cell, plus a native date input (calendar, keyboard date entry) below it. Both edit the
 * same value. The text starts as the cell shows the date and is not re-formatted while typed.
 */
export function DateEditor(props: EditorProps) {
  const { row, column, onRowChange, def } = props;
  const [text, setText] = useState(() => formatDate(editorValue(props)));
  const change = (next: string) => {
    setText(next);
    onRowChange(withValue(row, column.key, next));
  };
  const iso = parseDate(text);
  return (
    <div className="relative h-full w-full">
      <input
        ref={focusAndSelect}
        aria-label={def.label}
        placeholder={datePattern(dateStyle())}
        className={inputClass}
        value={text}
        onChange={(e) => change(e.target.value)}
      />
      <input
        type="date"
        aria-label={`${def.label}, calendar`}
        tabIndex={-1}
        className="absolute left-0 top-full z-10 rounded border border-slate-300 bg-white p-1 text-sm shadow"
        value={/^\d{4}-\d{2}-\d{2}$/.test(iso) ? iso : ""}
        onChange={(e) => change(formatDate(e.target.value))}
      />
    </div>
  );
}
