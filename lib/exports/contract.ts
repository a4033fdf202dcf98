import "server-only";
import { z } from "zod";
import { jobContract } from "../queue/contract";

/** A view's export (job.ts): reads every record of the view and writes the file. */
export const ExportJob = jobContract("view-export", z.object({ exportId: z.string().uuid() }));
