import "server-only";
import type { Actor } from "../auth/actor";
import type { CreateOp } from "../batch/adapter";
import { adapterFor } from "../hubspot/adapter-for";
import { clientForConnection } from "../auth/client-for-connection";
import { parseStoredRef } from "../resources/registry";
import { startSubmission } from "../submissions/start";
import { insertSubmission } from "../submissions/store";
import { itemsAsOperations, resolveItems, type groupItems } from "./store";

type Items = Awaited<ReturnType<typeof groupItems>>;

/**
 * Sends failed items again as they were sent, as a new submission on the grant of the user who asks.
 * A create is never sent again without looking its unique value (a campaign's name, a contact's
 * email) up first: one that HubSpot now holds (created by a later submission, or in HubSpot itself)
 * is resolved as "Already in HubSpot (record N)" instead of becoming a duplicate. The submission's
 * run looks them up once more before sending (runner.ts), for a record created in between.
 */
export async function retryItems(
  actor: Actor,
  items: Items,
): Promise<{ submissionId: string | null; alreadyThere: number }> {
  const first = items[0]!.submission;
  const ref = parseStoredRef(first.resource, first.resourceRef);
  const adapter = adapterFor(ref);
  const ops = itemsAsOperations(items);
  const itemOf = new Map(ops.map((op, i) => [op.rowKey, items[i]!]));
  const creates = ops.filter((op): op is CreateOp => op.kind === "create" && adapter.createKey?.(op) !== undefined);
  const found = new Map<string, string>(); // rowKey → record id
  if (creates.length && adapter.findByKeys) {
    const keys = creates.map((op) => adapter.createKey!(op)!);
    for (let i = 0; i < creates.length; i += adapter.batchSize) {
      const hits = await adapter.findByKeys(
        clientForConnection(actor.connection, { pace: "browse" }),
        keys.slice(i, i + adapter.batchSize),
        {},
        creates.slice(i, i + adapter.batchSize),
      );
      creates.slice(i, i + adapter.batchSize).forEach((op, j) => {
        const rec = hits.get(keys[i + j]!);
        if (rec) found.set(op.rowKey, rec.id);
      });
    }
  }
  for (const [rowKey, recordId] of found) {
    const it = itemOf.get(rowKey)!;
    await resolveItems(
      [{ submissionId: it.submission.id, rowKey: it.row.rowKey }],
      "exists",
      `Already in HubSpot (record ${recordId})`,
    );
  }
  const rest = ops.filter((op) => !found.has(op.rowKey));
  if (!rest.length) return { submissionId: null, alreadyThere: found.size };
  const submissionId = await insertSubmission({
    userId: actor.userId,
    connectionId: actor.connection.id,
    portalId: actor.connection.portalId,
    resource: ref,
    source: "retry",
    operations: rest,
  });
  await resolveItems(
    rest.map((op) => ({
      submissionId: itemOf.get(op.rowKey)!.submission.id,
      rowKey: itemOf.get(op.rowKey)!.row.rowKey,
    })),
    "retried",
    `Retried in submission ${submissionId}`,
  );
  await startSubmission(submissionId);
  return { submissionId, alreadyThere: found.size };
}
