import "server-only";
import { eq } from "drizzle-orm";
import { toActionError } from "../actions/errors";
import { limited, readCurrent } from "../batch/read-current";
import { limiterFor } from "../batch/shared-rate-limiter";
import { db, tables } from "../db";
import type { z } from "zod";
import type { Job } from "../queue/queue";
import type { RevertPlanJob } from "./plan-contract";
import { adapterFor } from "../hubspot/adapter-for";
import { readLoadTime } from "../hubspot/load-time";
import { clientForConnection } from "../auth/client-for-connection";
import { describe } from "../resources/registry";
import { resourceWording } from "../submissions/labels";
import { insertRows, refOf, submissionResultRows } from "../submissions/store";
import { planRevert } from "./plan";
import { setPlanState } from "./service";

/**
 * The revert preview as a job: reading 20,000 records at the portal's rate limit takes about 20 s,
 * longer than a request should live. It reads what HubSpot holds now for every record the
 * submission saved (only the properties it wrote), plans each row (plan.ts) and writes the draft's
 * rows and summary. Progress ("read 4,200 of 20,000") is stored on the draft, which its page polls.
 * Idempotent: a retried job starts over and replaces the draft's rows.
 */
export async function revertPlanJob(job: Job<z.output<typeof RevertPlanJob.payload>>) {
  const { draftId } = job.data;
  const database = await db();
  const [draft] = await database.select().from(tables.submissions).where(eq(tables.submissions.id, draftId));
  if (!draft || draft.state !== "draft" || !draft.revertOf) return { skipped: true };
  const [connection] = await database
    .select()
    .from(tables.connections)
    .where(eq(tables.connections.id, draft.connectionId));
  const [original] = await database.select().from(tables.submissions).where(eq(tables.submissions.id, draft.revertOf));
  if (!connection || !original) return { skipped: true };
  try {
    const rows = await submissionResultRows(original.id);
    const saved = rows.filter((r) => r.status === "saved");
    const adapter = adapterFor(refOf(draft));
    const ids = [
      ...new Set(saved.flatMap((r) => (r.kind === "archive" ? [] : [r.after?.id ?? r.recordId ?? ""])).filter(Boolean)),
    ];
    const properties = [...new Set(saved.filter((r) => r.kind === "update").flatMap((r) => Object.keys(r.sent)))];
    let last = 0;
    // Before the reads: every change they miss is stamped after it (the baselines' asOf, plan.ts).
    const loadedAt = readLoadTime(connection.apiBase);
    const current = await readCurrent(
      adapter,
      limited(clientForConnection(connection), limiterFor(connection.portalId)),
      ids,
      properties,
      (read) => {
        // A progress write per second at most.
        if (Date.now() - last < 1_000) return;
        last = Date.now();
        void setPlanState(draftId, { state: "reading", read, total: ids.length }).catch(() => {});
      },
    );
    const { label } = await resourceWording(refOf(draft), { connection });
    const plan = planRevert(rows, current, { canArchive: !!adapter.archive, label, loadedAt });
    await database.transaction(async (tx) => {
      await tx.delete(tables.submissionRows).where(eq(tables.submissionRows.submissionId, draftId));
      await insertRows(tx, draftId, plan, describe(refOf(draft)).nameKey);
    });
    await setPlanState(
      draftId,
      { state: "ready", summary: plan.summary, readAt: new Date().toISOString() },
      plan.operations.length,
    );
  } catch (err) {
    await setPlanState(draftId, { state: "failed", message: toActionError(err).message });
  }
  return { done: true };
}
