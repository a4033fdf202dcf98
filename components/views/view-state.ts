import type { ViewQuery } from "@/lib/records/filters";

/** "All": no filters, the grid's default sort, no search. */
export const isEmptyQuery = (q: ViewQuery) => !q.filters.length && !q.sort && !q.q;

/**
 * Whether two queries select the same records in the same order. Both sides went through the one
 * zod schema (the URL's and the saved view's), so their filters serialise alike.
 */
export const sameQuery = (a: ViewQuery, b: ViewQuery) =>
  JSON.stringify(a.filters) === JSON.stringify(b.filters) &&
  (a.sort || undefined) === (b.sort || undefined) &&
  (a.q || undefined) === (b.q || undefined);

/**
 * Whether the grid shows the view's columns: as sets, over the columns the grid has (a property
 * deleted since the view was saved does not make it look changed), the always-shown one left out.
 */
export function sameColumns(
  saved: readonly string[],
  shown: readonly string[],
  all: readonly string[],
  locked: string,
) {
  const set = (cs: readonly string[]) => new Set(cs.filter((c) => c !== locked && all.includes(c)));
  const a = set(saved);
  const b = set(shown);
  return a.size === b.size && [...a].every((c) => b.has(c));
}
