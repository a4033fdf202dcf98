import "server-only";
import { z } from "zod";
import { jobContract } from "../queue/contract";

/** A bulk edit's run (run-job.ts): copies the fixed set into its submission in chunks, then starts it. */
export const BulkEditRunJob = jobContract("bulk-edit-run", z.object({ bulkEditId: z.string().uuid() }));
