/**
 * Retry-After (RFC 9110), as the rate limiters and the HTTP client's retry policy read it: a short
 * wait is held, a longer one pauses the job instead (lib/hubspot/retry-policy.ts).
 */

/** Waits longer than this (from Retry-After) pause the job rather than hold it. */
export const MAX_INLINE_WAIT_MS = 60_000;

/** Retry-After in seconds (HubSpot sends seconds; an HTTP date is accepted too). */
export function retryAfterSeconds(headers: Headers): number | undefined {
  const v = headers.get("retry-after");
  if (!v) return undefined;
  const n = Number(v);
  if (Number.isFinite(n) && n >= 0) return n;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

/**
 * How long a portal's limiter holds every request after this answer: a 429's short Retry-After
 * (a longer one, or the daily limit, pauses the job instead, not every read of the portal).
 */
export function limiterPauseMs(res: Response): number {
  if (res.status !== 429) return 0;
  const s = retryAfterSeconds(res.headers);
  return s !== undefined && s * 1000 <= MAX_INLINE_WAIT_MS ? s * 1000 : 0;
}
