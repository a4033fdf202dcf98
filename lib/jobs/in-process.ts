import "server-only";
import { env } from "../config/env";
import { beforeEverySend } from "../queue/contract";
import { startWorkers } from "../queue/worker";
import { releaseAllLeases } from "../submissions/lease";
import { startSweeper } from "../submissions/sweeper";
import { jobHandlers } from "./definitions";

const globalForWorkers = globalThis as unknown as { __batchboardWorkers?: Promise<unknown> };

/**
 * Works the queues in this process too (the embedded database belongs to this process; with
 * PostgreSQL, `npm run worker` processes add more workers), with a sweeper that takes over
 * submissions whose worker died. Once per process, called at its start (instrumentation.ts); from
 * then on every job queued in this process calls it again first (`beforeEverySend`), so a start that
 * failed is retried. Services only queue (lib/queue/contract.ts) and never import this: that keeps
 * the job definitions and the services that queue jobs free of import cycles.
 */
export function ensureInProcessWorkers() {
  if (process.env.BATCHBOARD_IN_PROCESS_WORKERS === "0") return Promise.resolve();
  beforeEverySend(ensureInProcessWorkers);
  globalForWorkers.__batchboardWorkers ??= (async () => {
    // PGlite: this is the only process, so a lease in the database belongs to a run that died with the last one.
    if (!env().DATABASE_URL) await releaseAllLeases();
    const workers = await startWorkers(jobHandlers, { handleSignals: false });
    startSweeper();
    console.log(`[jobs] this process works: ${workers.names.join(", ")}`);
    return workers;
  })().catch((err) => {
    globalForWorkers.__batchboardWorkers = undefined;
    throw err;
  });
  return globalForWorkers.__batchboardWorkers;
}
