"use client";

import type { GridColumn } from "@/components/grid/types";
import { MAX_FILTER_VALUES, type FilterOperator } from "@/lib/records/filters";

export interface Draft {
  value: string;
  highValue: string;
  values: string[];
}

interface Props {
  column: GridColumn;
  operator: FilterOperator;
  draft: Draft;
  onChange: (patch: Partial<Draft>) => void;
}

const input = "rounded border border-slate-300 bg-white px-2 py-1 text-sm";

/**
 * The value part of the filter editor, by column type and operator: text, number(s), ISO dates
 * (YYYY-MM-DD, the form filters store and links carry), a number of days, option checkboxes, Yes/No.
 */
export function ValueEditor({ column, operator, draft, onChange }: Props) {
  if (operator === "is_empty" || operator === "is_not_empty") return null;
  if (operator === "any_of" || operator === "none_of")
    return <OptionsEditor column={column} draft={draft} onChange={onChange} />;
  if (operator === "in_last_days" || operator === "in_next_days")
    return (
      <label className="flex items-center gap-2 text-sm">
        Days
        <input
          className={`${input} w-24`}
          inputMode="numeric"
          value={draft.value}
          onChange={(e) => onChange({ value: e.target.value })}
        />
      </label>
    );
  if (column.type === "bool")
    return (
      <fieldset className="flex items-center gap-3 text-sm">
        <legend className="sr-only">Value</legend>
        {[
          ["true", "Yes"],
          ["false", "No"],
        ].map(([value, label]) => (
          <label key={value} className="flex items-center gap-1">
            <input
              type="radio"
              name="filter-bool"
              checked={draft.value === value}
              onChange={() => onChange({ value })}
            />
            {label}
          </label>
        ))}
      </fieldset>
    );
  const dated = column.type === "date" || column.type === "datetime";
  const numeric = column.type === "number";
  const one = (label: string, key: "value" | "highValue") => (
    <label className="flex items-center gap-2 text-sm">
      {label}
      <input
        className={`${input} ${dated || numeric ? "w-32" : "w-56"}`}
        placeholder={dated ? "YYYY-MM-DD" : undefined}
        inputMode={numeric ? "decimal" : undefined}
        value={draft[key]}
        onChange={(e) => onChange({ [key]: e.target.value })}
      />
    </label>
  );
  if (operator === "between")
    return (
      <div className="flex items-center gap-2">
        {one("From", "value")}
        {one("To", "highValue")}
      </div>
    );
  return one(dated ? "Date" : "Value", "value");
}

function OptionsEditor({ column, draft, onChange }: Omit<Props, "operator">) {
  const options = column.options ?? [];
  if (options.length === 0)
    // A choice column whose options are unknown (an event's custom property): values typed, comma-separated.
    return (
      <label className="flex items-center gap-2 text-sm">
        Values (comma-separated)
        <input
          className={`${input} w-56`}
          value={draft.values.join(",")}
          onChange={(e) => onChange({ values: e.target.value.split(",").map((v) => v.trim()) })}
        />
      </label>
    );
  const chosen = new Set(draft.values);
  return (
    <fieldset className="flex max-h-48 flex-col gap-1 overflow-y-auto text-sm">
      <legend className="mb-1">Values (at most {MAX_FILTER_VALUES})</legend>
      {options.map((o) => (
        <label key={o.value} className="flex items-center gap-2">
          <input
            type="checkbox"
            checked={chosen.has(o.value)}
            onChange={(e) =>
              onChange({
                values: e.target.checked ? [...draft.values, o.value] : draft.values.filter((v) => v !== o.value),
              })
            }
          />
          {o.label}
        </label>
      ))}
    </fieldset>
  );
}
