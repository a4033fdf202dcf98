import { describe, expect, it } from "vitest";
import { limiterForPortal, SlidingWindowLimiter } from "./rate-limiter";

const headers = (remaining: number, max = 110) =>
  new Response(null, {
    status: 200,
    headers: { "x-hubspot-ratelimit-remaining": String(remaining), "x-hubspot-ratelimit-max": String(max) },
  });

describe("SlidingWindowLimiter", () => {
  it("never lets more than `limit` requests into any rolling window, serving waiters in order", async () => {
    const limiter = new SlidingWindowLimiter({ limit: 3, windowMs: 150 });
    const times: number[] = [];
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        limiter.acquire().then(() => {
          times.push(performance.now());
          order.push(i);
        }),
      ),
    );
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    for (let i = 3; i < times.length; i++) expect(times[i]! - times[i - 3]!).toBeGreaterThanOrEqual(149);
  });

  it("serves an `ahead` waiter before the background ones queued earlier, in order among themselves", async () => {
    const limiter = new SlidingWindowLimiter({ limit: 1, windowMs: 60 });
    await limiter.acquire();
    const order: string[] = [];
    const take = (name: string, ahead?: boolean) =>
      limiter.acquire(undefined, "background", { ahead }).then(() => order.push(name));
    await Promise.all([take("b1"), take("b2"), take("scan1", true), take("b3"), take("scan2", true)]);
    expect(order).toEqual(["scan1", "scan2", "b1", "b2", "b3"]);
  });

  it("rejects a waiting acquire when its signal aborts, without blocking the next waiter", async () => {
    const limiter = new SlidingWindowLimiter({ limit: 1, windowMs: 10_000 });
    await limiter.acquire();
    const ac = new AbortController();
    const waiting = limiter.acquire(ac.signal);
    ac.abort(new Error("cancelled"));
    await expect(waiting).rejects.toThrow("cancelled");
  });

  it("pauses when HubSpot reports the portal's budget nearly gone (another app on the portal)", async () => {
    let now = 1_000;
    const limiter = new SlidingWindowLimiter({ limit: 100, windowMs: 10_000, now: () => now });
    limiter.observe(headers(50));
    await limiter.acquire(); // plenty left: no pause
    limiter.observe(headers(0));
    let passed = false;
    const p = limiter.acquire().then(() => {
      passed = true;
    });
    await new Promise((r) => setTimeout(r, 30));
    expect(passed).toBe(false);
    now += 10_000;
    await p;
    expect(passed).toBe(true);
  });

  it("a 429's short Retry-After holds every request of the portal that long; a daily one does not hold the portal", async () => {
    let now = 1_000;
    const limiter = new SlidingWindowLimiter({ limit: 100, windowMs: 10_000, pauseAfter429Ms: 10, now: () => now });
    limiter.observe(new Response(null, { status: 429, headers: { "retry-after": "5" } }));
    let passed = false;
    const p = limiter.acquire().then(() => {
      passed = true;
    });
    now += 1_000;
    await new Promise((r) => setTimeout(r, 30));
    expect(passed).toBe(false);
    now += 4_100;
    await p;
    expect(passed).toBe(true);
    // Retry-After beyond a minute (daily limit): the job pauses; reads of the portal are not held for hours.
    limiter.observe(new Response(null, { status: 429, headers: { "retry-after": "36000" } }));
    now += 20;
    await limiter.acquire();
  });

  it("one limiter per portal, shared process-wide", () => {
    expect(limiterForPortal(20260301)).toBe(limiterForPortal("20260301"));
    expect(limiterForPortal(20260302)).not.toBe(limiterForPortal(20260301));
  });
});
