import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { ExpectedActionError } from "../actions/result";
import type { Actor } from "../auth/actor";
import { db, tables } from "../db";
import type { RowKind, StoredRowStatus } from "../db/values";
import { sendJob } from "../queue/contract";
import type { ResourceRef } from "../resources/ref";
import { describe } from "../resources/registry";
import { startSubmission } from "../submissions/start";
import { startDraftAs } from "../submissions/control";
import { findSubmission, insertSubmission, refOf } from "../submissions/store";
import { RevertPlanJob } from "./plan-contract";
import { skipError } from "./plan";
import { RevertPlanStateSchema, type RevertChoice, type RevertPlanState } from "./types";

/**
 * Revert, in two steps. `previewRevert` records a draft submission (source "revert") and queues the
 * job that reads what HubSpot holds now and plans each row (plan-job.ts); the draft's page shows the
 * preview. `runRevert` applies the user's choices (conflicts skipped or overwritten, created records
 * archived or kept) and starts the draft like any submission: a job with progress, pause and results,
 * recorded in history, itself revertable.
 */
const { submissions, submissionRows } = tables;

/**
 * A revert addresses records by HubSpot's id (saved rows record it even when the submission used an
 * email) and never creates, so it drops idProperty and uniqueProperty.
 */
export function revertRef(ref: ResourceRef): ResourceRef {
  return describe(ref).revertRef;
}

export const planStateOf = (plan: unknown): RevertPlanState | null =>
  RevertPlanStateSchema.safeParse(plan).data ?? null;

export async function setPlanState(draftId: string, plan: RevertPlanState, totalRows?: number) {
  await (
    await db()
  )
    .update(submissions)
    .set({ plan, ...(totalRows !== undefined && { totalRows }) })
    .where(eq(submissions.id, draftId));
}

/** Starts a revert's preview of a finished submission; answers the draft's id (its page shows the preview). */
export async function previewRevert(actor: Actor, submissionId: string): Promise<string> {
  const portalId = actor.connection.portalId;
  const original = await findSubmission(submissionId, portalId);
  if (!original || original.state === "draft")
    throw new ExpectedActionError("not_found", "This submission does not exist in this portal.");
  if (original.state === "running" || original.state === "paused") {
    throw new ExpectedActionError(
      "invalid_input",
      "This submission is still running. Wait for it to finish (or cancel it) before reverting it.",
    );
  }
  const database = await db();
  const running = await database
    .select({ id: submissions.id })
    .from(submissions)
    .where(and(eq(submissions.revertOf, submissionId), inArray(submissions.state, ["running", "paused"])));
  if (running.length)
    throw new ExpectedActionError(
      "invalid_input",
      "A revert of this submission is still running. Wait for it to finish before reverting again.",
    );
  const [{ saved } = { saved: 0 }] = await database
    .select({ saved: sql<number>`count(*)::int` })
    .from(submissionRows)
    .where(and(eq(submissionRows.submissionId, submissionId), eq(submissionRows.status, "saved")));
  if (Number(saved) === 0)
    throw new ExpectedActionError("invalid_input", "Nothing to revert: no row of this submission was saved.");
  // One preview per submission: an earlier one that was never run is replaced.
  await database.delete(submissions).where(and(eq(submissions.revertOf, submissionId), eq(submissions.state, "draft")));
  const draftId = await insertSubmission({
    userId: actor.userId,
    connectionId: actor.connection.id,
    portalId,
    resource: revertRef(refOf(original)),
    source: "revert",
    state: "draft",
    revertOf: submissionId,
    operations: [],
    plan: { state: "reading", read: 0, total: Number(saved) } satisfies RevertPlanState,
  });
  await sendJob(RevertPlanJob, { draftId }, { singletonKey: draftId });
  return draftId;
}

/** A draft revert of this portal whose preview is ready, or an error saying why not. */
async function readyDraft(draftId: string, portalId: number) {
  const draft = await findSubmission(draftId, portalId);
  if (!draft || draft.source !== "revert")
    throw new ExpectedActionError("not_found", "This revert does not exist in this portal.");
  if (draft.state !== "draft") throw new ExpectedActionError("invalid_input", "This revert has already been started.");
  if (planStateOf(draft.plan)?.state !== "ready")
    throw new ExpectedActionError("invalid_input", "The preview is not ready yet.");
  return draft;
}

/** Applies the user's choices to the draft's rows and starts it as this user. */
export async function runRevert(actor: Actor, draftId: string, choice: RevertChoice): Promise<string> {
  await readyDraft(draftId, actor.connection.portalId);
  const database = await db();
  const rows = (status: StoredRowStatus[], kind?: RowKind) =>
    and(
      eq(submissionRows.submissionId, draftId),
      inArray(submissionRows.status, status),
      kind ? eq(submissionRows.kind, kind) : undefined,
    );
  await database.transaction(async (tx) => {
    // Overwriting was confirmed: conflicts are sent with force (no check); a change made after the
    // preview to a row that was NOT a conflict is still caught by the engine's check.
    if (choice.conflicts === "overwrite") {
      await tx
        .update(submissionRows)
        .set({ status: "pending", force: true, error: null, conflictCurrent: null })
        .where(rows(["conflict"]));
    }
    if (!choice.archive) {
      await tx
        .update(submissionRows)
        .set({ status: "skipped", error: skipError("NOT_CONFIRMED"), conflictCurrent: null })
        .where(rows(["pending", "conflict"], "archive"));
    }
    // Whoever confirms runs it: on their grant, in their name (not the preview's reader's).
    if (!(await startDraftAs(actor, draftId, tx)))
      throw new ExpectedActionError("invalid_input", "This revert has already been started.");
  });
  await startSubmission(draftId);
  return draftId;
}

/** Throws the preview away (the user cancelled it): the draft and its rows go. */
export async function discardRevert(actor: Actor, draftId: string) {
  const draft = await findSubmission(draftId, actor.connection.portalId);
  if (!draft || draft.source !== "revert" || draft.state !== "draft")
    throw new ExpectedActionError("not_found", "This revert preview no longer exists.");
  await (await db()).delete(submissions).where(and(eq(submissions.id, draftId), eq(submissions.state, "draft")));
  return { discarded: draftId };
}

/** Reverts of a submission that were started (newest first), for "reverted by" on its page. */
export async function revertsOf(submissionId: string) {
  return (await db())
    .select({ id: submissions.id, createdAt: submissions.createdAt, state: submissions.state })
    .from(submissions)
    .where(and(eq(submissions.revertOf, submissionId), sql`${submissions.state} <> 'draft'`))
    .orderBy(sql`${submissions.createdAt} desc`);
}
