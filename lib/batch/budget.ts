/**
 * The arithmetic of a portal's request budget, shared by the in-process limiter and (as SQL) the
 * PostgreSQL one. Pure: send times in, milliseconds to wait out.
 */

/** Who a request is for: a person waiting on a page ("browse"), or a job, a submission, an export. */
export type AcquireKind = "browse" | "background";

/**
 * HubSpot's ceiling is 110 requests per rolling 10 s, counted when a request ARRIVES. Our log holds
 * send times, and arrival = send + a delay that varies by up to `j` ms. Sends that fit in any window
 * of 10 s + j arrive within any 10 s window at most as often as the log allows, so 110 sends per
 * 10.2 s can never be 111 arrivals in HubSpot's 10 s while the delay varies by less than 200 ms; we
 * also keep 1 of the 110 for what no limiter sees (a token refresh, a spike of jitter beyond that).
 * 109 per 10.2 s = 10.69/s: 97 % of HubSpot's 11/s, so a lone submission runs at ≥ 95 % of the
 * ceiling with no 429 (bench/limiter-share.ts).
 */
export const PORTAL_LIMIT = 109;
export const PORTAL_WINDOW_MS = 10_200;
/** Slots kept free for browsing while someone browses the portal (and for a browse burst before). */
export const BROWSE_RESERVE = 10;
/** Browsing is "active" for this long after a browse request asked for a slot. */
export const BROWSE_ACTIVE_MS = 4_000;

export interface BudgetShape {
  limit: number;
  windowMs: number;
  /**
   * Background only, while nobody browses: after this send, the log must still free one slot per
   * slot interval (windowMs / limit) for the next `lookahead` intervals, so that a browse request
   * arriving at any moment finds a slot within about one interval and the next ones follow at the
   * full rate. A steady background stream at the full rate satisfies it; a burst of more than
   * `limit - lookahead` from an idle portal does not (the rest of that window follows as the burst
   * expires, at the same rate).
   */
  lookahead: number;
  /**
   * Milliseconds by which the lookahead's terms past the first browse read (m ≥ 2) may be missed.
   * 0 for the steady stream; ENDING_LATE_MS for a run's last sends (see there).
   */
  lateMs?: number;
}

/**
 * A run's last sends (nothing of the run waits to start after them) may leave the lookahead short
 * by this much. Why: a run that waited (for search to catch up) left a stretch of its window
 * unused; its later sends make up for it, and the lookahead then sees, a window on, that stretch
 * free no slot, and spreads the run's last sends over it (a 10,000-event run: its last two waited
 * 1.2 s). Those sends leave nothing behind that keeps the window full, so the cost to browsing is
 * bounded and once: a person who starts browsing just as a run ends still gets the first read
 * within about one slot interval (the m = 1 term is kept), and the next ones at most this late.
 */
export const ENDING_LATE_MS = 1_000;

/**
 * Milliseconds until one more request may be sent, given the send times (ascending) still inside
 * the window at `now`. 0 means now.
 *
 * With `sent` = s_1 … s_n and slot interval T, the send is allowed when, for every m in 0…lookahead,
 * at least n + 1 + m − limit sends have left the window by now + m·T, i.e. s_(n+1+m−limit) + windowMs ≤ now + m·T.
 * m = 0 is the plain sliding window (n < limit).
 */
export function slotWait(sent: readonly number[], now: number, b: BudgetShape): number {
  const n = sent.length;
  const interval = b.windowMs / b.limit;
  let wait = 0;
  for (let m = Math.max(0, b.limit - n); m <= b.lookahead; m++) {
    const j = n + m - b.limit; // 0-based index of s_(n+1+m−limit)
    if (j < 0 || j >= n) continue;
    const late = m >= 2 ? (b.lateMs ?? 0) : 0;
    // +1: times are whole ms, so a slot is reused strictly more than windowMs after its send.
    wait = Math.max(wait, sent[j]! + b.windowMs + 1 - m * interval - late - now);
  }
  return Math.max(0, wait);
}

/**
 * How many of the portal's slots background work may use now: all of them while nobody browses;
 * while someone does, all but `reserve`, unless browsing already used at least half the window,
 * in which case background competes equally (a flood of browsing must not starve jobs forever).
 */
export function backgroundLimit(limit: number, reserve: number, browsing: boolean, browseSentInWindow: number) {
  if (!browsing || browseSentInWindow >= limit / 2) return limit;
  return limit - reserve;
}
