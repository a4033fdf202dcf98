/**
 * The adaptive reserve (budget.ts) on a fake clock: background work against browsing on one portal.
 * Background is a submission: 4 requests in flight, each answered 150 ms after its slot.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ENDING_LATE_MS, slotWait } from "./budget";
import { budgetPauseMs, SlidingWindowLimiter } from "./rate-limiter";

const LIMIT = 109;
const WINDOW = 10_200;
const INTERVAL = WINDOW / LIMIT;

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

/** The most sends (optionally of one kind) inside any window of `windowMs`. */
function maxInAnyWindow(times: number[], windowMs = WINDOW): number {
  const sorted = [...times].sort((a, b) => a - b);
  let max = 0;
  for (let i = 0, j = 0; j < sorted.length; j++) {
    while (sorted[j]! - sorted[i]! >= windowMs) i++;
    max = Math.max(max, j - i + 1);
  }
  return max;
}

type Send = { at: number; kind: "browse" | "background" };

/** A background stream that never runs dry: `inFlight` loops of acquire → 150 ms request. */
function backgroundStream(limiter: SlidingWindowLimiter, sends: Send[], inFlight = 4) {
  const stop = new AbortController();
  for (let i = 0; i < inFlight; i++)
    void (async () => {
      for (;;) {
        try {
          await limiter.acquire(stop.signal);
        } catch {
          return;
        }
        sends.push({ at: Date.now(), kind: "background" });
        await new Promise((r) => setTimeout(r, 150));
      }
    })();
  return () => stop.abort(new Error("stopped"));
}

/** One browse read: how long it waited for its slot. */
async function browse(limiter: SlidingWindowLimiter, sends: Send[]) {
  const asked = Date.now();
  let waited = -1;
  void limiter.acquire(undefined, "browse").then(() => {
    waited = Date.now() - asked;
    sends.push({ at: Date.now(), kind: "browse" });
  });
  while (waited < 0) await vi.advanceTimersByTimeAsync(1);
  return waited;
}

const inRange = (sends: Send[], from: number, to: number, kind?: Send["kind"]) =>
  sends.filter((s) => s.at >= from && s.at < to && (!kind || s.kind === kind)).length;

describe("SlidingWindowLimiter: background and browsing share the portal's budget", () => {
  it("gives background work the whole budget while nobody browses", async () => {
    const limiter = new SlidingWindowLimiter();
    expect([limiter.limit, limiter.windowMs, limiter.browseReserve]).toEqual([LIMIT, WINDOW, 10]);
    const sends: Send[] = [];
    const start = Date.now();
    const stop = backgroundStream(limiter, sends);
    await vi.advanceTimersByTimeAsync(6 * WINDOW);
    stop();
    const times = sends.map((s) => s.at);
    expect(maxInAnyWindow(times)).toBe(LIMIT);
    // Steady state (windows 2–6): the full rate, one slot interval apart, less timer rounding.
    expect(inRange(sends, start + WINDOW, start + 6 * WINDOW)).toBeGreaterThanOrEqual(5 * LIMIT - 5);
  });

  it("serves a browse read within about one slot interval of a saturated stream, never past the limit", async () => {
    const limiter = new SlidingWindowLimiter();
    const sends: Send[] = [];
    const stop = backgroundStream(limiter, sends);
    await vi.advanceTimersByTimeAsync(3 * WINDOW + 37);
    const waits: number[] = [];
    // A person scrolling: a read every 300 ms for 3 s, then a pause, then again.
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 10; i++) {
        waits.push(await browse(limiter, sends));
        await vi.advanceTimersByTimeAsync(300);
      }
      await vi.advanceTimersByTimeAsync(2 * WINDOW);
    }
    stop();
    expect(waits).toHaveLength(20);
    expect(Math.max(...waits)).toBeLessThanOrEqual(INTERVAL + 2);
    expect(maxInAnyWindow(sends.map((s) => s.at))).toBeLessThanOrEqual(LIMIT);
  });

  it("keeps the reserve free while browsing is active and gives it back to background after", async () => {
    const limiter = new SlidingWindowLimiter();
    const sends: Send[] = [];
    const stop = backgroundStream(limiter, sends);
    await vi.advanceTimersByTimeAsync(2 * WINDOW);
    // Browsing for a whole window: a read every second keeps it active.
    const browsingFrom = Date.now();
    for (let i = 0; i < 12; i++) {
      await browse(limiter, sends);
      await vi.advanceTimersByTimeAsync(1000);
    }
    const browsingTo = Date.now();
    await vi.advanceTimersByTimeAsync(3 * WINDOW);
    stop();
    const bg = (from: number, to: number) =>
      sends.filter((s) => s.kind === "background" && s.at >= from && s.at < to).map((s) => s.at);
    // Once the reserve has drained (one window after browsing began), background stays below it.
    expect(maxInAnyWindow(bg(browsingFrom + WINDOW, browsingTo))).toBeLessThanOrEqual(LIMIT - 10);
    // After browsing stops (plus the few seconds it counts as active), background has the whole budget again.
    expect(maxInAnyWindow(bg(browsingTo + 5000, Date.now()))).toBe(LIMIT);
  });

  it("a flood of browsing does not starve background work", async () => {
    const limiter = new SlidingWindowLimiter();
    const sends: Send[] = [];
    const stop = backgroundStream(limiter, sends);
    await vi.advanceTimersByTimeAsync(2 * WINDOW);
    const start = Date.now();
    for (let i = 0; i < 1000; i++)
      void limiter.acquire(undefined, "browse").then(() => sends.push({ at: Date.now(), kind: "browse" }));
    await vi.advanceTimersByTimeAsync(4 * WINDOW);
    stop();
    // Browse is served first up to half the window; background keeps the other half.
    for (let w = 1; w < 4; w++) {
      const from = start + w * WINDOW;
      expect(inRange(sends, from, from + WINDOW, "background")).toBeGreaterThanOrEqual(LIMIT / 2 - 3);
      expect(inRange(sends, from, from + WINDOW, "browse")).toBeGreaterThanOrEqual(LIMIT / 2 - 3);
    }
    expect(maxInAnyWindow(sends.map((s) => s.at))).toBeLessThanOrEqual(LIMIT);
  });

  it("browse goes ahead of queued background requests", async () => {
    const limiter = new SlidingWindowLimiter({ limit: 2, windowMs: 1000 });
    const order: string[] = [];
    await limiter.acquire();
    await limiter.acquire();
    for (let i = 0; i < 3; i++) void limiter.acquire().then(() => order.push(`bg${i}`));
    void limiter.acquire(undefined, "browse").then(() => order.push("browse"));
    await vi.advanceTimersByTimeAsync(2500);
    expect(order[0]).toBe("browse");
    expect(order.slice(1)).toEqual(["bg0", "bg1", "bg2"]);
  });
});

describe("SlidingWindowLimiter: a run's last sends", () => {
  /**
   * A run on a saturated portal waits 1.2 s (for search), makes up for it, and asks for its last 4
   * slots a second before the window reaches the 1.2 s that freed nothing: then 10 browse reads at
   * once, as a page that opens just as the run ends. Returns when each last send and each read got its slot.
   */
  async function runEnd(ending: boolean) {
    const limiter = new SlidingWindowLimiter();
    const sends: Send[] = [];
    let stop = backgroundStream(limiter, sends);
    await vi.advanceTimersByTimeAsync(2 * WINDOW);
    stop();
    await vi.advanceTimersByTimeAsync(1200);
    stop = backgroundStream(limiter, sends);
    await vi.advanceTimersByTimeAsync(WINDOW - 1200 - 1000);
    stop();
    const asked = Date.now();
    const last: number[] = [];
    for (let i = 0; i < 4; i++)
      void limiter.acquire(undefined, "background", { ending }).then(() => {
        last.push(Date.now() - asked);
        sends.push({ at: Date.now(), kind: "background" });
      });
    while (last.length < 4) await vi.advanceTimersByTimeAsync(1);
    const reads: number[] = [];
    const opened = Date.now();
    for (let i = 0; i < 10; i++)
      void limiter.acquire(undefined, "browse").then(() => {
        reads.push(Date.now() - opened);
        sends.push({ at: Date.now(), kind: "browse" });
      });
    while (reads.length < 10) await vi.advanceTimersByTimeAsync(1);
    return { last, reads, sends };
  }

  it("go without the lookahead's spreading, and browsing after them is late by at most ENDING_LATE_MS", async () => {
    const spread = await runEnd(false);
    const ending = await runEnd(true);
    // Spread over the 1.2 s the window will not free: the last one waits most of it.
    expect(Math.max(...spread.last)).toBeGreaterThan(1000);
    expect(Math.max(...ending.last)).toBeLessThan(Math.max(...spread.last) - 800);
    // A page opened just then: its first read within about one slot interval either way; its k-th
    // within k intervals, or (after ending sends) k intervals plus at most ENDING_LATE_MS.
    for (const r of [spread, ending]) {
      expect(r.reads[0]).toBeLessThanOrEqual(INTERVAL + 2);
      expect(maxInAnyWindow(r.sends.map((s) => s.at))).toBeLessThanOrEqual(LIMIT);
    }
    spread.reads.forEach((t, i) => expect(t).toBeLessThanOrEqual((i + 1) * INTERVAL + 2));
    ending.reads.forEach((t, i) => expect(t).toBeLessThanOrEqual((i + 1) * INTERVAL + ENDING_LATE_MS + 2));
  });
});

describe("SlidingWindowLimiter: answers restamp the log", () => {
  it("runs a stream answered in the usual time at the full rate: the log is not a window + latency", async () => {
    const limiter = new SlidingWindowLimiter();
    const sends: number[] = [];
    const stop = new AbortController();
    for (let i = 0; i < 4; i++)
      void (async () => {
        for (;;) {
          try {
            await limiter.acquire(stop.signal);
          } catch {
            return;
          }
          sends.push(Date.now());
          await new Promise((r) => setTimeout(r, 150));
          limiter.observe(new Response(null, { status: 200 }));
        }
      })();
    const start = Date.now();
    await vi.advanceTimersByTimeAsync(6 * WINDOW);
    stop.abort(new Error("stopped"));
    // Windows 2–6: 4 × 109 = 436 at the full rate; by the whole round trip it was 109 per 10.35 s (≈ 430).
    expect(sends.filter((t) => t >= start + 2 * WINDOW).length).toBeGreaterThanOrEqual(4 * LIMIT - 2);
    expect(maxInAnyWindow(sends)).toBeLessThanOrEqual(LIMIT);
  });

  it("keeps a slot until a window after its answer, which is never before HubSpot counted it", async () => {
    const limiter = new SlidingWindowLimiter({ limit: 1, windowMs: 1000 });
    const start = Date.now();
    await limiter.acquire();
    await vi.advanceTimersByTimeAsync(300); // a slow first request: answered 300 ms after its slot
    limiter.observe(new Response(null, { status: 200 }));
    let at = -1;
    void limiter.acquire().then(() => (at = Date.now()));
    await vi.advanceTimersByTimeAsync(1200);
    expect(at - start).toBeGreaterThan(1300);
    expect(at - start).toBeLessThan(1310);
  });

  it("moves a slot only by how much later than the usual round trip its answer came", async () => {
    const limiter = new SlidingWindowLimiter({ limit: 1, windowMs: 1000 });
    /** Acquires, answers `roundTrip` ms later, returns the send time. */
    const send = async (roundTrip: number) => {
      let sentAt = -1;
      void limiter.acquire().then(() => (sentAt = Date.now()));
      while (sentAt < 0) await vi.advanceTimersByTimeAsync(1);
      await vi.advanceTimersByTimeAsync(roundTrip);
      limiter.observe(new Response(null, { status: 200 }));
      return sentAt;
    };
    const first = await send(150); // nothing to compare with: the whole round trip
    const second = await send(150); // the usual round trip: the slot stays at its send
    expect(second - first).toBeGreaterThan(1150);
    expect(second - first).toBeLessThan(1160);
    const third = await send(450); // a stall: 300 ms later than usual
    expect(third - second).toBeGreaterThan(1000);
    expect(third - second).toBeLessThan(1010);
    const fourth = await send(150);
    expect(fourth - third).toBeGreaterThan(1300);
    expect(fourth - third).toBeLessThan(1310);
  });

  it("moves earlier answers further when a faster one shows they were all slow (new connections)", async () => {
    const limiter = new SlidingWindowLimiter({ limit: 3, windowMs: 1000 });
    const start = Date.now();
    await Promise.all([limiter.acquire(), limiter.acquire()]); // two sends at once on cold connections
    await vi.advanceTimersByTimeAsync(450);
    limiter.observe(new Response(null, { status: 200 })); // first: moved by its whole round trip, to 450
    await vi.advanceTimersByTimeAsync(10);
    limiter.observe(new Response(null, { status: 200 })); // 460 ms: only 10 past the usual so far
    await limiter.acquire();
    await vi.advanceTimersByTimeAsync(150);
    limiter.observe(new Response(null, { status: 200 })); // warm: 150 ms, so the second was 310 ms late
    let at = -1;
    void limiter.acquire().then(() => (at = Date.now()));
    await vi.advanceTimersByTimeAsync(1000);
    // The second send's slot frees a window after 310, not after 10.
    expect(at - start).toBeGreaterThan(1310);
    expect(at - start).toBeLessThan(1320);
  });
});

describe("slotWait", () => {
  it("lets a background send through only if the log still frees a slot every interval", () => {
    const b = { limit: 10, windowMs: 1000, lookahead: 3 };
    // Idle portal: a burst of up to limit − lookahead goes at once.
    expect(slotWait([0, 0, 0, 0, 0, 0], 0, b)).toBe(0);
    // The 8th of a burst would leave no slot for 700 ms: it waits until the burst is about to expire.
    expect(slotWait([0, 0, 0, 0, 0, 0, 0], 0, b)).toBe(1000 + 1 - 3 * 100);
    // A stream one interval apart continues at that rate.
    expect(slotWait([100, 200, 300, 400, 500, 600, 700, 800, 900], 1001, b)).toBe(0);
    // Without lookahead it is the plain sliding window.
    expect(slotWait([0, 0, 0, 0, 0, 0, 0, 0, 0, 0], 400, { ...b, lookahead: 0 })).toBe(601);
  });

  it("lets a run's last sends miss the lookahead past the first browse read by at most lateMs", () => {
    const b = { limit: 10, windowMs: 1000, lookahead: 3 };
    // 8 sent: one about to expire, then 7 recent ones. After this send, a first browse read (m = 1)
    // finds room, a second (m = 2) the first's slot, and a third (m = 3) waits for the recent ones.
    const sent = [50, 600, 600, 600, 600, 600, 600, 600];
    expect(slotWait(sent, 1000, b)).toBe(600 + 1000 + 1 - 3 * 100 - 1000);
    expect(slotWait(sent, 1000, { ...b, lateMs: 300 })).toBe(600 + 1000 + 1 - 3 * 100 - 300 - 1000);
    expect(slotWait(sent, 1000, { ...b, lateMs: 1000 })).toBe(0);
    // The first read's term is kept: with the oldest recent too, no lateness lets the send through.
    const recent = [600, 600, 600, 600, 600, 600, 600, 600, 600];
    expect(slotWait(recent, 1000, { ...b, lateMs: 1000 })).toBe(600 + 1000 + 1 - 100 - 1000);
  });
});

describe("budgetPauseMs", () => {
  const res = (remaining: number) =>
    new Response(null, {
      headers: { "x-hubspot-ratelimit-remaining": String(remaining), "x-hubspot-ratelimit-max": "110" },
    });
  it("does not pause for our own full use of the budget, only for others' use of it", () => {
    expect(budgetPauseMs(res(2), 109, 10_000)).toBe(0);
    expect(budgetPauseMs(res(3), 107, 10_000)).toBe(0);
    expect(budgetPauseMs(res(1), 60, 10_000)).toBeCloseTo((2 * 10_000) / 110);
    expect(budgetPauseMs(res(40), 0, 10_000)).toBe(0);
  });
  it("holds a slot or two when our own arrivals bunched up to HubSpot's last slot", () => {
    expect(budgetPauseMs(res(1), 109, 10_000)).toBeCloseTo(10_000 / 110);
    expect(budgetPauseMs(res(0), 109, 10_000)).toBeCloseTo((2 * 10_000) / 110);
  });
});
