"use server";

import { z } from "zod";
import { authedAction } from "../actions/action-client";
import { ExpectedActionError } from "../actions/result";
import { findSubmission } from "../submissions/store";
import { discardRevert, planStateOf, previewRevert, runRevert } from "./service";
import { RevertChoiceSchema } from "./types";
import { actorOf } from "../auth/actor";

const Id = z.object({ id: z.string().uuid() });

/** "Revert…" on a finished submission: starts the preview (a job) and answers the draft's id. */
export const startRevertPreview = authedAction(Id, async ({ id }, session) => ({
  draftId: await previewRevert(actorOf(session), id),
}));

/** The preview's state, polled by its page while it reads. */
export const revertPreviewState = authedAction(Id, async ({ id }, session) => {
  const draft = await findSubmission(id, session.connection.portalId);
  const plan = draft?.source === "revert" ? planStateOf(draft.plan) : null;
  if (!draft || !plan) throw new ExpectedActionError("not_found", "This revert preview no longer exists.");
  return { plan };
});

/** Runs the revert with the user's choices (conflicts skipped or overwritten, created records archived or kept). */
export const startRevert = authedAction(Id.extend(RevertChoiceSchema.shape), async ({ id, ...choice }, session) => ({
  submissionId: await runRevert(actorOf(session), id, choice),
}));

/** Cancels the preview: nothing was sent; the draft goes. */
export const cancelRevertPreview = authedAction(Id, async ({ id }, session) => discardRevert(actorOf(session), id));
