import "server-only";
import { z } from "zod";
import { jobContract } from "../queue/contract";

/** The job queue that sends submissions to HubSpot (grid edits and uploads alike). */
export const SubmissionJob = jobContract("submission", z.object({ submissionId: z.string().min(1) }));

/**
 * Resumes a submission paused for HubSpot's daily limit (limit-pause.ts). `reason` is the pause this
 * job ends: a submission paused again since (or resumed by hand) is left alone.
 */
export const ResumeJob = jobContract(
  "submission-resume",
  z.object({ submissionId: z.string().min(1), reason: z.string() }),
);
