/**
 * "The page's main content is drawn": the header's links wait for it before they prefetch their
 * routes, because each prefetch renders a page on the server and would compete with the grid's
 * first rows (its code chunk, its first page) for the same server and main thread.
 */
let drawn = false;
const waiting = new Set<() => void>();

/** Pages without a grid never say so: their header links prefetch this long after mounting. */
const FALLBACK_MS = 2500;

/**
 * Called once the first rows are committed (idempotent; later calls do nothing). The waiting runs
 * start after the next frame is painted, not before it: a prefetch's answer is parsed on the main
 * thread, and that work must not come between the rows and the screen.
 */
export function firstContentDrawn(): void {
  if (drawn) return;
  drawn = true;
  afterPaint(() => {
    for (const run of waiting) run();
    waiting.clear();
  });
}

/** After the next paint: a frame callback runs just before it, a task queued there runs after it. */
function afterPaint(run: () => void) {
  if (typeof requestAnimationFrame !== "function") return void setTimeout(run, 0);
  requestAnimationFrame(() => setTimeout(run, 0));
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
