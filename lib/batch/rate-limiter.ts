/**
 * HubSpot limits each app to 110 requests per rolling 10 seconds per portal (public OAuth apps), and
 * every submission of a portal draws from that one budget. So the limiter is per portal and shared
 * by the whole process (`limiterForPortal`). The interface is small so that a PostgreSQL-backed
 * limiter can replace the in-memory one when several processes serve the same portal.
 */
import { limiterPauseMs } from "./retry-after";

export interface RateLimiter {
  /** Resolves when one request may be sent now (and counts it). Rejects if `signal` aborts. */
  acquire(signal?: AbortSignal): Promise<void>;
  /** Feedback from a HubSpot response: rate-limit headers, 429s. Cheap; may be a no-op. */
  observe(res: Response): void;
}

export interface SlidingWindowOptions {
  /** Requests allowed per window. Default 100: HubSpot's 110 minus headroom for other callers (token refresh, the grid's reads). */
  limit?: number;
  windowMs?: number;
  /** After a 429 nobody sends for this long (default 1 s; tests shorten it). */
  pauseAfter429Ms?: number;
  now?: () => number;
}

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
export const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal!.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });

/**
 * A sliding-window log: the send times of the last `limit` requests. A request waits until fewer
 * than `limit` were sent in the last `windowMs`. HubSpot counts a request when it arrives, a little
 * after we send it, so the log is a conservative view as long as some headroom is left.
 */
export class SlidingWindowLimiter implements RateLimiter {
  readonly limit: number;
  readonly windowMs: number;
  private readonly now: () => number;
  private readonly pauseAfter429Ms: number;
  private sent: number[] = [];
  /** Nothing is sent before this time (set when HubSpot says the budget is gone). */
  private pausedUntil = 0;
  /** Waiters are served in order so that one submission cannot starve another. */
  private queue: Promise<void> = Promise.resolve();

  constructor(opts: SlidingWindowOptions = {}) {
    this.limit = opts.limit ?? 100;
    this.windowMs = opts.windowMs ?? 10_000;
    this.now = opts.now ?? Date.now;
    this.pauseAfter429Ms = opts.pauseAfter429Ms ?? 1000;
  }

  acquire(signal?: AbortSignal): Promise<void> {
    const turn = this.queue.then(() => this.waitForSlot(signal));
    // A waiter that aborts must not block those behind it.
    this.queue = turn.catch(() => {});
    return turn;
  }

  private async waitForSlot(signal?: AbortSignal): Promise<void> {
    for (;;) {
      if (signal?.aborted) throw signal.reason;
      const now = this.now();
      while (this.sent.length && this.sent[0]! <= now - this.windowMs) this.sent.shift();
      const wait = Math.max(
        this.pausedUntil - now,
        this.sent.length >= this.limit ? this.sent[this.sent.length - this.limit]! + this.windowMs - now : 0,
      );
      if (wait <= 0) {
        this.sent.push(now);
        return;
      }
      await sleep(wait + 1, signal);
    }
  }

  /**
   * Adapts to what HubSpot reports. Another app or process on the same portal shows up as a lower
   * X-HubSpot-RateLimit-Remaining than our own log implies: when it gets near zero, pause for the
   * time it takes the window to free that many slots. A 429 pauses everyone for a second, instead
   * of letting every waiting batch walk into the same wall (longer when HubSpot's Retry-After says so).
   */
  observe(res: Response): void {
    const now = this.now();
    if (res.status === 429) {
      this.pausedUntil = Math.max(this.pausedUntil, now + Math.max(this.pauseAfter429Ms, limiterPauseMs(res)));
      return;
    }
    const remaining = Number(res.headers.get("x-hubspot-ratelimit-remaining") ?? NaN);
    const max = Number(res.headers.get("x-hubspot-ratelimit-max") ?? NaN);
    if (!Number.isFinite(remaining) || !Number.isFinite(max) || max <= 0) return;
    const reserve = 3;
    if (remaining < reserve)
      this.pausedUntil = Math.max(this.pausedUntil, now + ((reserve - remaining) * this.windowMs) / max);
  }
}

/** HubSpot's CRM search allows 5 requests per second per portal, on top of the general budget. */
export const SEARCH_PER_SECOND = 5;
/**
 * The window is a little longer than HubSpot's second: HubSpot counts a search when it arrives, and
 * arrivals spread by network jitter, so five sent within exactly one second can meet six in its.
 */
export const SEARCH_WINDOW_MS = 1150;

/** One limiter per portal per process. Tests and benchmarks pass their own limiter instead. */
const registry = new Map<string, RateLimiter>();

export function limiterForPortal(
  portalId: string | number,
  create: () => RateLimiter = () => new SlidingWindowLimiter(),
): RateLimiter {
  const key = String(portalId);
  let limiter = registry.get(key);
  if (!limiter) {
    limiter = create();
    registry.set(key, limiter);
  }
  return limiter;
}
