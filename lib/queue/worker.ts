import "server-only";
import { jobQueue, stopJobQueue, type JobHandler, type JobQueue, type QueueSettings, type WorkOptions } from "./queue";

/** A queue's handler, optionally with its work options and queue settings. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- handlers of every payload type live in one map
interface JobHandlerSpec<T = any> {
  handler: JobHandler<T>;
  options?: WorkOptions;
  /** Created/updated before working (default: the queue's existing settings, or IMPORT_QUEUE_DEFAULTS). */
  queue?: QueueSettings;
}

export type JobHandlers = Record<string, JobHandler | JobHandlerSpec>;

export interface StartWorkersOptions {
  /** Default: the process-wide `jobQueue()`. */
  queue?: JobQueue;
  /** Stop gracefully on SIGTERM/SIGINT (default true). A second signal stops at once. */
  handleSignals?: boolean;
  /** How long a graceful stop waits for running jobs before failing them for a retry (default 25 s). */
  shutdownTimeoutMs?: number;
  /** After a signal-triggered stop, exit the process (default true: a listener replaces Node's default exit). */
  exitOnSignal?: boolean;
  log?: (message: string) => void;
}

export interface Workers {
  queue: JobQueue;
  /** Queues started by this call (already-worked queues are skipped). */
  names: string[];
  /** Stops the job queue (the process-wide one when that is in use) and removes the signal handlers. */
  stop(options?: { graceful?: boolean; timeoutMs?: number }): Promise<void>;
}

/**
 * Works the given queues in this process: the dashboard in-process (PGlite, or PostgreSQL without
 * a separate worker) and `npm run worker` (scripts/worker.ts). Calling it again for a queue this
 * process already works (e.g. after a dev hot reload) does not add a second worker.
 */
export async function startWorkers(handlers: JobHandlers, opts: StartWorkersOptions = {}): Promise<Workers> {
  const log = opts.log ?? ((m: string) => console.log(`[jobs] ${m}`));
  const usesGlobal = !opts.queue;
  const queue = opts.queue ?? (await jobQueue());
  const already = new Set(queue.working());
  const names: string[] = [];
  for (const [name, entry] of Object.entries(handlers)) {
    if (already.has(name)) continue;
    const spec: JobHandlerSpec = typeof entry === "function" ? { handler: entry } : entry;
    if (spec.queue) await queue.createQueue(name, spec.queue);
    await queue.work(name, spec.handler, spec.options);
    names.push(name);
  }

  let stopping: Promise<void> | undefined;
  const signals = ["SIGTERM", "SIGINT"] as const;
  const timeoutMs = opts.shutdownTimeoutMs ?? 25_000;
  const exit = (code: number) => {
    if (opts.exitOnSignal !== false) process.exit(code);
  };
  const removeSignalHandlers = () => {
    for (const s of signals) process.off(s, onSignal);
  };
  const stopQueue = (options: { graceful?: boolean; timeoutMs?: number }) => {
    stopping ??= usesGlobal ? stopJobQueue({ timeoutMs, ...options }) : queue.stop({ timeoutMs, ...options });
    return stopping;
  };
  const stop = (options: { graceful?: boolean; timeoutMs?: number } = {}) => {
    removeSignalHandlers();
    return stopQueue(options);
  };
  let signalled = 0;
  function onSignal(signal: NodeJS.Signals) {
    if (++signalled > 1) {
      // A second signal: fail the running jobs for a retry elsewhere and leave.
      log(`${signal}: stopping now`);
      removeSignalHandlers();
      void queue.stop({ graceful: false }).finally(() => exit(1));
      return;
    }
    log(`${signal}: finishing running jobs (up to ${Math.round(timeoutMs / 1000)} s)…`);
    stopQueue({ graceful: true }).then(
      () => {
        log("stopped");
        removeSignalHandlers();
        exit(0);
      },
      (err) => {
        console.error("[jobs] stop failed", err);
        removeSignalHandlers();
        exit(1);
      },
    );
  }
  if (opts.handleSignals !== false) for (const s of signals) process.on(s, onSignal);
  return { queue, names, stop };
}
