import "server-only";
import { jobQueue, type Job } from "../jobs/queue";
import { env } from "../config/env";
import { startWorkers } from "../jobs/worker";
import { releaseAllLeases } from "./lease";
import { runSubmission } from "./runner";
import { startSweeper } from "./sweeper";

/** The job queue that sends submissions to HubSpot (grid edits and uploads alike). */
export const SUBMISSION_QUEUE = "submission";

export interface SubmissionJob {
  submissionId: string;
}

/**
 * The queue's handler. A run that stopped because its job was shut down or expired throws, so
 * pg-boss retries it (the retry resumes); paused, cancelled and finished runs complete the job.
 */
export async function submissionJob(job: Job<SubmissionJob>) {
  const result = await runSubmission(job.data.submissionId, job.signal);
  if (result === "aborted") throw new Error("stopped before the end; a retry resumes it");
  // "lost"/"skipped": another run holds the submission (a takeover), so this job is done.
  return { result };
}

const globalForWorkers = globalThis as unknown as { __batchboardWorkers?: Promise<unknown> };

/**
 * Works the queues in this process too (the embedded database belongs to this process; with
 * PostgreSQL, `npm run worker` processes add more workers), with a sweeper that takes over
 * submissions whose worker died. Once per process.
 */
export function ensureInProcessWorkers() {
  if (process.env.BATCHBOARD_IN_PROCESS_WORKERS === "0") return Promise.resolve();
  globalForWorkers.__batchboardWorkers ??= import("../jobs/handlers")
    .then(async ({ jobHandlers }) => {
      // PGlite: this is the only process, so a lease in the database belongs to a run that died with the last one.
      if (!env().DATABASE_URL) await releaseAllLeases();
      const workers = await startWorkers(jobHandlers, { handleSignals: false });
      startSweeper();
      console.log(`[jobs] this process works: ${workers.names.join(", ")}`);
      return workers;
    })
    .catch((err) => {
      globalForWorkers.__batchboardWorkers = undefined;
      throw err;
    });
  return globalForWorkers.__batchboardWorkers;
}

/** Queues a submission to run (or resume); at most one unfinished job per submission. */
export async function startSubmission(submissionId: string) {
  await ensureInProcessWorkers();
  await (await jobQueue()).send<SubmissionJob>(SUBMISSION_QUEUE, { submissionId }, { singletonKey: submissionId });
}
