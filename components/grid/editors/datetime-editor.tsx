"use client";

import { useState } from "react";
import { datePattern, dateStyle, ISO_STYLE } from "../date-order";
import { formatDateTime, parseDateTime } from "../values";
import { editorValue, focusAndSelect, inputClass, withValue, type EditorProps } from "./editor-props";

/**
 * Date-times: a text field in the user's zone and date order ("31/03/2026 09:00", or any form paste accepts)
 * plus a native datetime-local input below it, both editing the same value. The row carries the
 * typed text, as in DateEditor; the grid parses it to UTC ISO on commit (parseCellText), exactly
 * like a paste. The text lives in state too, because the row starts with the stored UTC ISO value,
 * which is shown once in local time and must not be re-formatted while the user types.
 */
export function DateTimeEditor(props: EditorProps) {
  const { row, column, onRowChange, def } = props;
  const [text, setText] = useState(() => formatDateTime(editorValue(props)));
  const change = (next: string) => {
    setText(next);
    onRowChange(withValue(row, column.key, next));
  };
  // The picker shows what the text means, when it means a time: "YYYY-MM-DDTHH:mm[:ss]".
  const shown = formatDateTime(parseDateTime(text), undefined, ISO_STYLE);
  const local = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?$/.test(shown) ? shown.replace(" ", "T") : "";
  return (
    <div className="relative h-full w-full">
      <input
        ref={focusAndSelect}
        aria-label={def.label}
        placeholder={`${datePattern(dateStyle())} HH:mm`}
        className={inputClass}
        value={text}
        onChange={(e) => change(e.target.value)}
      />
      <input
        type="datetime-local"
        aria-label={`${def.label}, calendar`}
        tabIndex={-1}
        className="absolute left-0 top-full z-10 rounded border border-slate-300 bg-white p-1 text-sm shadow"
        value={local}
        onChange={(e) => change(formatDateTime(parseDateTime(e.target.value.replace("T", " ")), undefined))}
      />
    </div>
  );
}
