import "server-only";
import { SUBMISSION_QUEUE, submissionJob } from "../submissions/start";
import type { JobHandlers } from "./worker";

/**
 * Every job queue's handler, by queue name: what `npm run worker` (scripts/worker.ts) and the
 * in-process workers run. Submissions run two at a time per process: each already keeps 4 batches
 * in flight, and the portal's limiter is what bounds them.
 */
export const jobHandlers: JobHandlers = {
  [SUBMISSION_QUEUE]: { handler: submissionJob, options: { concurrency: 2, pollingIntervalSeconds: 1 } },
};
