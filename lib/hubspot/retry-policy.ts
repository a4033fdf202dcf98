import type { FailureVerdict } from "../batch/client";
import { MAX_INLINE_WAIT_MS } from "../batch/retry-after";

export type { FailureVerdict, PauseVerdict } from "../batch/client";
export { limiterPauseMs, MAX_INLINE_WAIT_MS, retryAfterSeconds } from "../batch/retry-after";

/**
 * What to do with a HubSpot error answer: retry after a wait, pause the job until a time, treat a
 * write as an unknown outcome, or take it as a rejection. One table for the HTTP client and the
 * batch engine (README, "How Batchboard treats HubSpot's answers").
 *
 * - 429 DAILY: the portal's daily request limit, reset at midnight in the portal's time zone.
 *   Retrying within seconds only burns requests: pause. Without a Retry-After we do not know the
 *   portal's midnight, so we check again at the next full hour (time zones' midnights fall on the
 *   hour, a few on the half hour): one request an hour while paused.
 * - 429 SECONDLY / TEN_SECONDLY_ROLLING, 423 Locked (HubSpot: wait at least 2 s), 477 Migration in
 *   Progress: nothing was done, so any call is retried after the wait.
 * - 5xx (502/503/504 from the gateway): retried for idempotent calls; a create's outcome is unknown.
 * - Any Retry-After is honoured; one longer than a job should sit waiting pauses instead.
 * The verdict's type is the batch engine's (lib/batch/client.ts); this is HubSpot's table for it.
 */

/** HubSpot asks for at least 2 s after a 423. */
const LOCKED_WAIT_MS = 2_000;

export interface FailureFacts {
  status: number;
  policyName?: string;
  /** Seconds from the Retry-After header, when sent. */
  retryAfterSeconds?: number;
  /** Whether sending the call again cannot apply it twice (reads, updates, archives). */
  idempotent: boolean;
  /** 0 for the first failure of this call. */
  attempt: number;
  now?: number;
}

export function backoff(attempt: number): number {
  // HubSpot's window is 10 s rolling, so back off towards ~1-2 s with jitter, capped.
  return Math.min(8000, 250 * 2 ** attempt) + Math.floor(Math.random() * 250);
}

export function classifyFailure(f: FailureFacts): FailureVerdict {
  const now = f.now ?? Date.now();
  const asked = f.retryAfterSeconds !== undefined ? f.retryAfterSeconds * 1000 : undefined;
  const wait = (min = 0): FailureVerdict => {
    const ms = Math.max(min, asked ?? backoff(f.attempt));
    return ms > MAX_INLINE_WAIT_MS
      ? { kind: "pause", resumeAt: new Date(now + ms), daily: false, status: f.status }
      : { kind: "retry", waitMs: ms };
  };
  if (f.status === 429 && f.policyName === "DAILY") {
    return {
      kind: "pause",
      resumeAt: new Date(asked !== undefined ? now + asked : nextHour(now)),
      daily: true,
      status: 429,
    };
  }
  if (f.status === 429 || f.status === 477) return wait();
  if (f.status === 423) return wait(LOCKED_WAIT_MS);
  if (f.status >= 500) return f.idempotent ? wait() : { kind: "unknown" };
  return { kind: "rejected" };
}

/** A minute past the next full hour (UTC), when a daily limit may have been reset. */
function nextHour(now: number): number {
  const hour = 3_600_000;
  return Math.floor(now / hour) * hour + hour + 60_000;
}
