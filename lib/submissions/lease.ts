import "server-only";
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { and, eq, isNotNull, sql } from "drizzle-orm";
import { env } from "../config/env";
import { db, tables } from "../db";

/**
 * A running submission's lease: the run that works it writes its owner id and a heartbeat every
 * `heartbeatMs()`. A heartbeat older than SUBMISSION_LEASE_SECONDS (default 45) means its worker
 * died (killed, host lost) and any worker process's sweeper (sweeper.ts) takes it over, instead of
 * waiting for the job queue's 15-minute expiry. Times are the database's `now()`, so processes on
 * several hosts need no agreement on their clocks. Claiming is one conditional UPDATE: of two
 * processes trying, exactly one wins.
 */
const { submissions } = tables;

export const leaseSeconds = () => env().SUBMISSION_LEASE_SECONDS;
/** Four heartbeats per lease (at most every 10 s): one slow database call does not lose it. */
export const heartbeatMs = () => Math.min(10_000, (leaseSeconds() * 1000) / 4);

/** How often each worker process looks for stalled submissions: a takeover starts at most lease + this after the last beat. */
export const sweepIntervalMs = () => Math.min(15_000, (leaseSeconds() * 1000) / 3);

/** A new owner id per run (not per process: a retried job and a takeover in one process are two runs). */
export const newLeaseOwner = () => `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

const expired = () => sql`${submissions.heartbeatAt} < now() - make_interval(secs => ${leaseSeconds()}::float8)`;

/** Takes the lease of a running submission that nobody holds or whose holder stopped beating. */
export async function claimLease(submissionId: string, owner: string): Promise<boolean> {
  const rows = await (
    await db()
  )
    .update(submissions)
    .set({ leaseOwner: owner, heartbeatAt: sql`now()` })
    .where(
      and(
        eq(submissions.id, submissionId),
        eq(submissions.state, "running"),
        sql`(${submissions.leaseOwner} is null or ${submissions.heartbeatAt} is null or ${expired()})`,
      ),
    )
    .returning({ id: submissions.id });
  return rows.length > 0;
}

/** Renews the lease; false when another process has taken it over (this run must stop). */
export async function renewLease(submissionId: string, owner: string): Promise<boolean> {
  const rows = await (
    await db()
  )
    .update(submissions)
    .set({ heartbeatAt: sql`now()` })
    .where(and(eq(submissions.id, submissionId), eq(submissions.leaseOwner, owner)))
    .returning({ id: submissions.id });
  return rows.length > 0;
}

/**
 * Ends this run's hold. `handOver`: the run stopped without finishing (shutdown, expiry), so the
 * lease is left expired at once and the next sweep anywhere takes the submission over.
 */
export async function releaseLease(submissionId: string, owner: string, opts: { handOver?: boolean } = {}) {
  await (
    await db()
  )
    .update(submissions)
    .set(opts.handOver ? { heartbeatAt: sql`'epoch'::timestamptz` } : { leaseOwner: null })
    .where(and(eq(submissions.id, submissionId), eq(submissions.leaseOwner, owner)));
}

/** Running submissions whose worker stopped beating: the sweeper's candidates. */
export async function stalledSubmissions(limit = 20): Promise<string[]> {
  const rows = await (
    await db()
  )
    .select({ id: submissions.id })
    .from(submissions)
    .where(and(eq(submissions.state, "running"), isNotNull(submissions.leaseOwner), expired()))
    .limit(limit);
  return rows.map((r) => r.id);
}

/** Clears every lease: only when no other process can hold one (PGlite, at the start of its only process). */
export async function releaseAllLeases() {
  await (await db()).update(submissions).set({ leaseOwner: null }).where(isNotNull(submissions.leaseOwner));
}

/** Whether a submission row as read shows a running job whose worker stopped beating (shown as "Stalled"). */
export function isStalled(
  s: { state: string; leaseOwner: string | null; heartbeatAt: Date | null },
  now = Date.now(),
): boolean {
  return (
    s.state === "running" &&
    s.leaseOwner !== null &&
    s.heartbeatAt !== null &&
    now - s.heartbeatAt.getTime() > leaseSeconds() * 1000
  );
}

/**
 * Holds the lease while a run works: beats every `heartbeatMs()`, and calls `onLost` when another
 * process took the submission over (a run that stalled past its lease, e.g. a frozen event loop).
 */
export function keepLease(submissionId: string, owner: string, onLost: () => void): { stop(): void; lost(): boolean } {
  let lost = false;
  const timer = setInterval(() => {
    void renewLease(submissionId, owner).then(
      (ok) => {
        if (!ok && !lost) {
          lost = true;
          onLost();
        }
      },
      (err) => console.error("[submissions] heartbeat", err),
    );
  }, heartbeatMs());
  return { stop: () => clearInterval(timer), lost: () => lost };
}
