/**
 * "The page's main content is drawn": the header's links wait for it before they prefetch their
 * routes, because each prefetch renders a page on the server and would compete with the grid's
 * first rows (its code chunk, its first page) for the same server and main thread.
 */
let drawn = false;
const waiting = new Set<() => void>();

/** Pages without a grid never say so: their header links prefetch this long after mounting. */
const FALLBACK_MS = 2500;

/** Called once the first rows are on screen (idempotent; later calls do nothing). */
export function firstContentDrawn(): void {
  if (drawn) return;
  drawn = true;
  for (const run of waiting) run();
  waiting.clear();
}

/** Runs `run` once the first content is drawn, or after FALLBACK_MS; returns a cancel. */
export function afterFirstContent(run: () => void): () => void {
  if (drawn) {
    run();
    return () => {};
  }
  const once = () => {
    clearTimeout(timer);
    waiting.delete(once);
    run();
  };
  const timer = setTimeout(once, FALLBACK_MS);
  waiting.add(once);
  return () => {
    clearTimeout(timer);
    waiting.delete(once);
  };
}
