import { z } from "zod";

/** What the user chose on the preview: the action's input. */
export const RevertChoiceSchema = z.object({
  /** Rows changed in HubSpot since the submission: left as they are, or overwritten (confirmed). */
  conflicts: z.enum(["skip", "overwrite"]),
  /** Archive the records the submission created (confirmed). */
  archive: z.boolean(),
});
export type RevertChoice = z.infer<typeof RevertChoiceSchema>;

export const RevertSummarySchema = z.object({
  restore: z.number(),
  values: z.number(),
  archive: z.number(),
  conflicts: z.number(),
  skipped: z.record(z.string(), z.number()),
  notApplied: z.number(),
});

/** A draft revert's preview, stored on the draft (`submissions.plan`) and polled by its page. */
export const RevertPlanStateSchema = z.discriminatedUnion("state", [
  z.object({ state: z.literal("reading"), read: z.number(), total: z.number() }),
  z.object({ state: z.literal("ready"), summary: RevertSummarySchema, readAt: z.string() }),
  z.object({ state: z.literal("failed"), message: z.string() }),
]);
export type RevertPlanState = z.infer<typeof RevertPlanStateSchema>;
