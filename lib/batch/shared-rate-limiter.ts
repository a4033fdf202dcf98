import "server-only";
import pg from "pg";
import { env } from "../config/env";
import { BROWSE_ACTIVE_MS, ENDING_LATE_MS, PORTAL_LIMIT, PORTAL_WINDOW_MS, type AcquireKind } from "./budget";
import { limiterPauseMs } from "./retry-after";
import {
  budgetPauseMs,
  limiterForPortal,
  queueUp,
  SEARCH_PER_SECOND,
  SEARCH_WINDOW_MS,
  SlidingWindowLimiter,
  type AcquireHow,
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
 * Inside one process acquires are served in order, browse requests first (as in the in-memory
 * limiter), one database round trip at a time per portal, so N waiting batches cost one query per
 * freed slot, not N; a browse request that arrives cuts the current wait short. Across processes
 * there is no queue: when a slot frees, whichever process asks first gets it, and the jitter added
 * to every wait keeps the processes from asking in lockstep. Browse still comes first across
 * processes: a browse request marks the portal as browsed the moment it asks (granted or not), and
 * from then on background work in every process leaves the reserve free (budget.ts).
 */

const SHARED_RATE_LIMITER_SQL = `
CREATE TABLE IF NOT EXISTS rate_limit_sends (
  portal_key text NOT NULL,
  sent_at timestamptz NOT NULL
);
-- 'browse' or 'background' (budget.ts); rows from before the column existed were background.
ALTER TABLE rate_limit_sends ADD COLUMN IF NOT EXISTS kind text NOT NULL DEFAULT 'background';
CREATE INDEX IF NOT EXISTS rate_limit_sends_portal_sent_at_idx ON rate_limit_sends (portal_key, sent_at);

CREATE TABLE IF NOT EXISTS rate_limit_pauses (
  portal_key text PRIMARY KEY,
  paused_until timestamptz NOT NULL
);

-- When a browse request last ASKED for a slot (granted or not): background work leaves the reserve
-- from that moment, so a browse request waiting in one process is not outrun by another's jobs.
CREATE TABLE IF NOT EXISTS rate_limit_browsing (
  portal_key text PRIMARY KEY,
  asked_at timestamptz NOT NULL
);

-- Takes a slot of kind p_kind for p_key if the budget allows (budget.ts: slotWait and
-- backgroundLimit, the same rules as the in-process limiter): returns (0, the send time in epoch
-- ms, the sends now in the window). Otherwise records nothing and returns (ms until it may, NULL, NULL).
-- p_late_ms: how late the lookahead's terms past the first browse read may be (budget.ts:
-- ENDING_LATE_MS). The six-argument version of older releases stays beside it for processes still
-- running them: no call is ambiguous, as neither has defaults.
CREATE OR REPLACE FUNCTION rate_limit_acquire(
  p_key text, p_limit integer, p_window_ms integer, p_kind text, p_reserve integer, p_active_ms integer,
  p_late_ms integer
)
RETURNS TABLE (wait_ms double precision, sent_at_ms double precision, in_window integer)
LANGUAGE plpgsql VOLATILE AS $fn$
DECLARE
  win interval := p_window_ms * interval '1 millisecond';
  slot interval := (p_window_ms::double precision / p_limit) * interval '1 millisecond';
  t timestamptz;
  paused timestamptz;
  browsed timestamptz;
  n integer;
  browse_n integer;
  cap integer := p_limit;
  lookahead integer := 0;
  ready timestamptz;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('batchboard.rate_limit'), hashtext(p_key));
  t := clock_timestamp();
  DELETE FROM rate_limit_sends WHERE portal_key = p_key AND sent_at <= t - win;
  IF p_kind = 'browse' THEN
    INSERT INTO rate_limit_browsing (portal_key, asked_at) VALUES (p_key, t)
      ON CONFLICT (portal_key) DO UPDATE SET asked_at = GREATEST(rate_limit_browsing.asked_at, EXCLUDED.asked_at);
  END IF;
  SELECT p.paused_until INTO paused FROM rate_limit_pauses p WHERE p.portal_key = p_key;
  IF paused > t THEN
    RETURN QUERY SELECT extract(epoch FROM paused - t)::double precision * 1000, NULL::double precision, NULL::integer;
    RETURN;
  END IF;
  SELECT count(*)::integer, (count(*) FILTER (WHERE s.kind = 'browse'))::integer INTO n, browse_n
    FROM rate_limit_sends s WHERE s.portal_key = p_key;
  IF p_kind <> 'browse' THEN
    SELECT b.asked_at + p_active_ms * interval '1 millisecond' INTO browsed
      FROM rate_limit_browsing b WHERE b.portal_key = p_key;
    IF browsed > t AND browse_n < p_limit / 2.0 THEN
      cap := p_limit - p_reserve;
    ELSIF browsed IS NULL OR browsed <= t THEN
      lookahead := p_reserve;
    END IF;
  END IF;
  -- slotWait: the send at rank rn (1 = oldest) must have left the window by m slots from now,
  -- m = rn - 1 - n + cap, for m in 0 .. lookahead (m = 0: the plain sliding window).
  SELECT max(r.sent_at + win - (r.rn - 1 - n + cap) * slot
             - CASE WHEN r.rn - 1 - n + cap >= 2 THEN p_late_ms * interval '1 millisecond' ELSE interval '0' END)
    INTO ready
    FROM (SELECT s.sent_at, row_number() OVER (ORDER BY s.sent_at) AS rn
            FROM rate_limit_sends s WHERE s.portal_key = p_key) r
   WHERE r.rn - 1 - n + cap BETWEEN 0 AND lookahead;
  IF ready > t THEN
    -- Held back for browsing: look again when it stops, if that comes first.
    IF cap < p_limit THEN ready := LEAST(ready, browsed); END IF;
    RETURN QUERY SELECT extract(epoch FROM ready - t)::double precision * 1000, NULL::double precision, NULL::integer;
    RETURN;
  END IF;
  INSERT INTO rate_limit_sends (portal_key, sent_at, kind) VALUES (p_key, t, p_kind);
  RETURN QUERY SELECT 0::double precision, extract(epoch FROM t)::double precision * 1000, n + 1;
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
  /** Requests per window (default PORTAL_LIMIT per PORTAL_WINDOW_MS, as in SlidingWindowLimiter). */
  limit?: number;
  windowMs?: number;
  /** Slots background work leaves free while someone browses (default limit / 10, rounded down). */
  browseReserve?: number;
  /** Browsing counts as active this long after its last request asked for a slot. */
  browseActiveMs?: number;
  /** After a 429 nobody — in any process — sends for this long (default 1 s). */
  pauseAfter429Ms?: number;
  /** Up to this much random delay is added to every wait (default 25 ms). */
  jitterMs?: number;
  /** Called with the database time (epoch ms) of every send this limiter records. */
  onAcquire?: (sentAtMs: number, kind: AcquireKind) => void;
}

interface Waiter extends AcquireHow {
  kind: AcquireKind;
  resolve: () => void;
  reject: (err: unknown) => void;
  signal?: AbortSignal;
  onAbort?: () => void;
}

export class SharedRateLimiter implements RateLimiter {
  readonly key: string;
  readonly limit: number;
  readonly windowMs: number;
  readonly browseReserve: number;
  private readonly browseActiveMs: number;
  private readonly pool: pg.Pool;
  private readonly pauseAfter429Ms: number;
  private readonly jitterMs: number;
  private readonly onAcquire?: (sentAtMs: number, kind: AcquireKind) => void;
  /** This process' copy of a pause it reported, so that its own waiters need no round trip. */
  private pausedUntil = 0;
  /** The portal's sends in the window at our last acquire (all processes): `observe` tells others' use from ours. */
  private lastInWindow = { n: 0, at: 0 };
  /** In arrival order; one database round trip at a time, for the first browse waiter, else the first. */
  private waiters: Waiter[] = [];
  private running = false;
  /** Ends the current wait early: a browse request arrived, or a waiter gave up. */
  private wake: () => void = () => {};
  private readonly writes = new Set<Promise<void>>();

  constructor(opts: SharedRateLimiterOptions) {
    this.pool = opts.pool;
    this.key = opts.key;
    this.limit = opts.limit ?? PORTAL_LIMIT;
    this.windowMs = opts.windowMs ?? PORTAL_WINDOW_MS;
    this.browseReserve = opts.browseReserve ?? Math.floor(this.limit / 10);
    this.browseActiveMs = opts.browseActiveMs ?? BROWSE_ACTIVE_MS;
    this.pauseAfter429Ms = opts.pauseAfter429Ms ?? 1000;
    this.jitterMs = opts.jitterMs ?? 25;
    this.onAcquire = opts.onAcquire;
  }

  acquire(signal?: AbortSignal, kind: AcquireKind = "background", how: AcquireHow = {}): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<void>((resolve, reject) => {
      const w: Waiter = { kind, resolve, reject, signal, ahead: how.ahead, ending: how.ending };
      if (signal) {
        w.onAbort = () => {
          this.waiters = this.waiters.filter((x) => x !== w);
          reject(signal.reason);
          this.wake();
        };
        signal.addEventListener("abort", w.onAbort, { once: true });
      }
      queueUp(this.waiters, w);
      if (kind === "browse") this.wake();
      void this.run();
    });
  }

  private async run(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await ensureSharedRateLimiterSchema(this.pool);
      for (;;) {
        const w = this.waiters.find((x) => x.kind === "browse") ?? this.waiters[0];
        if (!w) return;
        const localPause = this.pausedUntil - Date.now();
        const wait = localPause > 0 ? localPause : await this.tryAcquire(w);
        if (wait === 0) {
          // The slot is taken: its waiter, or if that one gave up meanwhile, the next in line.
          const taker = this.waiters.includes(w) ? w : this.waiters[0];
          if (!taker) continue;
          this.waiters = this.waiters.filter((x) => x !== taker);
          if (taker.onAbort) taker.signal!.removeEventListener("abort", taker.onAbort);
          taker.resolve();
          continue;
        }
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, Math.max(1, Math.ceil(wait)) + Math.random() * this.jitterMs);
          this.wake = () => {
            clearTimeout(t);
            resolve();
          };
        });
        this.wake = () => {};
      }
    } catch (err) {
      // The database failed: every waiter hears it, as each did when it made its own round trip.
      for (const w of this.waiters.splice(0)) {
        if (w.onAbort) w.signal!.removeEventListener("abort", w.onAbort);
        w.reject(err);
      }
    } finally {
      this.running = false;
    }
  }

  /** One round trip: 0 when a slot was recorded, else the ms to wait. */
  private async tryAcquire({ kind, ending }: Waiter): Promise<number> {
    const { rows } = await this.pool.query<{ wait_ms: number; sent_at_ms: number | null; in_window: number | null }>(
      "SELECT wait_ms, sent_at_ms, in_window FROM rate_limit_acquire($1, $2, $3, $4, $5, $6, $7)",
      [this.key, this.limit, this.windowMs, kind, this.browseReserve, this.browseActiveMs, ending ? ENDING_LATE_MS : 0],
    );
    const row = rows[0]!;
    if (row.sent_at_ms === null) return Math.max(1, row.wait_ms);
    this.lastInWindow = { n: row.in_window ?? 0, at: Date.now() };
    this.onAcquire?.(row.sent_at_ms, kind);
    return 0;
  }

  /**
   * As SlidingWindowLimiter.observe, but the pause is shared: it is written to the database (in the
   * background; failures are logged) and every process' next acquire waits for it. "Ours" is every
   * process' sends of the portal, as the database counted them at our last acquire.
   */
  observe(res: Response): void {
    let pauseMs: number;
    if (res.status === 429) {
      pauseMs = Math.max(this.pauseAfter429Ms, limiterPauseMs(res));
    } else {
      const ours = this.lastInWindow.at > Date.now() - this.windowMs ? this.lastInWindow.n : 0;
      pauseMs = budgetPauseMs(res, ours, this.windowMs);
      if (pauseMs <= 0) return;
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
      () => new SlidingWindowLimiter({ limit: SEARCH_PER_SECOND, windowMs: SEARCH_WINDOW_MS, browseReserve: 1 }),
    );
  const limiters = (globalForLimiter.__batchboardSharedLimiters ??= new Map());
  let limiter = limiters.get(key);
  if (!limiter) {
    limiter = new SharedRateLimiter({
      pool: limiterPool(databaseUrl),
      key,
      limit: SEARCH_PER_SECOND,
      windowMs: SEARCH_WINDOW_MS,
      browseReserve: 1,
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
