import "server-only";
import { sendJob } from "../queue/contract";
import { SubmissionJob } from "./job-contracts";

/** The submission queue's name (tests and benchmarks work it directly). */
export const SUBMISSION_QUEUE = SubmissionJob.name;

/**
 * Queues a submission to run (or resume); at most one unfinished job per submission. The process
 * that works it was started by its entry point (lib/jobs/in-process.ts, `npm run worker`).
 */
export async function startSubmission(submissionId: string) {
  await sendJob(SubmissionJob, { submissionId }, { singletonKey: submissionId });
}
