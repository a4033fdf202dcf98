/**
 * "Detect from the values" decides day-first or month-first per column, not per cell: a US export
 * writes 6/3/2027 and 11/26/2027 in one column, and the second settles the first. A first pass over
 * the file looks at each mapped date column's numeric dates (numericDateOrder): a column whose
 * deciding values all agree takes that order for its ambiguous cells; a column with none (every
 * value either way) or with both (an inconsistent file) keeps reading each cell alone, so its
 * ambiguous cells are flagged and the user chooses the format.
 */
import type { TargetColumn } from "../types";
import { numericDateOrder, type DateOrder } from "@/lib/properties/dates";
import type { ReadOptions } from "@/lib/properties/read-options";
import { SKIP, type ColumnMapping } from "./schemas";

/** Target column key → the order its values settled. Only decided columns are listed. */
export type DateOrders = Record<string, DateOrder>;

export interface DateOrderInput {
  headers: readonly string[];
  mapping: ColumnMapping;
  columns: readonly TargetColumn[];
  options: Pick<ReadOptions, "dateFormat">;
}

export interface DateOrderDetector {
  /** False when no column needs it (no date column mapped, or a fixed format): skip the pass. */
  readonly needed: boolean;
  push(cells: readonly string[]): void;
  result(): DateOrders;
}

export function dateOrderDetector(s: DateOrderInput): DateOrderDetector {
  const byKey = new Map(s.columns.map((c) => [c.key, c]));
  const watched: { index: number; key: string; seen: Set<DateOrder> }[] = [];
  if (s.options.dateFormat === "auto") {
    s.headers.forEach((header, index) => {
      const key = Object.hasOwn(s.mapping, header) ? s.mapping[header]! : SKIP;
      const column = byKey.get(key);
      if (column && (column.type === "date" || column.type === "datetime") && !watched.some((w) => w.key === key))
        watched.push({ index, key, seen: new Set() });
    });
  }
  return {
    needed: watched.length > 0,
    push(cells) {
      for (const w of watched) {
        if (w.seen.size === 2) continue; // already inconsistent: nothing more to learn
        const order = numericDateOrder(cells[w.index] ?? "");
        if (order === "DMY" || order === "MDY") w.seen.add(order);
      }
    },
    result() {
      const out: DateOrders = {};
      for (const w of watched) if (w.seen.size === 1) out[w.key] = [...w.seen][0]!;
      return out;
    },
  };
}

/** The whole first pass, over rows (an array) or batches of rows (a parser's stream). */
export async function detectDateOrders(
  rows: Iterable<readonly string[]> | AsyncIterable<readonly (readonly string[])[]>,
  s: DateOrderInput,
): Promise<DateOrders> {
  const d = dateOrderDetector(s);
  if (!d.needed) return {};
  if (Symbol.asyncIterator in rows) {
    for await (const batch of rows) for (const cells of batch) d.push(cells);
  } else for (const cells of rows) d.push(cells);
  return d.result();
}
