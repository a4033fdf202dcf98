import "server-only";
import { z } from "zod";
import { jobContract } from "../queue/contract";

/** A revert's preview (plan-job.ts): reads what HubSpot holds now and plans the draft's rows. */
export const RevertPlanJob = jobContract("revert-plan", z.object({ draftId: z.string().min(1) }));
