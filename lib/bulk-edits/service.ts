import "server-only";
import { and, eq, gt, sql } from "drizzle-orm";
import { ExpectedActionError } from "../actions/result";
import type { Actor } from "../auth/actor";
import type { RowOperation } from "../batch/types";
import { db, tables } from "../db";
import { sendJob } from "../queue/contract";
import type { ResourceRef } from "../resources/ref";
import { deleteDraft, insertSubmission } from "../submissions/store";
import { BULK_EDIT_BOUNDS } from "./bounds";
import { BulkEditDryRunJob } from "./dry-run-contract";
import { BulkEditRunJob } from "./run-contract";
import { findBulkEdit, type BulkEditRow } from "./store";
import type { BulkEditRequest, PlannedChange } from "./types";

/**
 * A bulk edit of a view, in two steps like an upload: `startBulkEdit` records the request and queues
 * its dry run (dry-run-job.ts), whose page shows progress, counts and a sample; `runBulkEdit` queues
 * the job that turns the fixed set of changes into an ordinary submission (rows with the dry run's
 * values as baselines) and starts it (run-job.ts), so progress, per-row results, failed items, results files and revert are the
 * submissions'. A bulk edit is its starter's: another user of the portal neither sees nor runs it.
 */
const { bulkEdits } = tables;

/** The dry run of a bulk edit this user started in this portal, or not found. */
export async function ownBulkEdit(actor: Actor, id: string): Promise<BulkEditRow> {
  const row = await findBulkEdit(id, actor.connection.portalId);
  if (!row || row.userId !== actor.userId)
    throw new ExpectedActionError("not_found", "This bulk edit does not exist, or another user started it.");
  return row;
}

export async function startBulkEdit(actor: Actor, request: BulkEditRequest): Promise<string> {
  const database = await db();
  // One dry run at a time per user and portal (each reads at HubSpot's search rate); one stuck past
  // the time limit does not count.
  const since = new Date(Date.now() - BULK_EDIT_BOUNDS.timeLimitMs - 60_000);
  const [reading] = await database
    .select({ id: bulkEdits.id })
    .from(bulkEdits)
    .where(
      and(
        eq(bulkEdits.userId, actor.userId),
        eq(bulkEdits.portalId, actor.connection.portalId),
        eq(bulkEdits.state, "reading"),
        gt(bulkEdits.createdAt, since),
      ),
    );
  if (reading)
    throw new ExpectedActionError(
      "invalid_input",
      "Another bulk edit of yours is still reading its view. Wait for it or cancel it first.",
    );
  const [row] = await database
    .insert(bulkEdits)
    .values({
      userId: actor.userId,
      connectionId: actor.connection.id,
      portalId: actor.connection.portalId,
      request,
    })
    .returning({ id: bulkEdits.id });
  await sendJob(BulkEditDryRunJob, { bulkEditId: row!.id }, { singletonKey: row!.id });
  return row!.id;
}

/** The ref the submission writes with: by record id, never creating. */
const refOf = (request: BulkEditRequest): ResourceRef => ({ type: "crm", objectType: request.target.objectType });

/**
 * A planned change as a submission row: the dry run's value is the baseline the engine checks before
 * writing, with the dry-run page's load time as its asOf when it was known.
 */
export const changeOperation = (property: string, c: PlannedChange): RowOperation => ({
  rowKey: c.id,
  kind: "update",
  id: c.id,
  properties: { [property]: c.new },
  baseline: { updatedAt: c.updatedAt, ...(c.asOf ? { asOf: c.asOf } : {}), values: { [property]: c.old } },
  label: c.label ?? undefined,
});

/**
 * Runs a ready dry run: claims it (ready → preparing) with an empty draft submission, and queues the
 * job that copies the fixed set into the draft in chunks and starts it as this user (run-job.ts):
 * a set of 250,000 changes is never copied inside a request. The page shows the copy's progress,
 * then follows the submission.
 */
export async function runBulkEdit(actor: Actor, id: string): Promise<void> {
  const row = await ownBulkEdit(actor, id);
  if (row.state !== "ready")
    throw new ExpectedActionError(
      "invalid_input",
      row.state === "started" || row.state === "preparing"
        ? "This bulk edit has already been run."
        : "Its dry run is not ready.",
    );
  if (row.willChange === 0)
    throw new ExpectedActionError("invalid_input", "Nothing to change: no record of the view changes.");
  const submissionId = await insertSubmission({
    userId: actor.userId,
    connectionId: actor.connection.id,
    portalId: actor.connection.portalId,
    resource: refOf(row.request),
    source: "bulk-edit",
    state: "draft",
    operations: [],
  });
  const [claimed] = await (
    await db()
  )
    .update(bulkEdits)
    .set({ state: "preparing", submissionId })
    .where(and(eq(bulkEdits.id, id), eq(bulkEdits.state, "ready")))
    .returning({ id: bulkEdits.id });
  if (!claimed) {
    await deleteDraft(submissionId);
    throw new ExpectedActionError("invalid_input", "This bulk edit has already been run.");
  }
  await sendJob(BulkEditRunJob, { bulkEditId: id }, { singletonKey: id });
}

/** Cancels a dry run (reading or ready): nothing was sent; its stored changes go. */
export async function cancelBulkEdit(actor: Actor, id: string) {
  const row = await ownBulkEdit(actor, id);
  if (row.state === "started" || row.state === "preparing")
    throw new ExpectedActionError("invalid_input", "This bulk edit has already been run.");
  const database = await db();
  await database
    .update(bulkEdits)
    .set({ state: "cancelled" })
    .where(and(eq(bulkEdits.id, id), sql`${bulkEdits.state} in ('reading', 'ready', 'failed')`));
  await database.delete(tables.bulkEditChanges).where(eq(tables.bulkEditChanges.bulkEditId, id));
  return { cancelled: id };
}
