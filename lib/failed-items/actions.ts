"use server";

import { z } from "zod";
import { authedAction } from "../actions/action-client";
import { ExpectedActionError } from "../actions/result";
import { parseStoredRef } from "../resources/registry";
import { gridTakeBack } from "../submissions/grid-take-back";
import { retryItems } from "./retry";
import { FailedSelectionSchema, type FailedSelection } from "./schemas";
import { describeKindOf, failedItemCount, groupItems, resolveItems } from "./store";
import { actorOf } from "../auth/actor";

/** The open items of a group (or of the selected ones still open in it) of the session's portal. */
async function itemsOf(portalId: number, { items: selected, ...group }: FailedSelection) {
  const items = await groupItems(portalId, group, { selected });
  if (!items.length) throw new ExpectedActionError("not_found", "These failed items were resolved in the meantime.");
  return items;
}

/** Dismisses a group (or the selected rows of it) with a reason: its items leave the list and keep their history. */
export const dismissFailedGroup = authedAction(
  FailedSelectionSchema.extend({ reason: z.string().trim().min(1, "Say why these are dismissed").max(500) }),
  async ({ reason, ...group }, session) => {
    const items = await itemsOf(session.connection.portalId, group);
    await resolveItems(
      items.map((i) => ({ submissionId: i.submission.id, rowKey: i.row.rowKey })),
      "dismissed",
      reason,
    );
    return { dismissed: items.length };
  },
);

/**
 * Sends a group's rows (or the selected ones) again as they were sent, as a new submission: only for
 * kinds of error a retry can fix (kinds.ts); creates HubSpot now holds are resolved, not resent (retry.ts).
 */
export const retryFailedGroup = authedAction(FailedSelectionSchema, async (group, session) => {
  const items = await itemsOf(session.connection.portalId, group);
  const kind = describeKindOf(
    group.kind,
    items[0] && parseStoredRef(items[0].submission.resource, items[0].submission.resourceRef),
  );
  if (!kind.retryable)
    throw new ExpectedActionError(
      "invalid_input",
      `Retrying can't fix these (${kind.label.toLowerCase()}): fix them in the grid, or dismiss them.`,
    );
  return retryItems(actorOf(session), items);
});

/** A group's rows (or the selected ones) as the grid takes them back (see failedRowsForGrid); they leave the list once saved. */
export const failedGroupForGrid = authedAction(FailedSelectionSchema, async (group, session) => {
  const items = await itemsOf(session.connection.portalId, group);
  return gridTakeBack(
    parseStoredRef(items[0]!.submission.resource, items[0]!.submission.resourceRef),
    items.map((i) => i.row),
  );
});

/** The navigation's count, refreshed as the user moves between pages. */
export const countFailedItems = authedAction(z.object({}), async (_input, session) =>
  failedItemCount(session.connection.portalId),
);
