import "server-only";
import pg from "pg";
import { env } from "../config/env";
import { limiterPauseMs } from "./retry-after";
import {
  limiterForPortal,
  SEARCH_PER_SECOND,
  SEARCH_WINDOW_MS,
  SlidingWindowLimiter,
  sleep,
  type RateLimiter,
} from "./rate-limiter";

/**
 * The per-portal budget (HubSpot: 110 requests per rolling 10 s, shared by every caller of the
 * app) when several processes — the dashboard and `npm run worker`s — send to the same portals:
 * the sliding-window log of `SlidingWindowLimiter` kept in PostgreSQL instead of in memory.
 *
 * One acquire is one statement, `rate_limit_acquire()` (below): it takes a transaction-scoped
 * advisory lock on the portal, prunes the portal's sends older than the window, and either records
 * a send (a slot is free) or returns how long until one frees. The function is VOLATILE, so each
 * statement in it reads a fresh snapshot taken after the lock: a process that waited for the lock
 * sees the send its predecessor just committed, and two processes never both take the last slot.
 * All times are the database's `clock_timestamp()`, so the processes' clocks do not matter.
 *
 * Inside one process acquires are served in order, one database round trip at a time per portal
 * (as in the in-memory limiter), so N waiting batches cost one query per freed slot, not N.
 * Across processes there is no queue: when a slot frees, whichever process asks first gets it;
 * the jitter added to every wait keeps the processes from asking in lockstep.
 */

const SHARED_RATE_LIMITER_SQL = `
CREATE TABLE IF NOT EXISTS rate_limit_sends (
  portal_key text NOT NULL,
  sent_at timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS rate_limit_sends_portal_sent_at_idx ON rate_limit_sends (portal_key, sent_at);

CREATE TABLE IF NOT EXISTS rate_limit_pauses (
  portal_key text PRIMARY KEY,
  paused_until timestamptz NOT NULL
);

-- Takes a slot for p_key if fewer than p_limit sends were recorded in the last p_window_ms:
-- returns (0, the send time in epoch ms). Otherwise records nothing and returns (ms until a slot
-- frees, NULL).
CREATE OR REPLACE FUNCTION rate_limit_acquire(p_key text, p_limit integer, p_window_ms integer)
RETURNS TABLE (wait_ms double precision, sent_at_ms double precision)
LANGUAGE plpgsql VOLATILE AS $fn$
DECLARE
  win interval := p_window_ms * interval '1 millisecond';
  t timestamptz;
  paused timestamptz;
  nth timestamptz;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('batchboard.rate_limit'), hashtext(p_key));
  t := clock_timestamp();
  DELETE FROM rate_limit_sends WHERE portal_key = p_key AND sent_at <= t - win;
  SELECT p.paused_until INTO paused FROM rate_limit_pauses p WHERE p.portal_key = p_key;
  IF paused > t THEN
    RETURN QUERY SELECT extract(epoch FROM paused - t)::double precision * 1000, NULL::double precision;
    RETURN;
  END IF;
  -- The p_limit-th most recent send: while it is inside the window, the window is full.
  SELECT s.sent_at INTO nth FROM rate_limit_sends s WHERE s.portal_key = p_key
    ORDER BY s.sent_at DESC OFFSET p_limit - 1 LIMIT 1;
  IF nth IS NOT NULL THEN
    RETURN QUERY SELECT extract(epoch FROM nth + win - t)::double precision * 1000, NULL::double precision;
    RETURN;
  END IF;
  INSERT INTO rate_limit_sends (portal_key, sent_at) VALUES (p_key, t);
  RETURN QUERY SELECT 0::double precision, extract(epoch FROM t)::double precision * 1000;
END
$fn$;
`;

const ensured = new WeakMap<pg.Pool, Promise<void>>();

/**
 * Creates the limiter's tables and function if they are missing (idempotent; several processes may
 * run it at once). Runs once per pool.
 */
export function ensureSharedRateLimiterSchema(pool: pg.Pool): Promise<void> {
  let p = ensured.get(pool);
  if (!p) {
    p = (async () => {
      const client = await pool.connect();
      try {
        // Serialised: concurrent CREATE … IF NOT EXISTS / CREATE OR REPLACE can still collide.
        await client.query(
          `BEGIN; SELECT pg_advisory_xact_lock(hashtext('batchboard.rate_limit.schema')); ${SHARED_RATE_LIMITER_SQL} COMMIT;`,
        );
      } catch (err) {
        await client.query("ROLLBACK").catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    })();
    ensured.set(pool, p);
    p.catch(() => ensured.delete(pool));
  }
  return p;
}

export interface SharedRateLimiterOptions {
  pool: pg.Pool;
  /** The budget's key, e.g. the portal id. */
  key: string;
  /** Requests per window (default 100: HubSpot's 110 minus headroom, as in SlidingWindowLimiter). */
  limit?: number;
  /** Default 10 s. */
  windowMs?: number;
  /** After a 429 nobody — in any process — sends for this long (default 1 s). */
  pauseAfter429Ms?: number;
  /** Up to this much random delay is added to every wait (default 25 ms). */
  jitterMs?: number;
  /** Called with the database time (epoch ms) of every send this limiter records. */
  onAcquire?: (sentAtMs: number) => void;
}

export class SharedRateLimiter implements RateLimiter {
  readonly key: string;
  readonly limit: number;
  readonly windowMs: number;
  private readonly pool: pg.Pool;
  private readonly pauseAfter429Ms: number;
  private readonly jitterMs: number;
  private readonly onAcquire?: (sentAtMs: number) => void;
  /** This process' copy of a pause it reported, so that its own waiters need no round trip. */
  private pausedUntil = 0;
  private queue: Promise<void> = Promise.resolve();
  private readonly writes = new Set<Promise<void>>();

  constructor(opts: SharedRateLimiterOptions) {
    this.pool = opts.pool;
    this.key = opts.key;
    this.limit = opts.limit ?? 100;
    this.windowMs = opts.windowMs ?? 10_000;
    this.pauseAfter429Ms = opts.pauseAfter429Ms ?? 1000;
    this.jitterMs = opts.jitterMs ?? 25;
    this.onAcquire = opts.onAcquire;
  }

  acquire(signal?: AbortSignal): Promise<void> {
    const turn = this.queue.then(() => this.waitForSlot(signal));
    // A waiter that aborts (or fails) must not block those behind it.
    this.queue = turn.catch(() => {});
    return turn;
  }

  private async waitForSlot(signal?: AbortSignal): Promise<void> {
    await ensureSharedRateLimiterSchema(this.pool);
    for (;;) {
      if (signal?.aborted) throw signal.reason;
      const localPause = this.pausedUntil - Date.now();
      if (localPause > 0) {
        await sleep(localPause + this.jitter(), signal);
        continue;
      }
      const { rows } = await this.pool.query<{ wait_ms: number; sent_at_ms: number | null }>(
        "SELECT wait_ms, sent_at_ms FROM rate_limit_acquire($1, $2, $3)",
        [this.key, this.limit, this.windowMs],
      );
      const row = rows[0]!;
      if (row.sent_at_ms !== null) {
        this.onAcquire?.(row.sent_at_ms);
        return;
      }
      await sleep(Math.max(1, Math.ceil(row.wait_ms)) + this.jitter(), signal);
    }
  }

  private jitter() {
    return Math.random() * this.jitterMs;
  }

  /**
   * As SlidingWindowLimiter.observe, but the pause is shared: it is written to the database (in the
   * background; failures are logged) and every process' next acquire waits for it.
   */
  observe(res: Response): void {
    let pauseMs: number;
    if (res.status === 429) {
      pauseMs = Math.max(this.pauseAfter429Ms, limiterPauseMs(res));
    } else {
      const remaining = Number(res.headers.get("x-hubspot-ratelimit-remaining") ?? NaN);
      const max = Number(res.headers.get("x-hubspot-ratelimit-max") ?? NaN);
      if (!Number.isFinite(remaining) || !Number.isFinite(max) || max <= 0) return;
      const reserve = 3;
      if (remaining >= reserve) return;
      pauseMs = ((reserve - remaining) * this.windowMs) / max;
    }
    this.pausedUntil = Math.max(this.pausedUntil, Date.now() + pauseMs);
    const write = this.pool
      .query(
        `INSERT INTO rate_limit_pauses (portal_key, paused_until) VALUES ($1, clock_timestamp() + $2 * interval '1 millisecond')
         ON CONFLICT (portal_key) DO UPDATE SET paused_until = GREATEST(rate_limit_pauses.paused_until, EXCLUDED.paused_until)`,
        [this.key, pauseMs],
      )
      .then(
        () => {},
        (err) => console.error(`[rate-limit] could not share the pause for portal ${this.key}`, err),
      )
      .finally(() => this.writes.delete(write));
    this.writes.add(write);
  }

  /** Resolves when the pauses reported by `observe` are in the database (for tests and shutdown). */
  async flush(): Promise<void> {
    await Promise.all([...this.writes]);
  }
}

const globalForLimiter = globalThis as unknown as {
  __batchboardLimiterPool?: pg.Pool;
  __batchboardSharedLimiters?: Map<string, SharedRateLimiter>;
};

function limiterPool(databaseUrl: string): pg.Pool {
  if (!globalForLimiter.__batchboardLimiterPool) {
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 3, application_name: "batchboard-rate-limiter" });
    pool.on("error", (err) => console.error("[rate-limit] idle database connection failed", err));
    globalForLimiter.__batchboardLimiterPool = pool;
  }
  return globalForLimiter.__batchboardLimiterPool;
}

/**
 * The rate limiter for a portal: shared through PostgreSQL when DATABASE_URL is set (several
 * processes may send to the portal), the in-process `limiterForPortal` on PGlite (one process).
 */
export function limiterFor(portalId: string | number): RateLimiter {
  const databaseUrl = env().DATABASE_URL;
  if (!databaseUrl) return limiterForPortal(portalId);
  const key = String(portalId);
  const limiters = (globalForLimiter.__batchboardSharedLimiters ??= new Map());
  let limiter = limiters.get(key);
  if (!limiter) {
    limiter = new SharedRateLimiter({ pool: limiterPool(databaseUrl), key });
    limiters.set(key, limiter);
  }
  return limiter;
}

/**
 * The portal's search limiter (5 per second): shared through PostgreSQL like `limiterFor` when
 * DATABASE_URL is set, in-process otherwise. Searches also take a slot of `limiterFor`: they count
 * against the portal's general budget too.
 */
export function searchLimiterFor(portalId: string | number): RateLimiter {
  const key = `search:${portalId}`;
  const databaseUrl = env().DATABASE_URL;
  if (!databaseUrl)
    return limiterForPortal(
      key,
      () => new SlidingWindowLimiter({ limit: SEARCH_PER_SECOND, windowMs: SEARCH_WINDOW_MS }),
    );
  const limiters = (globalForLimiter.__batchboardSharedLimiters ??= new Map());
  let limiter = limiters.get(key);
  if (!limiter) {
    limiter = new SharedRateLimiter({
      pool: limiterPool(databaseUrl),
      key,
      limit: SEARCH_PER_SECOND,
      windowMs: SEARCH_WINDOW_MS,
    });
    limiters.set(key, limiter);
  }
  return limiter;
}

/** Ends the pool behind `limiterFor` (process shutdown); later calls start a new one. */
export async function closeSharedRateLimiters(): Promise<void> {
  const pool = globalForLimiter.__batchboardLimiterPool;
  globalForLimiter.__batchboardLimiterPool = undefined;
  globalForLimiter.__batchboardSharedLimiters = undefined;
  if (pool) await pool.end();
}
