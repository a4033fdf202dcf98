import "server-only";
import type { z } from "zod";
import type { Job } from "../queue/queue";
import type { SubmissionJob } from "./job-contracts";
import { runSubmission } from "./runner";

type SubmissionJobData = z.output<typeof SubmissionJob.payload>;

/**
 * The submission queue's handler. A run that stopped because its job was shut down or expired throws,
 * so pg-boss retries it (the retry resumes); paused, cancelled and finished runs complete the job.
 */
export async function submissionJob(job: Job<SubmissionJobData>) {
  const result = await runSubmission(job.data.submissionId, job.signal);
  if (result === "aborted") throw new Error("stopped before the end; a retry resumes it");
  // "lost"/"skipped": another run holds the submission (a takeover), so this job is done.
  return { result };
}
