import "server-only";
import { stalledSubmissions, sweepIntervalMs } from "./lease";
import { runSubmission, type RunResult } from "./runner";

/**
 * Takes over running submissions whose worker died. Every process that works the submission queue
 * runs one: every few seconds it looks for running submissions whose lease expired and runs them
 * here (the run claims the lease first, so of several sweepers exactly one takes each). A takeover
 * resumes from the database like any run: rows that were "saving" are looked up before anything is
 * re-sent. The dead worker's queue job is left to expire; its retry then finds the submission
 * finished or held, and stops. Worst case from the death to the takeover: the lease plus one sweep.
 */
export interface Sweeper {
  /** One pass (tests call it directly): the runs it started, each resolving to its result. */
  sweep(): Promise<Promise<RunResult>[]>;
  /** Stops sweeping and stops the runs it started (their leases are handed over, not dropped). */
  stop(): Promise<void>;
}

export function startSweeper(opts: { intervalMs?: number; log?: (m: string) => void } = {}): Sweeper {
  const log = opts.log ?? ((m: string) => console.log(`[submissions] ${m}`));
  const stopAll = new AbortController();
  const runs = new Map<string, Promise<RunResult>>();

  async function sweep() {
    if (stopAll.signal.aborted) return [];
    const started: Promise<RunResult>[] = [];
    for (const id of await stalledSubmissions()) {
      if (runs.has(id)) continue;
      const run = runSubmission(id, stopAll.signal)
        .then((r) => {
          if (r !== "skipped") log(`took over stalled submission ${id}: ${r}`);
          return r;
        })
        .catch((err): RunResult => {
          console.error(`[submissions] takeover of ${id} failed`, err);
          return "aborted";
        })
        .finally(() => runs.delete(id));
      runs.set(id, run);
      started.push(run);
    }
    return started;
  }

  const every = opts.intervalMs ?? sweepIntervalMs();
  const timer = setInterval(() => void sweep().catch((err) => console.error("[submissions] sweep", err)), every);
  timer.unref?.();
  return {
    sweep,
    async stop() {
      clearInterval(timer);
      stopAll.abort();
      await Promise.allSettled([...runs.values()]);
    },
  };
}
