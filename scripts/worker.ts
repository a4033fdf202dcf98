/**
 * `npm run worker`: works the job queues (lib/jobs/definitions.ts) in a process of its own, next to
 * the dashboard, on the same PostgreSQL database (DATABASE_URL). Run as many as you like: each job
 * goes to one of them. SIGTERM/SIGINT finish running jobs first (up to WORKER_SHUTDOWN_SECONDS,
 * default 25); a second signal stops at once — unfinished jobs are retried by another worker.
 *
 * Needs Node's `react-server` export condition, because the app's server modules import
 * "server-only": `tsx --conditions=react-server scripts/worker.ts`.
 */
import { jobHandlers } from "../lib/jobs/definitions";
import { startWorkers } from "../lib/queue/worker";
import { startSweeper } from "../lib/submissions/sweeper";

if (!process.env.DATABASE_URL) {
  console.error(
    "npm run worker needs DATABASE_URL (PostgreSQL). The embedded PGlite database belongs to the dashboard's process, which works the jobs itself.",
  );
  process.exit(1);
}

const names = Object.keys(jobHandlers);
if (names.length === 0) console.warn("[worker] lib/jobs/definitions.ts defines no queues: nothing to work.");

const workers = await startWorkers(jobHandlers, {
  shutdownTimeoutMs: Number(process.env.WORKER_SHUTDOWN_SECONDS ?? 25) * 1000,
  log: (m) => console.log(`[worker] ${m}`),
});
console.log(`[worker] pid ${process.pid} working: ${workers.names.join(", ") || "(none)"}`);
// Takes over submissions whose worker died (lib/submissions/sweeper.ts); on a signal its runs hand their leases over.
const sweeper = startSweeper({ log: (m) => console.log(`[worker] ${m}`) });
for (const s of ["SIGTERM", "SIGINT"] as const) process.once(s, () => void sweeper.stop());
