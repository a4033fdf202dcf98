/** Arrays made by extending another (see `extend`): next → the array it extends. */
const extensions = new WeakMap<readonly unknown[], readonly unknown[]>();

/**
 * How many leading items `next` shares (by identity) with `prev` when `next` is `prev` with items
 * appended, else -1. Pages of a list stream in one after another, and each derivation of the loaded
 * rows (asOf, bases, grid rows, validation counts) extends what it made for `prev` instead of
 * rebuilding: otherwise loading n rows costs O(n²). An array made by `extend` from `prev` answers at
 * once; any other is compared item by item (pointers only).
 */
export function appendedTo<T>(prev: readonly T[] | undefined, next: readonly T[]): number {
  if (!prev || prev.length > next.length) return -1;
  // Follow the chain of extensions (two pages may arrive between two renders).
  for (let a = extensions.get(next); a && a.length >= prev.length; a = extensions.get(a))
    if (a === prev) return prev.length;
  for (let i = prev.length - 1; i >= 0; i--) if (prev[i] !== next[i]) return -1;
  return prev.length;
}

/** `prev` followed by `more`, as a new array that `appendedTo(prev, it)` recognises without a walk. */
export function extend<T>(prev: readonly T[], more: readonly T[]): T[] {
  // concat copies in one allocation (slice then push reallocates as it grows).
  const out = prev.concat(more);
  extensions.set(out, prev);
  return out;
}
