"use client";

import { useMemo, useRef } from "react";
import type { GridColumn, GridRow } from "@/components/grid/types";
import { rowMatcher } from "@/lib/records/match-filters";
import type { FilterGroups } from "@/lib/records/filters";
import { userTimeZone } from "@/lib/time/time-zone";
import { appendedTo, extend } from "../appended";
import { keepShown } from "./keep-shown";

/**
 * The loaded rows that match `filters`, for lists HubSpot cannot filter (campaigns, marketing
 * events). A row shown once stays shown until the filters change, so a row edited out of the
 * filter (or refreshed after submitting) does not jump away under the user's cursor; rows added in
 * this tab are always shown. Off (`enabled` false, CRM grids), rows pass through.
 */
export function useLoadedFilter(
  rows: readonly GridRow[],
  columns: readonly GridColumn[],
  filters: FilterGroups,
  enabled: boolean,
): { rows: readonly GridRow[]; matching: number; problems: string[] } {
  const key = JSON.stringify(filters);
  const shown = useRef({ key, ids: new Set<string>() });
  const matcher = useMemo(() => {
    const types = new Map(columns.map((c) => [c.key, c.type]));
    return rowMatcher(JSON.parse(key) as FilterGroups, (p) => types.get(p), {
      timeZone: userTimeZone(),
      now: Date.now(),
    });
  }, [key, columns]);
  // As pages append rows, only the new rows are matched (a streaming load filters each row once).
  const last = useRef<{ input: readonly GridRow[]; matcher: unknown; out: GridRow[]; matching: number }>(undefined);
  return useMemo(() => {
    if (!enabled || filters.length === 0) return { rows, matching: rows.length, problems: [] };
    if (shown.current.key !== key) shown.current = { key, ids: new Set() };
    const prev = last.current;
    const from = prev && prev.matcher === matcher ? appendedTo(prev.input, rows) : -1;
    const more = keepShown(from >= 0 ? rows.slice(from) : rows, matcher.matches, shown.current.ids);
    const out = prev && from >= 0 ? extend(prev.out, more.rows) : more.rows;
    const matching = (prev && from >= 0 ? prev.matching : 0) + more.matching;
    last.current = { input: rows, matcher, out, matching };
    return { rows: out, matching, problems: matcher.problems };
  }, [enabled, filters.length, rows, key, matcher]);
}
