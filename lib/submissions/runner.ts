import "server-only";
import { eq } from "drizzle-orm";
import { accessTokenFor, ConnectionRevokedError } from "../auth/access-token";
import { runBatch } from "../batch/engine";
import type { RowOutcome } from "../batch/types";
import { limiterFor, searchLimiterFor } from "../batch/shared-rate-limiter";
import { db, tables } from "../db";
import { adapterFor } from "../hubspot/adapter-for";
import { HubSpotHttpClient } from "../hubspot/http-client";
import type { PauseVerdict } from "../batch/client";
import { pauseForLimit } from "./limit-pause";
import { claimLease, keepLease, newLeaseOwner, releaseLease } from "./lease";
import { finishSubmission, markSaving, recordOutcomes, refOf, setSubmissionState, unfinishedOperations } from "./store";

/**
 * Runs a submission (a grid's edits, an upload) through the batch engine, as a job of the
 * `submission` queue (lib/submissions/start.ts): resumable from what the database says, so a job
 * retried after a crash, an expiry or a shutdown picks up the unfinished rows, and rows that were
 * "saving" are checked before anything is re-sent (updates are idempotent; creates are looked up by
 * their natural key). The user pauses or cancels by changing the submission's state, which a running
 * job notices within a second; a revoked HubSpot connection pauses it with the reason.
 *
 * One run at a time per submission: a run holds its lease (lease.ts) and beats; a run whose worker
 * dies is taken over by another process's sweeper once the lease expires. "skipped": another live
 * run holds it, or it is not running; "lost": this run stalled and was taken over meanwhile.
 */
export type RunResult = "done" | "paused" | "cancelled" | "aborted" | "skipped" | "lost";

const STATE_CHECK_MS = 1_000;

/** How a pause for a revoked grant begins: signing in again resumes those (resume.ts). */
export const REVOKED_PREFIX = "HubSpot access was revoked";

async function loadRun(submissionId: string) {
  const database = await db();
  const [s] = await database.select().from(tables.submissions).where(eq(tables.submissions.id, submissionId));
  if (!s) return undefined;
  const [c] = await database
    .select({ id: tables.connections.id, apiBase: tables.connections.apiBase, portalId: tables.connections.portalId })
    .from(tables.connections)
    .where(eq(tables.connections.id, s.connectionId));
  return c ? { submission: s, connection: c } : undefined;
}

async function stateOf(submissionId: string) {
  const [s] = await (
    await db()
  )
    .select({ state: tables.submissions.state })
    .from(tables.submissions)
    .where(eq(tables.submissions.id, submissionId));
  return s?.state;
}

/** An outcome that only says "we stopped": not the row's fate. */
function interrupted(o: RowOutcome, stop: AbortSignal) {
  if (o.status !== "failed") return false;
  return o.error.category === "CANCELLED" || (stop.aborted && o.error.category === "UNKNOWN_OUTCOME");
}

export async function runSubmission(submissionId: string, signal?: AbortSignal): Promise<RunResult> {
  const run = await loadRun(submissionId);
  if (!run || run.submission.state !== "running") return "skipped";
  const { connection } = run;
  const owner = newLeaseOwner();
  if (!(await claimLease(submissionId, owner))) return "skipped";
  const stop = new AbortController();
  const lease = keepLease(submissionId, owner, () => stop.abort());
  const onAbort = () => stop.abort();
  signal?.addEventListener("abort", onAbort);
  let revoked: string | undefined;
  let limited: PauseVerdict | undefined;
  // Pause and cancel are written to the submission by any process; the job polls for them.
  const watch = setInterval(() => {
    void stateOf(submissionId).then(
      (s) => s !== "running" && stop.abort(),
      () => {},
    );
  }, STATE_CHECK_MS);
  const client = new HubSpotHttpClient({
    apiBase: connection.apiBase,
    token: async ({ force } = {}) => {
      try {
        return await accessTokenFor(connection.id, { force });
      } catch (err) {
        if (err instanceof ConnectionRevokedError) {
          revoked = err.message;
          stop.abort();
        }
        throw err;
      }
    },
  });

  try {
    const { ops, maybeSent } = await unfinishedOperations(submissionId);
    // A retried create may exist by now (fixed and saved elsewhere): looked up before it is sent, never duplicated.
    if (run.submission.source === "retry") for (const op of ops) if (op.kind === "create") maybeSent.add(op.rowKey);
    await runBatch(ops, {
      maybeSent,
      adapter: adapterFor(refOf(run.submission)),
      client,
      limiter: limiterFor(connection.portalId),
      // CRM's conflict scan reads search, which has its own limit (5/s), shared with the grid.
      searchLimiter: searchLimiterFor(connection.portalId),
      signal: stop.signal,
      // HubSpot's daily limit (or a long Retry-After): stop now, resume later (limit-pause.ts).
      onPause: (p) => {
        limited ??= p;
        stop.abort();
      },
      // Awaited: a row is "saving" before its write leaves, so a run after a crash reads it first.
      onSaving: (keys) => markSaving(submissionId, keys),
      // Rows the engine did not send because we stopped, or whose answer our stop cut off, stay
      // unfinished ("saving" ones are looked up first): the resumed run decides their fate.
      onOutcomes: (outcomes) =>
        recordOutcomes(
          submissionId,
          outcomes.filter((o) => !interrupted(o, stop.signal)),
        ),
    });
  } catch (err) {
    // The job is retried (or swept) at once, not after the lease runs out.
    await releaseLease(submissionId, owner, { handOver: true }).catch(() => {});
    throw err;
  } finally {
    clearInterval(watch);
    lease.stop();
    signal?.removeEventListener("abort", onAbort);
  }
  if (lease.lost()) return "lost";
  const result = await settleRun(submissionId, stop.signal, revoked, limited);
  await releaseLease(submissionId, owner, { handOver: result === "aborted" });
  return result;
}

/** What the run's end means for the submission: paused (revoked, or by the user), cancelled, done, or stopped early. */
async function settleRun(
  submissionId: string,
  stopped: AbortSignal,
  revoked: string | undefined,
  limited: PauseVerdict | undefined,
): Promise<RunResult> {
  if (revoked) {
    await setSubmissionState(
      submissionId,
      "paused",
      `${REVOKED_PREFIX}: ${revoked} Sign in with HubSpot again to resume.`,
    );
    return "paused";
  }
  if (limited && (await stateOf(submissionId)) === "running") {
    await pauseForLimit(submissionId, limited);
    return "paused";
  }
  if (stopped.aborted) {
    const state = await stateOf(submissionId);
    if (state === "cancelled") {
      await finishSubmission(submissionId, "cancelled");
      return "cancelled";
    }
    return state === "paused" ? "paused" : "aborted";
  }
  await finishSubmission(submissionId);
  return "done";
}
