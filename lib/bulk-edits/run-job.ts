import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { toActionError } from "../actions/errors";
import type { Actor } from "../auth/actor";
import { db, tables } from "../db";
import type { Job } from "../queue/queue";
import { startDraftAs } from "../submissions/control";
import { startSubmission } from "../submissions/start";
import { deleteDraft, insertRows } from "../submissions/store";
import type { BulkEditRunJob } from "./run-contract";
import { changeOperation } from "./service";
import { changeChunks, findBulkEditById, updateBulkEdit } from "./store";

const { bulkEdits, submissions } = tables;

/**
 * "Run" as a job: copies the dry run's fixed set into its draft submission one stored chunk (1,000
 * changes) per transaction, then starts the submission as the user who ran it (read from the
 * database). The draft's `totalRows` is the count copied so far, raised in the same transaction as
 * the chunk's rows: it is the page's "Preparing N of M", and where a retried attempt resumes (the
 * chunks are fixed, so the count falls on a chunk's end), so no row is copied twice. The start is
 * one transaction (bulk edit → started, draft → running), so a retry never starts a second
 * submission; a retry after it only queues the submission's job again (one per submission).
 * `afterChunk` lets a test stop an attempt midway.
 */
export async function bulkEditRunJob(
  job: Job<z.output<typeof BulkEditRunJob.payload>>,
  opts: { afterChunk?: (copied: number) => void } = {},
) {
  const row = await findBulkEditById(job.data.bulkEditId);
  if (!row?.submissionId) return { skipped: true };
  const submissionId = row.submissionId;
  if (row.state === "started") {
    // An attempt that started the draft but failed before queueing it: queue it (one job per submission).
    const [sub] = await (
      await db()
    )
      .select({ state: submissions.state })
      .from(submissions)
      .where(eq(submissions.id, submissionId));
    if (sub?.state === "running") await startSubmission(submissionId);
    return { started: submissionId };
  }
  if (row.state !== "preparing") return { skipped: true };
  const database = await db();
  try {
    const [connection] = await database
      .select()
      .from(tables.connections)
      .where(and(eq(tables.connections.id, row.connectionId), eq(tables.connections.userId, row.userId)));
    if (!connection || connection.status !== "active")
      throw new RunStopped("The HubSpot connection this bulk edit was run on has ended. Sign in again.");
    const actor: Actor = { userId: row.userId, connection };
    const property = row.request.edit.property;
    const [draft] = await database
      .select({ copied: submissions.totalRows })
      .from(submissions)
      .where(and(eq(submissions.id, submissionId), eq(submissions.state, "draft")));
    if (!draft) throw new RunStopped("Its submission is gone.");
    let seen = 0;
    for await (const chunk of changeChunks(row.id)) {
      job.signal.throwIfAborted();
      seen += chunk.length;
      if (seen <= draft.copied) continue; // copied by an earlier attempt
      await database.transaction(async (tx) => {
        await insertRows(tx, submissionId, { operations: chunk.map((c) => changeOperation(property, c)) }, undefined);
        await tx
          .update(submissions)
          .set({ totalRows: sql`${submissions.totalRows} + ${chunk.length}` })
          .where(eq(submissions.id, submissionId));
      });
      opts.afterChunk?.(seen);
    }
    const started = await database.transaction(async (tx) => {
      const [claimed] = await tx
        .update(bulkEdits)
        .set({ state: "started" })
        .where(and(eq(bulkEdits.id, row.id), eq(bulkEdits.state, "preparing")))
        .returning({ id: bulkEdits.id });
      return !!claimed && (await startDraftAs(actor, submissionId, tx));
    });
    if (started) await startSubmission(submissionId);
    return { started: submissionId, rows: seen };
  } catch (err) {
    // A stop, or the last attempt's failure: said on the page; the draft goes.
    if (err instanceof RunStopped || job.retryCount >= job.retryLimit) {
      const reason = err instanceof RunStopped ? err.message : toActionError(err).message;
      await updateBulkEdit(row.id, { state: "failed", message: `Preparing the run failed: ${reason}` });
      await deleteDraft(submissionId);
      return { failed: true };
    }
    throw err;
  }
}

class RunStopped extends Error {}
