/**
 * Runs work items with at most `concurrency` in flight. A handler may return follow-up items (the
 * halves of a split batch, rows to resend); they go to the front of the queue so that work already
 * started finishes first and its rows get their outcomes early. `onQueued` hears how many items
 * wait to start, whenever that changes.
 */
export function runPool<W>(
  initial: W[],
  concurrency: number,
  handle: (w: W) => Promise<W[]>,
  onQueued?: (waiting: number) => void,
): Promise<void> {
  const queue = [...initial];
  let active = 0;
  return new Promise<void>((resolve, reject) => {
    const pump = () => {
      if (queue.length === 0 && active === 0) return resolve();
      while (active < Math.max(1, concurrency) && queue.length) {
        const w = queue.shift()!;
        onQueued?.(queue.length);
        active++;
        handle(w).then((more) => {
          queue.unshift(...more);
          if (more.length) onQueued?.(queue.length);
          active--;
          pump();
        }, reject);
      }
    };
    pump();
  });
}
