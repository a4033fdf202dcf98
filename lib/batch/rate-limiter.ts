/**
 * HubSpot limits each app to 110 requests per rolling 10 seconds per portal (public OAuth apps), and
 * every submission of a portal draws from that one budget. So the limiter is per portal and shared
 * by the whole process (`limiterForPortal`). The interface is small so that a PostgreSQL-backed
 * limiter can replace the in-memory one when several processes serve the same portal.
 */
import {
  backgroundLimit,
  BROWSE_ACTIVE_MS,
  ENDING_LATE_MS,
  PORTAL_LIMIT,
  PORTAL_WINDOW_MS,
  slotWait,
  type AcquireKind,
} from "./budget";
import { limiterPauseMs } from "./retry-after";

export type { AcquireKind } from "./budget";

/** How a request waits its turn; the budget is the same for all. */
export interface AcquireHow {
  /**
   * Served before this process' queued requests of its kind: a request others wait on, such as
   * the conflict scan that lets a submission's batches skip their reads.
   */
  ahead?: boolean;
  /** One of a run's last sends: nothing of the run waits to start after it (budget.ts: ENDING_LATE_MS). */
  ending?: boolean;
}

export interface RateLimiter {
  /**
   * Resolves when one request may be sent now (and counts it). Rejects if `signal` aborts. A
   * "browse" request (a person waiting on a page) is served ahead of queued background ones.
   */
  acquire(signal?: AbortSignal, kind?: AcquireKind, how?: AcquireHow): Promise<void>;
  /** Feedback from a HubSpot response: rate-limit headers, 429s. Cheap; may be a no-op. */
  observe(res: Response): void;
}

export interface SlidingWindowOptions {
  /** Requests allowed per window. Default PORTAL_LIMIT per PORTAL_WINDOW_MS (budget.ts says why). */
  limit?: number;
  windowMs?: number;
  /** Slots background work leaves free while someone browses (default limit / 10, rounded down). */
  browseReserve?: number;
  /** Browsing counts as active this long after its last request (default BROWSE_ACTIVE_MS). */
  browseActiveMs?: number;
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

interface Waiter extends AcquireHow {
  kind: AcquireKind;
  resolve: () => void;
  signal?: AbortSignal;
  onAbort?: () => void;
}

/** In arrival order, except that `ahead` waiters go before every waiter that is not. */
export function queueUp<W extends { ahead?: boolean }>(waiters: W[], w: W): void {
  const i = w.ahead ? waiters.findIndex((x) => !x.ahead) : -1;
  if (i < 0) waiters.push(w);
  else waiters.splice(i, 0, w);
}

/**
 * A sliding-window log of send times that shares the budget adaptively (budget.ts): background
 * work gets all of it while nobody browses the portal, yet always leaves the log able to free a
 * slot within about one slot interval; a browse request jumps the queue, and for a few seconds
 * after one, background work leaves `browseReserve` slots free.
 */
export class SlidingWindowLimiter implements RateLimiter {
  readonly limit: number;
  readonly windowMs: number;
  readonly browseReserve: number;
  private readonly browseActiveMs: number;
  private readonly now: () => number;
  private readonly pauseAfter429Ms: number;
  /** Ascending by `at`. `answered`: the send time and round trip restamp moved it by (see observe). */
  private sent: { at: number; kind: AcquireKind; answered?: { sentAt: number; roundTrip: number } }[] = [];
  /** Round trips (send to answer, ms) of the last answers, for restamp's "usual". */
  private roundTrips: number[] = [];
  private lastBrowseAt = -Infinity;
  /** Nothing is sent before this time (set when HubSpot says the budget is gone). */
  private pausedUntil = 0;
  /** In arrival order; the first browse waiter goes first, then the rest in order. */
  private waiters: Waiter[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(opts: SlidingWindowOptions = {}) {
    this.limit = opts.limit ?? PORTAL_LIMIT;
    this.windowMs = opts.windowMs ?? PORTAL_WINDOW_MS;
    this.browseReserve = opts.browseReserve ?? Math.floor(this.limit / 10);
    this.browseActiveMs = opts.browseActiveMs ?? BROWSE_ACTIVE_MS;
    this.now = opts.now ?? Date.now;
    this.pauseAfter429Ms = opts.pauseAfter429Ms ?? 1000;
  }

  acquire(signal?: AbortSignal, kind: AcquireKind = "background", how: AcquireHow = {}): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    // Browsing is active from the moment it asks: background stops taking the reserve at once.
    if (kind === "browse") this.lastBrowseAt = this.now();
    return new Promise<void>((resolve, reject) => {
      const w: Waiter = { kind, resolve, signal, ahead: how.ahead, ending: how.ending };
      if (signal) {
        w.onAbort = () => {
          this.waiters = this.waiters.filter((x) => x !== w);
          reject(signal.reason);
          this.pump();
        };
        signal.addEventListener("abort", w.onAbort, { once: true });
      }
      queueUp(this.waiters, w);
      // Granted after the caller's synchronous code, as an await would be: the slot's time is
      // taken when the waiter can go on, not before the rest of a batch of acquires is queued.
      queueMicrotask(() => this.pump());
    });
  }

  /** Grants every waiter that may go now, in turn, and sets a timer for the next one. */
  private pump(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    for (;;) {
      const now = this.now();
      while (this.sent.length && this.sent[0]!.at < now - this.windowMs) this.sent.shift();
      const browseSent = this.sent.filter((s) => s.kind === "browse").length;
      // Browse jumps the queue until it used half the window; past that, background goes first, so
      // a flood of browsing leaves background at least the other half.
      const first: AcquireKind = browseSent < this.limit / 2 ? "browse" : "background";
      const w = this.waiters.find((x) => x.kind === first) ?? this.waiters[0];
      if (!w) return;
      const wait = Math.max(this.pausedUntil - now, this.waitFor(w, now, browseSent));
      if (wait > 0) {
        // The timer keeps nothing alive on its own: a waiter's promise is what someone awaits.
        this.timer = setTimeout(() => this.pump(), Math.ceil(wait) + 1);
        return;
      }
      this.waiters = this.waiters.filter((x) => x !== w);
      if (w.onAbort) w.signal!.removeEventListener("abort", w.onAbort);
      this.sent.push({ at: now, kind: w.kind });
      if (w.kind === "browse") this.lastBrowseAt = now;
      w.resolve();
    }
  }

  private waitFor({ kind, ending }: Waiter, now: number, browseSent: number): number {
    const times = this.sent.map((s) => s.at);
    const window = { limit: this.limit, windowMs: this.windowMs, lookahead: 0 };
    if (kind === "browse") return slotWait(times, now, window);
    const browsingFor = this.lastBrowseAt + this.browseActiveMs - now;
    const cap = backgroundLimit(this.limit, this.browseReserve, browsingFor > 0, browseSent);
    if (cap < this.limit) {
      const wait = slotWait(times, now, { ...window, limit: cap });
      // When browsing stops, the reserve is background's again: look then at the latest.
      return wait > 0 ? Math.min(wait, browsingFor) : 0;
    }
    return slotWait(times, now, {
      ...window,
      lookahead: browsingFor > 0 ? 0 : this.browseReserve,
      lateMs: ending ? ENDING_LATE_MS : 0,
    });
  }

  /**
   * Adapts to what HubSpot reports. HubSpot's X-HubSpot-RateLimit-Remaining counts everyone's use
   * of the portal's budget; ours is in our own log. Only the difference — another process or app
   * on the same budget — is a reason to slow down: when HubSpot says fewer than 3 are left and
   * more than `OTHERS_SLACK` of the used ones are not ours, pause for the time it takes the window
   * to free that many slots. Our own full use of the budget (remaining 1 or 2 is normal then) does
   * not pause us. A 429 pauses everyone for a second, instead of letting every waiting batch walk
   * into the same wall (longer when HubSpot's Retry-After says so).
   */
  observe(res: Response): void {
    const now = this.now();
    this.restamp(now);
    if (res.status === 429) {
      this.pausedUntil = Math.max(this.pausedUntil, now + Math.max(this.pauseAfter429Ms, limiterPauseMs(res)));
      return;
    }
    const ours = this.sent.filter((s) => s.at > now - this.windowMs).length;
    const pause = budgetPauseMs(res, ours, this.windowMs);
    if (pause > 0) this.pausedUntil = Math.max(this.pausedUntil, now + pause);
  }

  /**
   * HubSpot counts a request when it arrives, somewhere between our send and its answer; a slow
   * first request (a new connection's handshake, a stall) can arrive hundreds of ms after its slot
   * was logged, and meet 110 in HubSpot's window. So an answer restamps the oldest send not yet
   * restamped (which request it was does not matter: the log's times, as a set, are what count) by
   * how much LATER than usual it came: its round trip minus the shortest round trip of the last
   * answers before it (the shortest: a smaller usual moves more, which only holds slots longer). A request that took the usual time arrived the usual time after
   * its send, and every send's arrival is shifted by that same time, which PORTAL_WINDOW_MS allows
   * for; only the extra delay is one the window may not absorb. Moving every slot by the whole
   * round trip instead made the log a window of 10.2 s + latency (96 % of the ceiling at 150 ms).
   * With no earlier answer to compare with (the first), the whole round trip is the delay.
   */
  private restamp(now: number): void {
    // Sends older than that are taken to be ones that never report (a caller without observe):
    // restamping them would hold their slots for up to another window.
    const i = this.sent.findIndex((s) => !s.answered && s.at >= now - RESTAMP_WITHIN_MS);
    if (i < 0) return;
    const entry = this.sent[i]!;
    const roundTrip = now - entry.at;
    const usual = this.roundTrips.length ? Math.min(...this.roundTrips) : 0;
    this.roundTrips.push(roundTrip);
    if (this.roundTrips.length > ROUND_TRIPS_KEPT) this.roundTrips.shift();
    entry.answered = { sentAt: entry.at, roundTrip };
    // This answer's send moves by its delay past the usual. A shorter usual than before (the first
    // answers were all slow: new connections) moves the earlier answered sends further too; a longer one (the fast answers left the last 20) never
    // moves one back.
    for (const s of this.sent) {
      if (s.answered) s.at = Math.max(s.at, s.answered.sentAt + s.answered.roundTrip - Math.min(usual, roundTrip));
    }
    // Kept ascending: the log's first entries are the first to leave the window.
    this.sent.sort((x, y) => x.at - y.at);
  }
}

/** How many round trips restamp takes the usual one from. */
const ROUND_TRIPS_KEPT = 20;

/** An answer restamps a send made at most this long before it (well past 150 ms answers and their jitter). */
const RESTAMP_WITHIN_MS = 2_000;

/**
 * Sends of ours HubSpot may count that our log no longer does (or not yet): it counts arrivals,
 * we count sends, so near the window's edges the two differ by a few.
 */
const OTHERS_SLACK = 3;

/**
 * How long to pause after a successful answer's rate-limit headers (0: no pause), given how many
 * sends our log holds in the window: only other callers' use of the budget makes us wait.
 */
export function budgetPauseMs(res: Response, ours: number, windowMs: number): number {
  const remaining = Number(res.headers.get("x-hubspot-ratelimit-remaining") ?? NaN);
  const max = Number(res.headers.get("x-hubspot-ratelimit-max") ?? NaN);
  if (!Number.isFinite(remaining) || !Number.isFinite(max) || max <= 0) return 0;
  const reserve = 3;
  const others = max - remaining - ours;
  if (remaining < reserve && others > OTHERS_SLACK) return ((reserve - remaining) * windowMs) / max;
  // Our own full use leaves HubSpot's count near 107 of 110 (remaining 2–4). 0 or 1 means our
  // arrivals bunched (a stall, jitter past what PORTAL_WINDOW_MS allows for): hold for a slot or
  // two so that the next sends do not arrive into a full window.
  if (remaining <= 1) return ((2 - remaining) * windowMs) / max;
  return 0;
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
