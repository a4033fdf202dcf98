"use server";

import { z } from "zod";
import { authedAction } from "../actions/action-client";
import { ExpectedActionError } from "../actions/result";
import { startSubmission } from "./start";
import { gridTakeBack } from "./grid-take-back";
import { controlAs } from "./control";
import {
  findSubmission,
  insertRetryOfFailed,
  insertSubmission,
  refOf,
  submissionResultRows,
  submissionView,
} from "./store";
import { SubmitEditsInputSchema } from "./types";
import { actorOf } from "../auth/actor";

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

/** Pause, resume or cancel a running submission: its owner only (control.ts). */
export const controlSubmission = authedAction(ControlSchema, async ({ id, action }, session) => {
  await controlAs(actorOf(session), id, action);
  return submissionView(id, session.connection.portalId, Number.MAX_SAFE_INTEGER);
});

/**
 * Sends the failed rows of a submission again, as a new submission (for errors that pass: rate
 * limits, outages, fixed data in HubSpot), as the retrying user, on their grant.
 */
export const retryFailedRows = authedAction(z.object({ id: z.string().uuid() }), async ({ id }, session) => {
  const retryId = await insertRetryOfFailed(id, actorOf(session));
  if (!retryId) throw new ExpectedActionError("invalid_input", "No row of this submission failed.");
  await startSubmission(retryId);
  return { submissionId: retryId };
});

/**
 * The failed rows of a submission as the grid takes them back as pending edits: its resource's grid
 * path and storage key, and each row's record, values sent, baseline and error. Rows addressed by a
 * unique value instead of a record id (an older upload by email) cannot be placed in the grid and are counted.
 */
export const failedRowsForGrid = authedAction(z.object({ id: z.string().uuid() }), async ({ id }, session) => {
  const s = await findSubmission(id, session.connection.portalId);
  if (!s) throw new ExpectedActionError("not_found", "This submission does not exist in this portal.");
  return gridTakeBack(refOf(s), await submissionResultRows(id, "failed"));
});
