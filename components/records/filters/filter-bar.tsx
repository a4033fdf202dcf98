"use client";

import { Fragment, useRef, useState } from "react";
import type { GridColumn } from "@/components/grid/types";
import { filterProblem } from "@/lib/records/filter-meaning";
import { MAX_FILTER_GROUPS, type FilterGroups, type ViewFilter } from "@/lib/records/filters";
import { describeFilter } from "./describe-filter";
import { putFilter, removeFilter, type FilterSlot } from "./edit-groups";
import { FilterChip } from "./filter-chip";
import { FilterEditor } from "./filter-editor";

interface Props {
  columns: readonly GridColumn[];
  filters: FilterGroups;
  onChange: (filters: FilterGroups) => void;
  /** Why a link's filters could not be read (useViewQuery's `error`). */
  error?: string;
}

type Editing = { slot: FilterSlot; title: string; initial?: ViewFilter };

const button = "rounded border border-slate-300 bg-white px-2 py-0.5 text-sm hover:bg-slate-50 disabled:opacity-50";

/**
 * The grid's filters as chips, groups ORed ("or" between them), filters of a group ANDed; "Add
 * filter" adds to the last group, "Add an OR group" starts a new one. It only edits the filters
 * it is given: who reads them (HubSpot's search, or the loaded rows) is the page's business.
 */
export function FilterBar({ columns, filters, onChange, error }: Props) {
  const [editing, setEditing] = useState<Editing | null>(null);
  const opener = useRef<HTMLElement | null>(null);
  const open = (e: Editing) => {
    opener.current = document.activeElement as HTMLElement | null;
    setEditing(e);
  };
  const close = () => {
    setEditing(null);
    // Back where the user was (the chip or button), unless that element went away.
    requestAnimationFrame(() => opener.current?.isConnected && opener.current.focus());
  };
  const byKey = new Map(columns.map((c) => [c.key, c]));
  const last = Math.max(filters.length - 1, 0);

  return (
    <section aria-label="Filters" className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-2">
        {filters.map((group, gi) => (
          <Fragment key={gi}>
            {gi > 0 && <span className="text-xs font-semibold uppercase text-slate-500">or</span>}
            <span role="group" aria-label={`Filter group ${gi + 1}`} className="flex flex-wrap items-center gap-1">
              {group.map((f, fi) => {
                const column = byKey.get(f.property);
                const text = describeFilter(f, column);
                return (
                  <FilterChip
                    key={fi}
                    text={text}
                    problem={filterProblem(f, column?.type)}
                    onEdit={() => open({ slot: { group: gi, index: fi }, title: "Edit filter", initial: f })}
                    onRemove={() => onChange(removeFilter(filters, gi, fi))}
                  />
                );
              })}
            </span>
          </Fragment>
        ))}
        <button type="button" className={button} onClick={() => open({ slot: { group: last }, title: "Add filter" })}>
          Add filter
        </button>
        {filters.length > 0 && (
          <>
            <button
              type="button"
              className={button}
              disabled={filters.length >= MAX_FILTER_GROUPS}
              title={filters.length >= MAX_FILTER_GROUPS ? `At most ${MAX_FILTER_GROUPS} OR groups` : undefined}
              onClick={() => open({ slot: { group: filters.length }, title: "Add an OR group" })}
            >
              Add an OR group
            </button>
            <button type="button" className={button} onClick={() => onChange([])}>
              Clear filters
            </button>
          </>
        )}
      </div>
      {error && (
        <p role="alert" className="text-sm text-amber-800">
          {error}
        </p>
      )}
      {editing && (
        <FilterEditor
          key={`${editing.slot.group}:${editing.slot.index ?? "new"}:${editing.title}`}
          title={editing.title}
          columns={columns}
          initial={editing.initial}
          onApply={(f) => {
            const result = putFilter(filters, editing.slot, f);
            if ("error" in result) return result.error;
            onChange(result.groups);
            return undefined;
          }}
          onClose={close}
        />
      )}
    </section>
  );
}
