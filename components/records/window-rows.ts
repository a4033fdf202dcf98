import type { GridRow } from "@/components/grid/types";

/** Placeholders kept (with stable identity, so rdg does not redraw them) before the cache starts over. */
const PLACEHOLDERS_KEPT = 2_000;

/**
 * The grid's rows for a windowed view, without a row object per record: an array-like whose
 * `length` is every row (so the scrollbar and Ctrl+End reach the end), whose first rows are `head`
 * (added rows), and whose other indexes are the loaded row at that view position or a read-only
 * "loading" placeholder made when asked for. react-data-grid only reads `length` and indexes of
 * the rows it draws; `with` (an editor's commit) returns a view with one row replaced, so nothing
 * ever copies a million rows. Code that iterates every row (range operations) must stay within
 * a selection: components/grid skips placeholders and says so.
 */
export function windowGridRows(
  head: readonly GridRow[],
  total: number,
  rowAt: (position: number) => GridRow | undefined,
  placeholders: Map<number, GridRow>,
  nameKey: string,
): readonly GridRow[] {
  const length = head.length + total;
  const at = (i: number): GridRow | undefined => {
    if (i < 0 || i >= length) return undefined;
    if (i < head.length) return head[i];
    const p = i - head.length;
    const row = rowAt(p);
    if (row) return row;
    let ph = placeholders.get(p);
    if (!ph) {
      if (placeholders.size >= PLACEHOLDERS_KEPT) placeholders.clear();
      ph = { id: `loading-${p}`, values: { [nameKey]: "Loading…" }, loading: true };
      placeholders.set(p, ph);
    }
    return ph;
  };
  return overlay(length, at);
}

function overlay(length: number, at: (i: number) => GridRow | undefined): readonly GridRow[] {
  const index = (prop: string | symbol) => (typeof prop === "string" && /^\d+$/.test(prop) ? Number(prop) : -1);
  return new Proxy([] as GridRow[], {
    get(target, prop, receiver) {
      if (prop === "length") return length;
      const i = index(prop);
      if (i >= 0) return at(i);
      if (prop === "with") return (n: number, row: GridRow) => overlay(length, (i: number) => (i === n ? row : at(i)));
      if (prop === Symbol.iterator)
        return function* () {
          for (let i = 0; i < length; i++) yield at(i)!;
        };
      return Reflect.get(target, prop, receiver);
    },
    has(_target, prop) {
      const i = index(prop);
      return i >= 0 ? i < length : prop === "length";
    },
  });
}
