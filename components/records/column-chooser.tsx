"use client";

import { useState } from "react";

interface Props {
  columns: readonly { key: string; label: string; readOnly?: boolean }[];
  visible: readonly string[];
  /** The name column: always shown. */
  locked: string;
  onToggle: (key: string, on: boolean) => void;
}

/** Above this many columns the chooser gets a filter box (CRM portals have hundreds of properties). */
const FILTER_FROM = 12;

/** A disclosure with one checkbox per column, filterable by label or internal name. */
export function ColumnChooser({ columns, visible, locked, onToggle }: Props) {
  const [filter, setFilter] = useState("");
  const f = filter.trim().toLowerCase();
  const shown = f
    ? columns.filter((c) => c.label.toLowerCase().includes(f) || c.key.toLowerCase().includes(f))
    : columns;
  return (
    <details className="relative">
      <summary className="cursor-pointer select-none rounded border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50">
        Columns ({visible.filter((v) => v !== locked).length + 1})
      </summary>
      <fieldset className="absolute right-0 z-20 mt-1 flex max-h-[70vh] w-72 flex-col rounded-md border border-slate-200 bg-white p-3 shadow-lg">
        <legend className="sr-only">Visible columns</legend>
        {columns.length > FILTER_FROM && (
          <input
            type="search"
            aria-label="Filter columns"
            placeholder="Filter columns…"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            className="mb-2 rounded border border-slate-300 px-2 py-1 text-sm"
          />
        )}
        <div className="min-h-0 overflow-auto">
          {shown.map((c) => (
            <label key={c.key} className="flex items-center gap-2 py-0.5 text-sm">
              <input
                type="checkbox"
                checked={c.key === locked || visible.includes(c.key)}
                disabled={c.key === locked}
                onChange={(e) => onToggle(c.key, e.target.checked)}
              />
              <span className="truncate" title={c.key}>
                {c.label}
              </span>
              {c.readOnly && <span className="ml-auto text-xs text-slate-500">read-only</span>}
            </label>
          ))}
          {shown.length === 0 && <p className="text-sm text-slate-500">No column matches “{filter}”.</p>}
        </div>
      </fieldset>
    </details>
  );
}
