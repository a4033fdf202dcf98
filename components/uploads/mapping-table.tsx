"use client";

import { usableTarget, type ColumnMatch } from "@/lib/uploads/mapping/match-columns";
import type { UploadMode } from "@/lib/uploads/mapping/validate-rows";
import { SKIP, type ColumnMapping } from "@/lib/uploads/mapping/schemas";
import type { TargetColumn } from "@/lib/uploads/types";

interface Props {
  headers: readonly string[];
  preview: readonly string[][];
  columns: readonly TargetColumn[];
  matches: readonly ColumnMatch[];
  mapping: ColumnMapping;
  keyColumn: string | undefined;
  /** Suggestions a create cannot use (ids, read-only properties) are not offered then. */
  mode: UploadMode;
  onChange: (header: string, key: string) => void;
}

const SAMPLES = 3;
const short = (v: string) => (v.length > 40 ? `${v.slice(0, 39)}…` : v);

/** The first few non-empty values of a column, as the user recognises it. */
function samples(preview: readonly string[][], index: number) {
  return preview
    .map((r) => (r[index] ?? "").trim())
    .filter(Boolean)
    .slice(0, SAMPLES)
    .map(short)
    .join(", ");
}

/**
 * One row per file column: its header, sample values and the property it goes to. Read-only
 * properties are listed (so the user sees why a column cannot go there) but can only be chosen as
 * the key that finds the record. Suggestions are offered for columns left unmapped.
 */
export function MappingTable({ headers, preview, columns, matches, mapping, keyColumn, mode, onChange }: Props) {
  const byKey = new Map(columns.map((c) => [c.key, c]));
  const usedBy = new Map<string, string>();
  for (const h of headers) {
    const k = mapping[h];
    if (k && k !== SKIP && !usedBy.has(k)) usedBy.set(k, h);
  }
  return (
    <table className="w-full border-collapse text-left text-sm">
      <caption className="sr-only">File columns and the properties they go to</caption>
      <thead>
        <tr className="border-b border-slate-200">
          <th scope="col" className="py-2 pr-3">
            File column
          </th>
          <th scope="col" className="py-2 pr-3">
            Sample values
          </th>
          <th scope="col" className="py-2 pr-3">
            Import as
          </th>
          <th scope="col" className="py-2">
            Notes
          </th>
        </tr>
      </thead>
      <tbody>
        {headers.map((header, i) => {
          const value = mapping[header] ?? SKIP;
          const match = matches[i];
          const m = match && {
            ...match,
            suggestions: match.suggestions.filter((s) => usableTarget({ key: s.key, readOnly: s.readOnly }, mode)),
          };
          const other = value !== SKIP ? usedBy.get(value) : undefined;
          return (
            <tr key={`${i}:${header}`} className="border-b border-slate-100 align-top">
              <th scope="row" className="py-1.5 pr-3 font-medium">
                {header || <span className="text-slate-500">(no header)</span>}
              </th>
              <td className="max-w-64 truncate py-1.5 pr-3 text-slate-600">
                {samples(preview, i) || <span className="text-slate-500">(empty)</span>}
              </td>
              <td className="py-1.5 pr-3">
                <select
                  aria-label={`Map “${header}” to`}
                  className="w-full max-w-72 rounded border border-slate-300 px-2 py-1"
                  value={value}
                  onChange={(e) => onChange(header, e.target.value)}
                >
                  <option value={SKIP}>Don’t import</option>
                  {columns.map((c) => (
                    <option
                      key={c.key}
                      value={c.key}
                      disabled={c.key !== value && ((c.readOnly && c.key !== keyColumn) || !usableTarget(c, mode))}
                    >
                      {c.label}
                      {c.readOnly ? " (read-only)" : ""}
                    </option>
                  ))}
                </select>
              </td>
              <td className="py-1.5 text-slate-600">
                {other !== undefined && other !== header && (
                  <p className="text-red-700">
                    {byKey.get(value)?.label} is also mapped from “{other}”.
                  </p>
                )}
                {value !== SKIP && m?.target === value && m.matchedBy && (
                  <span>
                    Matched by{" "}
                    {m.matchedBy === "name"
                      ? "internal name"
                      : m.matchedBy === "label"
                        ? "label"
                        : "a usual name for it"}
                  </span>
                )}
                {value === SKIP && m && m.suggestions.length > 0 && (
                  <span className="flex flex-wrap items-center gap-1">
                    Suggested:
                    {m.suggestions.map((s) => (
                      <button
                        key={s.key}
                        type="button"
                        disabled={s.readOnly && s.key !== keyColumn}
                        aria-label={`Use ${s.label} for “${header}”`}
                        title={s.readOnly ? "Read-only property" : undefined}
                        className="rounded border border-slate-300 px-1.5 py-0.5 text-xs hover:bg-slate-100 disabled:opacity-50"
                        onClick={() => onChange(header, s.key)}
                      >
                        {s.label}
                        {s.readOnly ? " (read-only)" : ""}
                      </button>
                    ))}
                  </span>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
