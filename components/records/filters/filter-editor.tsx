"use client";

import { useEffect, useRef, useState } from "react";
import type { GridColumn } from "@/components/grid/types";
import { filterProblem } from "@/lib/records/filter-meaning";
import {
  MAX_FILTER_VALUES,
  OPERATORS_BY_TYPE,
  ViewFilterSchema,
  type FilterOperator,
  type ViewFilter,
} from "@/lib/records/filters";
import { operatorWords } from "./operator-words";
import { ValueEditor, type Draft } from "./value-editor";

interface Props {
  title: string;
  columns: readonly GridColumn[];
  initial?: ViewFilter;
  /** Puts the filter in the query; a message when a bound refuses it. */
  onApply: (filter: ViewFilter) => string | undefined;
  onClose: () => void;
}

const select = "rounded border border-slate-300 bg-white px-2 py-1 text-sm";

/** Only the fields its operator takes, so the URL carries no leftovers of an earlier choice. */
function toFilter(property: string, operator: FilterOperator, d: Draft): ViewFilter {
  if (operator === "is_empty" || operator === "is_not_empty") return { property, operator };
  if (operator === "any_of" || operator === "none_of")
    return { property, operator, values: [...new Set(d.values.filter((v) => v !== ""))] };
  if (operator === "between") return { property, operator, value: d.value.trim(), highValue: d.highValue.trim() };
  return { property, operator, value: d.value.trim() };
}

/**
 * Choose a column, an operator its type offers, then a value: a small non-modal dialog, all native
 * controls (keyboard and screen readers work as everywhere). Escape closes it.
 */
export function FilterEditor({ title, columns, initial, onApply, onClose }: Props) {
  const [property, setProperty] = useState(initial?.property ?? columns[0]?.key ?? "");
  const column = columns.find((c) => c.key === property) ?? columns[0]!;
  const operators = OPERATORS_BY_TYPE[column.type];
  const [operator, setOperator] = useState<FilterOperator>(initial?.operator ?? operators[0]!);
  const [draft, setDraft] = useState<Draft>({
    value: initial?.value ?? "",
    highValue: initial?.highValue ?? "",
    values: initial?.values ?? [],
  });
  const [error, setError] = useState<string>();
  const first = useRef<HTMLSelectElement>(null);
  useEffect(() => first.current?.focus(), []);

  const apply = () => {
    const filter = toFilter(column.key, operator, draft);
    if ((filter.values?.length ?? 0) > MAX_FILTER_VALUES) return setError(`At most ${MAX_FILTER_VALUES} values.`);
    const parsed = ViewFilterSchema.safeParse(filter);
    const problem = parsed.success ? filterProblem(parsed.data, column.type) : parsed.error.issues[0]?.message;
    const refused = problem ?? onApply(parsed.data!);
    if (refused) setError(refused);
    else onClose();
  };

  return (
    <div
      role="dialog"
      aria-label={title}
      className="flex flex-wrap items-end gap-3 rounded border border-slate-300 bg-white p-3 shadow"
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <form
        className="flex flex-wrap items-end gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          apply();
        }}
      >
        <label className="flex flex-col gap-1 text-sm">
          Column
          <select
            ref={first}
            className={select}
            value={column.key}
            onChange={(e) => {
              const next = columns.find((c) => c.key === e.target.value)!;
              setProperty(next.key);
              setOperator(OPERATORS_BY_TYPE[next.type][0]!);
              setDraft({ value: "", highValue: "", values: [] });
              setError(undefined);
            }}
          >
            {columns.map((c) => (
              <option key={c.key} value={c.key}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm">
          Condition
          <select
            className={select}
            value={operator}
            onChange={(e) => {
              setOperator(e.target.value as FilterOperator);
              setError(undefined);
            }}
          >
            {operators.map((op) => (
              <option key={op} value={op}>
                {operatorWords(op, column.type)}
              </option>
            ))}
          </select>
        </label>
        <ValueEditor column={column} operator={operator} draft={draft} onChange={(p) => setDraft({ ...draft, ...p })} />
        <button type="submit" className="rounded bg-slate-800 px-3 py-1 text-sm text-white hover:bg-slate-700">
          Apply filter
        </button>
        <button type="button" className="rounded px-2 py-1 text-sm text-slate-600 hover:bg-slate-100" onClick={onClose}>
          Cancel
        </button>
      </form>
      {error && (
        <p role="alert" className="basis-full text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
