"use client";

import { editorValue, focusAndSelect, inputClass, withValue, type EditorProps } from "./editor-props";

/**
 * Multi-select values such as business unit ids, `;`-separated as HubSpot stores them. With
 * options known, a checkbox list appears below; without (business units), the ids are typed.
 */
export function MultiSelectEditor(props: EditorProps) {
  const { row, column, onRowChange, def } = props;
  const value = editorValue(props);
  const selected = new Set(value.split(";").filter(Boolean));
  const toggle = (v: string, on: boolean) => {
    const next = (def.options ?? []).map((o) => o.value).filter((o) => (o === v ? on : selected.has(o)));
    onRowChange(withValue(row, column.key, next.join(";")));
  };
  return (
    <div className="relative h-full w-full">
      <input
        ref={focusAndSelect}
        aria-label={def.label}
        placeholder="0;12"
        className={inputClass}
        value={value}
        onChange={(e) => onRowChange(withValue(row, column.key, e.target.value))}
      />
      {def.options && def.options.length > 0 && (
        <fieldset className="absolute left-0 top-full z-10 max-h-60 min-w-48 overflow-auto rounded border border-slate-300 bg-white p-2 shadow">
          <legend className="sr-only">{def.label}</legend>
          {def.options.map((o) => (
            <label key={o.value} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                tabIndex={-1}
                checked={selected.has(o.value)}
                onChange={(e) => toggle(o.value, e.target.checked)}
              />
              {o.label}
            </label>
          ))}
        </fieldset>
      )}
    </div>
  );
}
