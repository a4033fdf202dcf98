"use server";

import { z } from "zod";
import { authedAction } from "../actions/action-client";
import { ExpectedActionError } from "../actions/result";
import { startSubmission } from "./start";
import { gridTakeBack } from "./grid-take-back";
import { findSubmission, finishSubmission, insertRetryOfFailed, insertSubmission, refOf, setSubmissionState, submissionResultRows, submissionView } from "./store";
import { SubmitEditsInputSchema } from "./types";

/** Records the edits as a submission and starts sending them; the grid then polls `getSubmission`. */
export const submitEdits = authedAction(SubmitEditsInputSchema, async (input, session) => {
  const submissionId = await insertSubmission({
    userId: session.user.id,
    connectionId: session.connection.id,
    portalId: session.connection.portalId,
    resource: input.resource,
    operations: input.operations,
  });
  await startSubmission(submissionId);
  return { submissionId };
});

/** Progress and outcomes; `after` is the cursor of the previous answer so that only new outcomes travel. */
export const getSubmission = authedAction(
  z.object({ id: z.string().uuid(), after: z.number().int().min(0).optional() }),
  async ({ id, after }, session) => {
    const view = await submissionView(id, session.connection.portalId, after ?? 0);
    if (!view) throw new ExpectedActionError("not_found", "This submission does not exist in this portal.");
    return view;
  },
);

const ControlSchema = z.object({ id: z.string().uuid(), action: z.enum(["pause", "resume", "cancel"]) });

/**
 * Pause, resume or cancel a running submission. The running job notices a state change within a
 * second and stops after the batches in flight; resume queues it again and it picks up the rows
 * not finished. Cancel keeps what was saved; unsent rows show as "not sent".
 */
export const controlSubmission = authedAction(ControlSchema, async ({ id, action }, session) => {
  const s = await findSubmission(id, session.connection.portalId);
  if (!s) throw new ExpectedActionError("not_found", "This submission does not exist in this portal.");
  const active = s.state === "running" || s.state === "paused";
  if (!active) throw new ExpectedActionError("invalid_input", `This submission is ${s.state === "done" ? "finished" : s.state}; it cannot be ${action}d.`);
  if (action === "pause") await setSubmissionState(id, "paused", "Paused by you.");
  if (action === "cancel") {
    await setSubmissionState(id, "cancelled");
    // A paused submission has no job to notice: finish it here.
    if (s.state === "paused") await finishSubmission(id, "cancelled");
  }
  if (action === "resume") {
    await setSubmissionState(id, "running");
    await startSubmission(id);
  }
  return submissionView(id, session.connection.portalId, Number.MAX_SAFE_INTEGER);
});

/** Sends the failed rows of a submission again, as a new submission (for errors that pass: rate limits, outages, fixed data in HubSpot). */
export const retryFailedRows = authedAction(z.object({ id: z.string().uuid() }), async ({ id }, session) => {
  const retryId = await insertRetryOfFailed(id, session.connection.portalId, session.user.id);
  if (!retryId) throw new ExpectedActionError("invalid_input", "No row of this submission failed.");
  await startSubmission(retryId);
  return { submissionId: retryId };
});

/**
 * The failed rows of a submission as the grid takes them back as pending edits: its resource's grid
 * path and storage key, and each row's record, values sent, baseline and error. Rows addressed by a
 * unique value instead of a record id (an upload by email) cannot be placed in the grid and are counted.
 */
export const failedRowsForGrid = authedAction(z.object({ id: z.string().uuid() }), async ({ id }, session) => {
  const s = await findSubmission(id, session.connection.portalId);
  if (!s) throw new ExpectedActionError("not_found", "This submission does not exist in this portal.");
  return gridTakeBack(refOf(s), await submissionResultRows(id, "failed"));
});
