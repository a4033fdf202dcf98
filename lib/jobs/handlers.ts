import "server-only";
import { SUBMISSION_QUEUE, submissionJob } from "../submissions/start";
import { RESUME_QUEUE, resumeAfterLimitJob } from "../submissions/limit-pause";
import { DRY_RUN_QUEUE, dryRunJob } from "../uploads/dry-run-job";
import { revertPlanJob } from "../reverts/plan-job";
import { REVERT_PLAN_QUEUE } from "../reverts/service";
import type { JobHandlers } from "./worker";

/**
 * Every job queue's handler, by queue name: what `npm run worker` (scripts/worker.ts) and the
 * in-process workers run. Submissions run two at a time per process: each already keeps 4 batches
 * in flight, and the portal's limiter is what bounds them.
 */
export const jobHandlers: JobHandlers = {
  [SUBMISSION_QUEUE]: { handler: submissionJob, options: { concurrency: 2, pollingIntervalSeconds: 1 } },
  // Resumes a submission paused for HubSpot's daily limit, at the time HubSpot's answer allows.
  [RESUME_QUEUE]: { handler: resumeAfterLimitJob, options: { concurrency: 1, pollingIntervalSeconds: 1 } },
  // A dry run reads at the portal's rate limit like a submission; one failure is shown, not retried.
  [DRY_RUN_QUEUE]: { handler: dryRunJob, options: { concurrency: 2, pollingIntervalSeconds: 1 }, queue: { retryLimit: 0, expireInSeconds: 30 * 60 } },
  // A revert's preview reads like a dry run, and like it shows a failure rather than retrying.
  [REVERT_PLAN_QUEUE]: { handler: revertPlanJob, options: { concurrency: 2, pollingIntervalSeconds: 1 }, queue: { retryLimit: 0, expireInSeconds: 30 * 60 } },
};
