/**
 * Runs once when a dashboard server process starts: it works the job queues too, so submissions
 * left unfinished by a restart resume without waiting for anyone to open a page (with the
 * embedded database this process is the only one that can; with PostgreSQL, `npm run worker`
 * processes add more). BATCHBOARD_IN_PROCESS_WORKERS=0 leaves the jobs to those.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { ensureInProcessWorkers } = await import("./lib/jobs/in-process");
  await ensureInProcessWorkers().catch((err) => console.error("[jobs] could not start the in-process workers", err));
}
