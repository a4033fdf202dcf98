import "server-only";
import { ResumeJob, SubmissionJob } from "../submissions/job-contracts";
import { DryRunJob } from "../uploads/dry-run-contract";
import { RevertPlanJob } from "../reverts/plan-contract";
import { BulkEditDryRunJob } from "../bulk-edits/dry-run-contract";
import { BulkEditRunJob } from "../bulk-edits/run-contract";
import { ExportJob } from "../exports/contract";
import { EXPORT_LIMITS } from "../exports/limits";
import { defineJob, workerHandlers } from "./define-job";

/**
 * Every background job, one entry each: what `npm run worker` (scripts/worker.ts) and the in-process
 * workers (in-process.ts) run. Submissions run two at a time per process: each already keeps 4
 * batches in flight, and the portal's limiter is what bounds them.
 */
export const jobDefinitions = [
  defineJob({
    contract: SubmissionJob,
    work: { concurrency: 2, pollingIntervalSeconds: 1 },
    handler: async () => (await import("../submissions/submission-job")).submissionJob,
  }),
  // Resumes a submission paused for HubSpot's daily limit, at the time HubSpot's answer allows.
  defineJob({
    contract: ResumeJob,
    work: { concurrency: 1, pollingIntervalSeconds: 1 },
    handler: async () => (await import("../submissions/limit-pause")).resumeAfterLimitJob,
  }),
  // A dry run reads at the portal's rate limit like a submission; one failure is shown, not retried.
  defineJob({
    contract: DryRunJob,
    policy: { retryLimit: 0, expireInSeconds: 30 * 60 },
    work: { concurrency: 2, pollingIntervalSeconds: 1 },
    handler: async () => (await import("../uploads/dry-run-job")).dryRunJob,
  }),
  // A revert's preview reads like a dry run, and like it shows a failure rather than retrying.
  defineJob({
    contract: RevertPlanJob,
    policy: { retryLimit: 0, expireInSeconds: 30 * 60 },
    work: { concurrency: 2, pollingIntervalSeconds: 1 },
    handler: async () => (await import("../reverts/plan-job")).revertPlanJob,
  }),
  // A view's export reads the view page by page (at the search's 5 a second) and writes a file; it
  // stops itself at its time limit, the expiry is a backstop. A failure is shown, not retried.
  defineJob({
    contract: ExportJob,
    policy: { retryLimit: 0, expireInSeconds: Math.ceil(EXPORT_LIMITS.timeLimitMs / 1000) + 5 * 60 },
    work: { concurrency: 2, pollingIntervalSeconds: 1 },
    handler: async () => (await import("../exports/job")).exportJob,
  }),
  // A bulk edit's dry run streams a view (up to 1,000,000 records, 25 minutes); a failure is shown, not retried.
  defineJob({
    contract: BulkEditDryRunJob,
    policy: { retryLimit: 0, expireInSeconds: 30 * 60 },
    work: { concurrency: 2, pollingIntervalSeconds: 1 },
    handler: async () => (await import("../bulk-edits/dry-run-job")).bulkEditDryRunJob,
  }),
  // A bulk edit's run copies its set into its submission (resumable chunk by chunk), so a failed
  // attempt is retried; the last one's failure is shown.
  defineJob({
    contract: BulkEditRunJob,
    policy: { retryLimit: 3, retryDelay: 5, retryBackoff: true, expireInSeconds: 10 * 60 },
    work: { concurrency: 2, pollingIntervalSeconds: 1 },
    handler: async () => (await import("../bulk-edits/run-job")).bulkEditRunJob,
  }),
];

/** By queue name, as `startWorkers` takes them. */
export const jobHandlers = workerHandlers(jobDefinitions);
