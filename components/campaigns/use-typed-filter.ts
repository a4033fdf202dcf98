"use client";

import { useMemo } from "react";
import type { RecordList } from "@/components/records/use-record-list";

/**
 * The loaded campaigns whose name contains what is typed in the search box, until HubSpot answers
 * the search itself: typing filters at once, also while pages are still arriving (each new page is
 * filtered as it comes). Only a count of what is shown is known then, not HubSpot's total.
 */
export function useTypedFilter(list: RecordList, typed: string, searched: string | undefined): RecordList {
  const needle = typed.trim().toLowerCase();
  const pending = needle !== "" && needle !== (searched ?? "").toLowerCase();
  const rows = useMemo(
    () => (pending ? list.rows.filter((r) => (r.properties.hs_name ?? "").toLowerCase().includes(needle)) : list.rows),
    [pending, needle, list.rows],
  );
  return useMemo(
    () => (pending ? { ...list, rows, total: list.loadingMore ? null : rows.length } : list),
    [pending, list, rows],
  );
}
