import type { BatchClient, PauseVerdict, RequestOptions } from "./client";
import type { CallOptions, HubSpotRequester } from "./adapter";
import { rowErrors } from "./errors";
import type { RateLimiter } from "./rate-limiter";
import type { RowError } from "./types";

/**
 * One adapter call with the engine's retry policy. The HTTP client makes a single attempt per
 * request here, so that every attempt, retries included, passes the portal's rate limiter.
 *
 * - 429, 423, 477: HubSpot did nothing, so any call is retried after a backoff (Retry-After if sent).
 *   A daily limit or a long Retry-After asks the job to pause (`onPause`) instead: rows stay unsent.
 * - 5xx, network errors, timeouts: retried for idempotent calls (reads, updates). For a create the
 *   outcome is UNKNOWN (HubSpot may have applied it before failing): reported as such, never
 *   retried here; the engine looks the records up before sending anything again.
 * - other 4xx: rejected; nothing was written (the engine splits a 400 to find the bad rows).
 */
export type SendResult<T> =
  | { kind: "ok"; value: T }
  | { kind: "rejected"; status: number; body: unknown; message: string }
  | { kind: "gave-up"; error: RowError }
  | { kind: "unknown"; error: unknown }
  | { kind: "aborted"; sent: boolean };

export interface SendContext {
  client: BatchClient;
  limiter: RateLimiter;
  signal?: AbortSignal;
  maxAttempts: number;
  sleep: (ms: number) => Promise<void>;
  /** HubSpot asked to wait longer than a job should sit (daily limit): the caller stops the run and resumes later. */
  onPause?: (pause: PauseVerdict) => void;
}

export async function send<T>(
  ctx: SendContext,
  idempotent: boolean,
  fn: (http: HubSpotRequester, call: CallOptions) => Promise<T>,
): Promise<SendResult<T>> {
  let last: RowError = rowErrors.unexpected(new Error("no attempt made"));
  for (let attempt = 0; attempt < ctx.maxAttempts; attempt++) {
    if (ctx.signal?.aborted) return { kind: "aborted", sent: false };
    let sent = false;
    const http: HubSpotRequester = {
      request: async <R>(path: string, o: RequestOptions<R> = {}) => {
        await ctx.limiter.acquire(ctx.signal);
        sent = true;
        return ctx.client.request<R>(path, {
          ...o,
          maxAttempts: 1,
          signal: ctx.signal,
          onResponse: (res) => ctx.limiter.observe(res),
        });
      },
    };
    try {
      return { kind: "ok", value: await fn(http, { signal: ctx.signal }) };
    } catch (err) {
      if (ctx.signal?.aborted) return { kind: "aborted", sent };
      let waitMs = ctx.client.backoff(attempt);
      const answer = ctx.client.classifyFailure(err, { idempotent, attempt });
      if (answer) {
        const { verdict } = answer;
        if (verdict.kind === "rejected")
          return { kind: "rejected", status: answer.status, body: answer.body, message: answer.message };
        if (verdict.kind === "unknown") return { kind: "unknown", error: err };
        if (verdict.kind === "pause") {
          if (!ctx.onPause) return { kind: "gave-up", error: rowErrors.limitReached(verdict.resumeAt, answer.body) };
          ctx.onPause(verdict);
          return { kind: "aborted", sent: false };
        }
        waitMs = verdict.waitMs;
        last =
          answer.status === 429
            ? rowErrors.rateLimited(answer.body)
            : rowErrors.serverError(answer.status, answer.body);
      } else if (isNetworkError(err)) {
        if (!idempotent) return { kind: "unknown", error: err };
        last = rowErrors.network(err);
      } else {
        // A response we could not parse: HubSpot answered, but we cannot tell what it did.
        if (!idempotent) return { kind: "unknown", error: err };
        return { kind: "gave-up", error: rowErrors.unexpected(err) };
      }
      if (attempt + 1 < ctx.maxAttempts) await ctx.sleep(waitMs);
    }
  }
  return { kind: "gave-up", error: last };
}

/** fetch rejects with a TypeError ("fetch failed", connection reset) or a timeout DOMException. */
function isNetworkError(err: unknown): boolean {
  if (err instanceof TypeError) return true;
  const name = (err as { name?: string } | null)?.name;
  return name === "TimeoutError" || name === "AbortError" || name === "ConnectTimeoutError";
}
