import "server-only";
import type { z } from "zod";
import { and, eq } from "drizzle-orm";
import { tables } from "../db";
import type { Job } from "../queue/queue";
import { sendJob } from "../queue/contract";
import type { PauseVerdict } from "../batch/client";
import { setSubmissionState } from "./store";
import { ResumeJob } from "./job-contracts";
import { resumePaused } from "./resume-paused";

/**
 * A submission paused because HubSpot asked to wait long (the portal's daily request limit, or a
 * Retry-After beyond a minute): nothing failed, the unsent rows stay pending. A delayed job on the
 * `submission-resume` queue resumes it at the time given; the user can resume it by hand before.
 */
type ResumeJobData = z.output<typeof ResumeJob.payload>;

const when = (d: Date) => d.toISOString().slice(0, 16).replace("T", " ") + " UTC";

/** The pause's reason in plain words, with when it resumes (shown after "Paused: "). */
export function limitPauseReason(p: PauseVerdict): string {
  if (p.daily) {
    return (
      `HubSpot's daily limit of API requests for this portal is used up (HubSpot resets it at midnight in the portal's time zone). ` +
      `Nothing failed: resumes at ${when(p.resumeAt)} by itself, checking again every hour until the limit is reset. You can also resume it now.`
    );
  }
  return `HubSpot asked Batchboard to wait (HTTP ${p.status}). Nothing failed: resumes at ${when(p.resumeAt)} by itself. You can also resume it now.`;
}

export async function pauseForLimit(submissionId: string, p: PauseVerdict) {
  const reason = limitPauseReason(p);
  await setSubmissionState(submissionId, "paused", reason);
  await sendJob(ResumeJob, { submissionId, reason }, { startAfter: p.resumeAt });
}

/** The delayed job: runs the submission again if it is still paused for this very reason. */
export async function resumeAfterLimitJob(job: Job<ResumeJobData>) {
  const { submissions } = tables;
  const { submissionId, reason } = job.data;
  const resumed = await resumePaused(and(eq(submissions.id, submissionId), eq(submissions.pausedReason, reason)));
  return { resumed: resumed.length > 0 };
}
