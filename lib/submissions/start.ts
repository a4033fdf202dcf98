import "server-only";
import { jobQueue, type Job } from "../jobs/queue";
import { startWorkers } from "../jobs/worker";
import { runSubmission } from "./runner";

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
  return { result };
}

const globalForWorkers = globalThis as unknown as { __batchboardWorkers?: Promise<unknown> };

/**
 * Works the queues in this process too (the embedded database belongs to this process; with
 * PostgreSQL, `npm run worker` processes add more workers). Once per process.
 */
export function ensureInProcessWorkers() {
  if (process.env.BATCHBOARD_IN_PROCESS_WORKERS === "0") return Promise.resolve();
  globalForWorkers.__batchboardWorkers ??= import("../jobs/handlers")
    .then(async ({ jobHandlers }) => {
      const workers = await startWorkers(jobHandlers, { handleSignals: false });
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
