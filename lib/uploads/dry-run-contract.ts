import "server-only";
import { z } from "zod";
import { jobContract } from "../queue/contract";
import { UploadSettingsSchema } from "./service";

/**
 * The dry run of an upload (dry-run-job.ts). `connectionId` is the connection of the user who started
 * it: it reads on their grant and the draft is theirs (jobs queued before it existed: the upload's own).
 */
export const DryRunJob = jobContract(
  "upload-dry-run",
  z.object({
    uploadId: z.string().min(1),
    settings: UploadSettingsSchema,
    connectionId: z.string().optional(),
  }),
);
