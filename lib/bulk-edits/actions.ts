"use server";

import { z } from "zod";
import { authedAction } from "../actions/action-client";
import { actorOf } from "../auth/actor";
import { bulkEditView } from "./view";
import { cancelBulkEdit, runBulkEdit, startBulkEdit } from "./service";
import { BulkEditRequestSchema } from "./types";

const Id = z.object({ id: z.string().uuid() });

/** "Dry run" on the bulk edit form: records the request, queues the dry run, answers its id. */
export const startBulkEditDryRun = authedAction(BulkEditRequestSchema, async (request, session) => ({
  id: await startBulkEdit(actorOf(session), request),
}));

/** The dry run's progress, counts and sample, polled by its page. */
export const bulkEditState = authedAction(Id, async ({ id }, session) => bulkEditView(actorOf(session), id));

/** "Run": queues the job that makes the fixed set a submission; the page shows it preparing, then follows it. */
export const runBulkEditAction = authedAction(Id, async ({ id }, session) => {
  await runBulkEdit(actorOf(session), id);
  return { id };
});

/** "Cancel": the dry run stops (or its result goes); nothing was sent. */
export const cancelBulkEditAction = authedAction(Id, async ({ id }, session) => cancelBulkEdit(actorOf(session), id));
