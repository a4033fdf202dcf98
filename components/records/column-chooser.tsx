"use client";

interface Props {
  columns: readonly { name: string; label: string }[];
  visible: readonly string[];
  onToggle: (name: string, on: boolean) => void;
}

/** A disclosure with one checkbox per column; the name column cannot be hidden. */
export function ColumnChooser({ columns, visible, onToggle }: Props) {
  return (
    <details className="relative">
      <summary className="cursor-pointer select-none rounded border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50">
        Columns ({visible.length})
      </summary>
      <fieldset className="absolute right-0 z-20 mt-1 w-64 rounded-md border border-slate-200 bg-white p-3 shadow-lg">
        <legend className="sr-only">Visible columns</legend>
        {columns.map((c) => (
          <label key={c.name} className="flex items-center gap-2 py-0.5 text-sm">
            <input
              type="checkbox"
              checked={c.name === "hs_name" || visible.includes(c.name)}
              disabled={c.name === "hs_name"}
              onChange={(e) => onToggle(c.name, e.target.checked)}
            />
            {c.label}
          </label>
        ))}
      </fieldset>
    </details>
  );
}
