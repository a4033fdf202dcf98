/**
 * How many leading items `next` shares (by identity) with `prev` when `next` is `prev` with items
 * appended, else -1. Pages of a list stream in one after another, and each derivation of the loaded
 * rows (asOf, bases, grid rows, validation counts) extends what it made for `prev` instead of
 * rebuilding: otherwise loading n rows costs O(n²). The identity walk is O(prev) but only compares
 * pointers, a few microseconds for 100,000 rows.
 */
export function appendedTo<T>(prev: readonly T[] | undefined, next: readonly T[]): number {
  if (!prev || prev.length > next.length) return -1;
  for (let i = prev.length - 1; i >= 0; i--) if (prev[i] !== next[i]) return -1;
  return prev.length;
}
