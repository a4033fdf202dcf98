"use server";

import { z } from "zod";
import { authedAction } from "../actions/action-client";
import { ExpectedActionError } from "../actions/result";
import { startRunner, isRunning } from "./runner";
import { findSubmission, insertSubmission, refOf, submissionView } from "./store";
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
  void startRunner({ submissionId, resource: input.resource, connection: session.connection });
  return { submissionId };
});

/** Progress and outcomes; `after` is the cursor of the previous answer so that only new outcomes travel. */
export const getSubmission = authedAction(
  z.object({ id: z.string().uuid(), after: z.number().int().min(0).optional() }),
  async ({ id, after }, session) => {
    const view = await submissionView(id, session.connection.portalId, after ?? 0);
    if (!view) throw new ExpectedActionError("not_found", "This submission does not exist in this portal.");
    // Left running by a restart of this process: pick it up again.
    if (view.state === "running" && !isRunning(id)) {
      const s = await findSubmission(id, session.connection.portalId);
      if (s) void startRunner({ submissionId: id, resource: refOf(s), connection: session.connection });
    }
    return view;
  },
);
