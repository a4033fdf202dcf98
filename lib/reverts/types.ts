import { z } from "zod";

/** What the user chose on the preview: the action's input. */
export const RevertChoiceSchema = z.object({
  /** Rows changed in HubSpot since the submission: left as they are, or overwritten (confirmed). */
  conflicts: z.enum(["skip", "overwrite"]),
  /** Archive the records the submission created (confirmed). */
  archive: z.boolean(),
});
export type RevertChoice = z.infer<typeof RevertChoiceSchema>;

/** A revert preview's counts (lib/reverts/plan.ts). */
export const RevertSummarySchema = z.object({
  /** Updates that restore values, and how many values in all. */
  restore: z.number(),
  values: z.number(),
  /** Created records to archive (if the user confirms). */
  archive: z.number(),
  /** Rows changed in HubSpot since (skipped, or overwritten after confirmation); of which created records. */
  conflicts: z.number(),
  archiveConflicts: z.number(),
  /** Rows not sent, by reason code (plan.ts SKIP). */
  skipped: z.record(z.string(), z.number()),
  /** Rows of the submission that changed nothing (failed, conflicts, not sent). */
  notApplied: z.number(),
});

/** A draft revert's preview, stored on the draft (`submissions.plan`) and polled by its page. */
export const RevertPlanStateSchema = z.discriminatedUnion("state", [
  z.object({ state: z.literal("reading"), read: z.number(), total: z.number() }),
  z.object({ state: z.literal("ready"), summary: RevertSummarySchema, readAt: z.string() }),
  z.object({ state: z.literal("failed"), message: z.string() }),
]);
export type RevertPlanState = z.infer<typeof RevertPlanStateSchema>;
