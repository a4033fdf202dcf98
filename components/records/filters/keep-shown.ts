import type { GridRow } from "@/components/grid/types";
import { isCreateKey } from "../edits/types";

/**
 * The rows to show under in-browser filters: those that match, those already shown under the same
 * filters (`shown`, updated here: an edit that makes a row stop matching must not make it jump
 * away), and rows added in this tab (empty until typed in, they would never match).
 */
export function keepShown(
  rows: readonly GridRow[],
  matches: (values: GridRow["values"]) => boolean,
  shown: Set<string>,
): { rows: GridRow[]; matching: number } {
  let matching = 0;
  const out = rows.filter((r) => {
    if (isCreateKey(r.id)) return true;
    if (shown.has(r.id) || matches(r.values)) {
      shown.add(r.id);
      matching++;
      return true;
    }
    return false;
  });
  return { rows: out, matching };
}
