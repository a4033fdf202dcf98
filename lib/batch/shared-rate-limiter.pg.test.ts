/**
 * The PostgreSQL-backed limiter: two instances with pools of their own stand in for two processes
 * sending to the same portal.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../tests/support/pg-database";
import {
  closeSharedRateLimiters,
  ensureSharedRateLimiterSchema,
  limiterFor,
  SharedRateLimiter,
} from "./shared-rate-limiter";

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let poolA: pg.Pool;
let poolB: pg.Pool;

beforeAll(async () => {
  database = await createTestDatabase();
  poolA = new pg.Pool({ connectionString: database.url, max: 3 });
  poolB = new pg.Pool({ connectionString: database.url, max: 3 });
  // Dropping the database at the end may catch a connection still closing.
  for (const p of [poolA, poolB]) p.on("error", () => {});
  // Both "processes" create the schema at once.
  await Promise.all([ensureSharedRateLimiterSchema(poolA), ensureSharedRateLimiterSchema(poolB)]);
});

afterAll(async () => {
  await closeSharedRateLimiters();
  await Promise.all([poolA?.end(), poolB?.end()]);
  await database?.drop();
});

/** The largest number of sends inside any window of `windowMs` (half-open: [t, t + windowMs)). */
function maxInAnyWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((x, y) => x - y);
  let max = 0;
  for (let i = 0, j = 0; j < sorted.length; j++) {
    while (sorted[j]! - sorted[i]! >= windowMs - 0.01) i++;
    max = Math.max(max, j - i + 1);
  }
  return max;
}

describe("SharedRateLimiter (PostgreSQL)", () => {
  it("never lets two processes together exceed the limit in any rolling window", async () => {
    const dbTimes: number[] = [];
    const clientTimes: { by: string; at: number }[] = [];
    const make = (pool: pg.Pool) =>
      new SharedRateLimiter({ pool, key: "portal-1", limit: 20, windowMs: 1000, onAcquire: (t) => dbTimes.push(t) });
    // Two processes (pools) — and, for more contention on the last slot, two limiter instances in
    // each: every instance has its own in-process queue, so four acquires race in the database.
    const limiters = [make(poolA), make(poolB), make(poolA), make(poolB)];
    const started = Date.now();
    // 60 sends for a budget of 20 per second: three windows' worth.
    await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        limiters[i % 4]!.acquire().then(() => clientTimes.push({ by: i % 2 ? "a" : "b", at: Date.now() })),
      ),
    );
    const elapsed = Date.now() - started;

    expect(dbTimes).toHaveLength(60);
    expect(maxInAnyWindow(dbTimes, 1000)).toBe(20);
    // As the callers saw it (their clocks, plus the round trip): a few ms of slack.
    expect(
      maxInAnyWindow(
        clientTimes.map((c) => c.at),
        1000 - 30,
      ),
    ).toBeLessThanOrEqual(20);
    expect(clientTimes.filter((c) => c.by === "a")).toHaveLength(30);
    // The third window opens 2 s after the first send. Past the first window's burst (18: limit −
    // the browse reserve) the stream is smooth, one slot per 50 ms, so the 60th goes at ~2.95 s.
    expect(elapsed).toBeGreaterThanOrEqual(1990);
    expect(elapsed).toBeLessThan(4000);
    // Pruned: at most the last window's sends are kept.
    const { rows } = await poolA.query<{ n: number }>(
      "select count(*)::int as n from rate_limit_sends where portal_key = 'portal-1'",
    );
    expect(rows[0]!.n).toBeLessThanOrEqual(20);
  });

  it("keeps portals apart", async () => {
    const a = new SharedRateLimiter({ pool: poolA, key: "portal-2", limit: 3, windowMs: 1000 });
    const b = new SharedRateLimiter({ pool: poolB, key: "portal-3", limit: 3, windowMs: 1000 });
    const started = Date.now();
    await Promise.all([a, a, a, b, b, b].map((l) => l.acquire()));
    expect(Date.now() - started).toBeLessThan(500);
  });

  it("rejects with the signal's reason when aborted while waiting, and frees its turn", async () => {
    const a = new SharedRateLimiter({ pool: poolA, key: "portal-4", limit: 2, windowMs: 1000 });
    const sentAt: number[] = [];
    const b = new SharedRateLimiter({
      pool: poolB,
      key: "portal-4",
      limit: 2,
      windowMs: 1000,
      onAcquire: (t) => sentAt.push(t),
    });
    await a.acquire();
    await b.acquire(); // the window is now full for both

    const already = new AbortController();
    already.abort(new Error("gone already"));
    await expect(a.acquire(already.signal)).rejects.toThrow("gone already");

    const ac = new AbortController();
    const started = Date.now();
    const waiting = b.acquire(ac.signal);
    const behind = b.acquire(); // queued behind the aborted waiter in the same process
    setTimeout(() => ac.abort(new Error("user cancelled")), 100);
    await expect(waiting).rejects.toThrow("user cancelled");
    expect(Date.now() - started).toBeLessThan(600);
    await behind; // gets the slot when the window moves on
    expect(Date.now() - started).toBeGreaterThanOrEqual(850);
    // The aborted acquire took no slot: the portal's sends since b's first are behind's alone.
    // (Counting all rows could also see b's first: it leaves the window a round trip after a's.)
    const { rows } = await poolA.query<{ n: number }>(
      "select count(*)::int as n from rate_limit_sends where portal_key = 'portal-4' and sent_at > to_timestamp($1 / 1000.0) + interval '1 millisecond'",
      [sentAt[0]!],
    );
    expect(sentAt).toHaveLength(2);
    expect(rows[0]!.n).toBe(1);
  });

  it("limiterFor gives each portal one shared limiter when DATABASE_URL is set", async () => {
    // env() is read on first use, so setting it here (before anything called env()) is enough.
    process.env.DATABASE_URL = database.url;
    const limiter = limiterFor(4242);
    expect(limiter).toBeInstanceOf(SharedRateLimiter);
    expect(limiterFor("4242")).toBe(limiter);
    expect(limiterFor(4243)).not.toBe(limiter);
    await limiter.acquire();
    const { rows } = await poolA.query<{ n: number }>(
      "select count(*)::int as n from rate_limit_sends where portal_key = '4242'",
    );
    expect(rows[0]!.n).toBe(1);
  });

  it("shares a 429 pause with the other process", async () => {
    const a = new SharedRateLimiter({ pool: poolA, key: "portal-5", limit: 100, windowMs: 1000, pauseAfter429Ms: 400 });
    const b = new SharedRateLimiter({ pool: poolB, key: "portal-5", limit: 100, windowMs: 1000 });
    a.observe(new Response(null, { status: 429 }));
    await a.flush();
    const started = Date.now();
    await b.acquire();
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    // Low remaining budget reported by HubSpot pauses too: (3 - 1) * 1000 / 110 ≈ 18 ms.
    a.observe(
      new Response(null, {
        status: 200,
        headers: { "x-hubspot-ratelimit-remaining": "1", "x-hubspot-ratelimit-max": "110" },
      }),
    );
    await a.flush();
    const { rows } = await poolB.query<{ ahead: boolean }>(
      "select paused_until > clock_timestamp() - interval '1 second' as ahead from rate_limit_pauses where portal_key = 'portal-5'",
    );
    expect(rows[0]!.ahead).toBe(true);
  });

  it("serves browsing in one process promptly while another saturates the budget, and leaves it the reserve", async () => {
    const key = "portal-6";
    const sends: { at: number; kind: string }[] = [];
    const opts = { key, limit: 20, windowMs: 1000, browseReserve: 4, browseActiveMs: 400, jitterMs: 5 };
    const record = (at: number, kind: string) => sends.push({ at, kind });
    const jobs = new SharedRateLimiter({ ...opts, pool: poolA, onAcquire: record });
    const pages = new SharedRateLimiter({ ...opts, pool: poolB, onAcquire: record });
    const stop = new AbortController();
    const stream = Promise.all(
      Array.from({ length: 4 }, async () => {
        for (;;) {
          try {
            await jobs.acquire(stop.signal);
          } catch {
            return;
          }
          await new Promise((r) => setTimeout(r, 20));
        }
      }),
    );
    await new Promise((r) => setTimeout(r, 2200)); // saturated by now
    const browseFrom = Date.now();
    const waits: number[] = [];
    for (let i = 0; i < 8; i++) {
      const asked = Date.now();
      await pages.acquire(undefined, "browse");
      waits.push(Date.now() - asked);
      await new Promise((r) => setTimeout(r, 150));
    }
    const browseTo = Date.now();
    await new Promise((r) => setTimeout(r, 2000));
    stop.abort(new Error("done"));
    await stream;

    // One slot interval is 50 ms; a round trip or two and the jitter on a loaded machine on top.
    expect(Math.max(...waits)).toBeLessThan(250);
    expect(
      maxInAnyWindow(
        sends.map((s) => s.at),
        1000,
      ),
    ).toBeLessThanOrEqual(20);
    const background = (from: number, to: number) =>
      sends.filter((s) => s.kind === "background" && s.at >= from && s.at < to).map((s) => s.at);
    // While browsing (once the reserve drained), background keeps below limit − reserve …
    expect(maxInAnyWindow(background(browseFrom + 1000, browseTo), 1000)).toBeLessThanOrEqual(16);
    // … and has the whole budget again once browsing stopped.
    expect(maxInAnyWindow(background(browseTo + 500, Date.now()), 1000)).toBeGreaterThanOrEqual(19);
    const { rows } = await poolA.query<{ kind: string; n: number }>(
      "select kind, count(*)::int as n from rate_limit_sends where portal_key = $1 group by kind",
      [key],
    );
    expect(rows.map((r) => r.kind).sort()).toEqual(["background"]); // the browse sends have left the window
  });

  it("lets a run's last sends miss the lookahead past the first browse read by p_late_ms, never the first", async () => {
    // limit 20 per 1000 ms (a slot interval of 50 ms), lookahead = reserve 4, nobody browsing.
    const acquire = async (key: string, lateMs: number) =>
      (
        await poolA.query<{ wait_ms: number }>(
          "SELECT wait_ms FROM rate_limit_acquire($1, 20, 1000, 'background', 4, 400, $2)",
          [key, lateMs],
        )
      ).rows[0]!.wait_ms;
    const log = async (key: string, agesMs: number[]) => {
      for (const age of agesMs)
        await poolA.query(
          "INSERT INTO rate_limit_sends (portal_key, sent_at, kind) VALUES ($1, clock_timestamp() - $2 * interval '1 millisecond', 'background')",
          [key, age],
        );
    };
    // 18 sent: one about to leave the window, 17 just now. After one more, a first read finds room,
    // a second the old one's slot, a third waits ~850 ms for the recent ones (m = 3: 150 ms ahead).
    await log("portal-8", [990, ...Array<number>(17).fill(0)]);
    expect(await acquire("portal-8", 0)).toBeGreaterThan(700);
    expect(await acquire("portal-8", 1000)).toBe(0);
    // 19 just now: the first read itself would wait; no lateness lets that send through.
    await log("portal-9", Array<number>(19).fill(0));
    expect(await acquire("portal-9", 1000)).toBeGreaterThan(800);
  });

  it("adds the kind column to a sends table from before it existed", async () => {
    await poolA.query("ALTER TABLE rate_limit_sends DROP COLUMN kind");
    await poolA.query("INSERT INTO rate_limit_sends (portal_key, sent_at) VALUES ('portal-7', clock_timestamp())");
    const pool = new pg.Pool({ connectionString: database.url, max: 1 });
    pool.on("error", () => {});
    try {
      await ensureSharedRateLimiterSchema(pool); // a new pool runs the schema again
      const { rows } = await pool.query<{ kind: string }>(
        "select kind from rate_limit_sends where portal_key = 'portal-7'",
      );
      expect(rows).toEqual([{ kind: "background" }]);
      await new SharedRateLimiter({ pool, key: "portal-7", limit: 5, windowMs: 1000 }).acquire(undefined, "browse");
      const browse = await pool.query(
        "select 1 from rate_limit_sends where portal_key = 'portal-7' and kind = 'browse'",
      );
      expect(browse.rowCount).toBe(1);
    } finally {
      await pool.end();
    }
  });
});
