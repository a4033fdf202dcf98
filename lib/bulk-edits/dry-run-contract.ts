import "server-only";
import { z } from "zod";
import { jobContract } from "../queue/contract";

/** A bulk edit's dry run (dry-run-job.ts): streams the view and stores the fixed set of changes. */
export const BulkEditDryRunJob = jobContract("bulk-edit-dry-run", z.object({ bulkEditId: z.string().uuid() }));
