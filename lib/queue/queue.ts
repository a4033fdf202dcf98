import "server-only";
import type { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import PgBoss from "pg-boss";
import { env } from "../config/env";
import { db, type Db } from "../db";
import { PgliteBossDb } from "./pglite-adapter";

/**
 * Durable background jobs on pg-boss 10, in the app's own database:
 * - PostgreSQL (DATABASE_URL): pg-boss gets a pool of its own on that database, schema `pgboss`.
 *   Any number of processes (the dashboard, `npm run worker`) share the queues; pg-boss fetches
 *   with `FOR UPDATE SKIP LOCKED`, so each job goes to exactly one worker.
 * - PGlite (the default): pg-boss runs on the app's PGlite instance through `PgliteBossDb`.
 *   PGlite is one process and one connection, so jobs are worked in the dashboard's process.
 *
 * `jobQueue()` is the process-wide instance, started on first use. `createJobQueue()` builds an
 * independent one (tests, and one per simulated "process").
 */

export type JobState = "created" | "retry" | "active" | "completed" | "cancelled" | "failed";

export interface QueueSettings {
  /** Retries after the first attempt. */
  retryLimit?: number;
  /** Seconds before a retry (doubled per attempt, with jitter, when `retryBackoff`). */
  retryDelay?: number;
  retryBackoff?: boolean;
  /**
   * How long one attempt may stay active. A handler still running then is failed (and retried) —
   * and so is a job whose worker died: nobody completes it, so pg-boss' maintenance (every
   * `maintenanceIntervalSeconds`) fails it by timeout and another worker picks up the retry.
   * Stored on each job when it is sent: changing it affects jobs sent afterwards.
   */
  expireInSeconds?: number;
  /** Minutes a job may wait in the queue before it is archived unworked (pg-boss default: 14 days). */
  retentionMinutes?: number;
  /** Queue that receives a copy of a job once it has failed for good. */
  deadLetter?: string;
}

/**
 * Defaults for import jobs (a submission sent to HubSpot through the rate-limited batch engine):
 * - retryLimit 3: a job fails on things that pass — HubSpot 5xx streaks, a network outage, a
 *   deploy killing the worker. Per-row errors are outcomes, not job failures, so a job that throws
 *   hit something systemic; three more tries spread over one to two and a half minutes ride out
 *   short incidents, and a job still failing after that needs a person (it stays `failed`;
 *   `retry()` re-queues it).
 * - retryDelay 10 s with backoff (pg-boss: 10–20 s, then 20–40 s, then 40–80 s): HubSpot's rate
 *   window is 10 s, so retrying sooner mostly meets the same 429s; the random part keeps several
 *   failed imports from retrying in lockstep.
 * - expireInSeconds 15 min: an attempt runs at most this long. It bounds how late a job whose
 *   worker died is picked up again (15 min + up to one maintenance interval), and it must exceed
 *   the longest honest attempt: at 100 requests per 10 s a 15-minute attempt sends 9,000 batch
 *   requests (up to 900,000 rows of 100), far beyond one upload. Handlers must be resumable —
 *   they get `job.signal`, aborted at expiry, on cancel and on shutdown — because a retry starts over
 *   from what the database says was done (the submission runner already works that way).
 */
export const IMPORT_QUEUE_DEFAULTS: Required<
  Pick<QueueSettings, "retryLimit" | "retryDelay" | "retryBackoff" | "expireInSeconds">
> = {
  retryLimit: 3,
  retryDelay: 10,
  retryBackoff: true,
  expireInSeconds: 15 * 60,
};

export interface SendOptions {
  /**
   * At most one unfinished job (created, retry or active) per queue and key: while one exists,
   * `send` returns null and enqueues nothing. Checked under an advisory lock in the same
   * transaction as the insert, so concurrent senders in any process cannot both enqueue.
   * (pg-boss' own singletonKey only acts on non-standard queue policies, which would also apply
   * to jobs without a key; this queue stays `standard`.)
   */
  singletonKey?: string;
  /** Delay: a Date, or seconds from now. */
  startAfter?: Date | number;
  priority?: number;
  /** Job id (uuid); generated when omitted. */
  id?: string;
  retryLimit?: number;
  retryDelay?: number;
  retryBackoff?: boolean;
  expireInSeconds?: number;
}

export interface Job<T> {
  id: string;
  name: string;
  data: T;
  /** 0 on the first attempt. */
  retryCount: number;
  retryLimit: number;
  /**
   * Aborted when this attempt must stop: the job was cancelled (or is no longer this attempt's,
   * e.g. failed by timeout and retried elsewhere), it expired, or the queue stops without waiting.
   * The handler's result is ignored after that; pass the signal on to everything that waits.
   */
  signal: AbortSignal;
}

export type JobHandler<T = any> = (job: Job<T>) => Promise<unknown>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface WorkOptions {
  /** Jobs per fetch. Always 1: each job gets its own handler call, signal and outcome. */
  batchSize?: 1;
  /**
   * How often an idle worker looks for jobs (default 2 s, at least 0.5). pg-boss 10 also waits out
   * the rest of the interval after a job shorter than it, so one worker starts at most one job per
   * interval: raise `concurrency` for many short jobs. `send` in this process wakes its workers at once.
   */
  pollingIntervalSeconds?: number;
  /** Jobs of this queue this process runs at the same time (default 1). */
  concurrency?: number;
}

export interface JobInfo<T = unknown> {
  id: string;
  name: string;
  data: T;
  state: JobState;
  retryCount: number;
  retryLimit: number;
  singletonKey: string | null;
  createdOn: Date;
  startedOn: Date | null;
  completedOn: Date | null;
  /** The handler's return value, or the serialised error of the last failure. */
  output: unknown;
}

export interface StopOptions {
  /** Wait (up to `timeoutMs`) for running jobs to finish. Default true. */
  graceful?: boolean;
  /** Default 30 s. Jobs still running then are failed (so retried) and their signals aborted. */
  timeoutMs?: number;
}

export interface JobQueue {
  /**
   * Creates the queue, or updates its settings when it exists: `settings` over `queueDefaults`
   * (default `IMPORT_QUEUE_DEFAULTS`). `send`/`work` create a missing queue with the defaults and
   * leave an existing one as it is.
   */
  createQueue(name: string, settings?: QueueSettings): Promise<void>;
  /** Enqueues a job. Resolves to its id, or null when `singletonKey` matched an unfinished job. */
  send<T extends object>(name: string, data: T, options?: SendOptions): Promise<string | null>;
  /** Starts working a queue in this process; resolves to the pg-boss worker ids. */
  work<T>(name: string, handler: JobHandler<T>, options?: WorkOptions): Promise<string[]>;
  /** Stops fetching new jobs of a queue in this process (running jobs finish). */
  offWork(name: string): Promise<void>;
  /** Queues this process works. */
  working(): string[];
  /** created/retry/active → cancelled (a running handler's signal aborts within `cancelCheckSeconds`). Resolves to the number of jobs changed. */
  cancel(name: string, ids: string | string[]): Promise<number>;
  /** cancelled → created: runs again (a resumed job counts as a retry attempt). */
  resume(name: string, ids: string | string[]): Promise<number>;
  /** failed → retry, with one more attempt allowed. */
  retry(name: string, ids: string | string[]): Promise<number>;
  getJobById<T = unknown>(name: string, id: string, options?: { includeArchive?: boolean }): Promise<JobInfo<T> | null>;
  stop(options?: StopOptions): Promise<void>;
  /** The underlying pg-boss instance, for what this wrapper does not cover. */
  readonly boss: PgBoss;
}

type ExecuteSql = (text: string, values?: unknown[]) => Promise<{ rows: any[] }>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** How pg-boss and the wrapper reach the database. */
interface Connection {
  db: PgBoss.Db & { executeSql: ExecuteSql };
  /** Runs `fn` in one transaction (one session). */
  transaction<T>(fn: (exec: ExecuteSql) => Promise<T>): Promise<T>;
  /** Runs `fn` while holding a database-wide advisory lock (other processes wait for it). */
  withLock<T>(key: string, fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface JobQueueOptions {
  connection: { databaseUrl: string; poolSize?: number } | { pglite: PGlite };
  /** Settings for queues created implicitly by `send`/`work` (default `IMPORT_QUEUE_DEFAULTS`). */
  queueDefaults?: QueueSettings;
  /**
   * How often (at most, across all processes) pg-boss expires timed-out active jobs and archives
   * finished ones. Default 30 s (pg-boss: 120 s): it adds to the delay before a dead worker's job
   * is retried, and each run is three small locked statements.
   */
  maintenanceIntervalSeconds?: number;
  /** How often a running job checks whether it was cancelled or superseded (default 5 s; 0 = never). */
  cancelCheckSeconds?: number;
  /**
   * On start, fail (→ retry) every job left active. Only correct when no other process can be
   * working them — PGlite, whose data directory one process opens — so that a restart resumes
   * interrupted jobs at once instead of after they expire. `jobQueue()` sets it on PGlite.
   */
  failActiveJobsOnStart?: boolean;
  onError?: (err: unknown) => void;
}

export const JOB_SCHEMA = "pgboss";

function poolConnection(databaseUrl: string, poolSize: number): Connection {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize, application_name: "batchboard-jobs" });
  pool.on("error", (err) => console.error("[jobs] idle database connection failed", err));
  let closed = false;
  const executeSql: ExecuteSql = async (text, values) => {
    // Like pg-boss' own Db: after stop, late complete()/fail() calls of abandoned handlers are no-ops.
    if (closed) return undefined as unknown as { rows: [] };
    if (values && values.length > 0) return pool.query(text, values);
    // Multi-statement BEGIN…COMMIT scripts (install, maintenance): if one statement fails, roll
    // back on the same session instead of returning it to the pool inside an aborted transaction.
    const client = await pool.connect();
    try {
      const res = await client.query(text);
      return Array.isArray(res) ? { rows: (res.at(-1) as pg.QueryResult | undefined)?.rows ?? [] } : res;
    } catch (err) {
      await client.query("ROLLBACK").catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  };
  return {
    db: { executeSql },
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const result = await fn((text, values) => client.query(text, values));
        await client.query("COMMIT");
        return result;
      } catch (err) {
        await client.query("ROLLBACK").catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    async withLock(key, fn) {
      // A session lock on a connection of its own, held while `fn` runs on other connections.
      const client = await pool.connect();
      try {
        await client.query("SELECT pg_advisory_lock(hashtext('batchboard.jobs'), hashtext($1))", [key]);
        try {
          return await fn();
        } finally {
          await client.query("SELECT pg_advisory_unlock(hashtext('batchboard.jobs'), hashtext($1))", [key]);
        }
      } finally {
        client.release();
      }
    },
    async close() {
      closed = true;
      await pool.end();
    },
  };
}

function pgliteConnection(pglite: PGlite): Connection {
  const adapter = new PgliteBossDb(pglite);
  return {
    db: adapter,
    transaction: (fn) =>
      pglite.transaction((tx) => fn(async (text, values) => ({ rows: (await tx.query(text, values)).rows }))),
    // One process, one connection: every statement already runs alone.
    withLock: (_key, fn) => fn(),
    async close() {
      adapter.close();
    },
  };
}

const toIds = (ids: string | string[]) => (Array.isArray(ids) ? ids : [ids]);

/** The reason of an aborted `job.signal`. */
export class JobAbortError extends Error {
  constructor(
    readonly kind: "cancelled" | "superseded" | "expired" | "shutdown",
    message: string,
  ) {
    super(message);
    this.name = "JobAbortError";
  }
}

/** Builds and starts a job queue (installs or migrates the pgboss schema on first use). */
export async function createJobQueue(opts: JobQueueOptions): Promise<JobQueue> {
  const conn =
    "pglite" in opts.connection
      ? pgliteConnection(opts.connection.pglite)
      : poolConnection(opts.connection.databaseUrl, opts.connection.poolSize ?? 4);
  const onError = opts.onError ?? ((err: unknown) => console.error("[jobs]", err));
  const boss = new PgBoss({
    db: conn.db,
    schema: JOB_SCHEMA,
    // No cron schedules here: the timekeeper would add its own queue, worker and two timers.
    schedule: false,
    supervise: true,
    maintenanceIntervalSeconds: opts.maintenanceIntervalSeconds ?? 30,
  });
  // pg-boss emits 'error' for failed polls and maintenance; an EventEmitter without a listener would throw.
  boss.on("error", onError);
  try {
    await boss.start();
    if (opts.failActiveJobsOnStart) {
      const { rows } = await conn.db.executeSql(`SELECT name, id FROM ${JOB_SCHEMA}.job WHERE state = 'active'`, []);
      const byQueue = new Map<string, string[]>();
      for (const r of rows as { name: string; id: string }[])
        byQueue.set(r.name, [...(byQueue.get(r.name) ?? []), r.id]);
      // (pg-boss' types lack the `fail(name, ids[], data)` form it implements.)
      const fail = boss.fail.bind(boss) as unknown as (name: string, ids: string[], data: object) => Promise<unknown>;
      for (const [name, ids] of byQueue) await fail(name, ids, { message: "the process working this job stopped" });
    }
  } catch (err) {
    await boss.stop({ graceful: false }).catch(() => {});
    await conn.close().catch(() => {});
    throw err;
  }
  return new PgBossJobQueue(boss, conn, opts);
}

class PgBossJobQueue implements JobQueue {
  private readonly created = new Map<string, Promise<void>>();
  private createChain: Promise<void> = Promise.resolve();
  private readonly workers = new Map<string, string[]>();
  private readonly running = new Set<AbortController>();
  private readonly cancelCheckMs: number;
  private stopping?: Promise<void>;

  constructor(
    readonly boss: PgBoss,
    private readonly conn: Connection,
    private readonly opts: JobQueueOptions,
  ) {
    this.cancelCheckMs = (opts.cancelCheckSeconds ?? 5) * 1000;
  }

  createQueue(name: string, settings?: QueueSettings): Promise<void> {
    // pg-boss 10 needs a queue before send/work. Its createQueue leaves an existing queue as it is:
    // explicit settings are applied with updateQueue too (the settings in code win), while the
    // implicit creation by send/work keeps whatever an explicit createQueue set.
    const p = this.serialisedCreate(name, settings);
    this.created.set(name, p);
    p.catch(() => this.created.delete(name));
    return p;
  }

  private ensureQueue(name: string): Promise<void> {
    return this.created.get(name) ?? this.createQueue(name, undefined);
  }

  /**
   * pg-boss' create_queue() inserts the queue row, then adds a partition with foreign keys to the
   * queue table: two of them running at once (any two queues, e.g. a worker and the dashboard
   * starting together) deadlock in PostgreSQL. So creation takes a database-wide advisory lock, and
   * one creation at a time per process (each holds a connection while it waits for the lock).
   */
  private serialisedCreate(name: string, settings: QueueSettings | undefined): Promise<void> {
    const run = () =>
      this.conn.withLock("create-queue", async () => {
        const q: PgBoss.Queue = { name, ...(this.opts.queueDefaults ?? IMPORT_QUEUE_DEFAULTS), ...settings };
        if (!settings && (await this.boss.getQueue(name))) return;
        await this.boss.createQueue(name, q);
        if (settings) await this.boss.updateQueue(name, q);
      });
    const p = this.createChain.then(run, run);
    this.createChain = p.catch(() => {});
    return p;
  }

  async send<T extends object>(name: string, data: T, options: SendOptions = {}): Promise<string | null> {
    await this.ensureQueue(name);
    const { singletonKey, startAfter, ...rest } = options;
    const sendOptions: PgBoss.SendOptions = { ...rest, singletonKey };
    if (startAfter !== undefined) sendOptions.startAfter = startAfter;
    let id: string | null;
    if (singletonKey === undefined) {
      id = await this.boss.send(name, data, sendOptions);
    } else {
      id = await this.conn.transaction(async (exec) => {
        await exec("SELECT pg_advisory_xact_lock(hashtext('batchboard.jobs.singleton'), hashtext($1))", [
          JSON.stringify([name, singletonKey]),
        ]);
        const { rows } = await exec(
          `SELECT id FROM ${JOB_SCHEMA}.job WHERE name = $1 AND singleton_key = $2 AND state < 'completed' LIMIT 1`,
          [name, singletonKey],
        );
        if (rows.length > 0) return null;
        return this.boss.send(name, data, { ...sendOptions, db: { executeSql: exec } });
      });
    }
    if (id) for (const workerId of this.workers.get(name) ?? []) this.boss.notifyWorker(workerId);
    return id;
  }

  async work<T>(name: string, handler: JobHandler<T>, options: WorkOptions = {}): Promise<string[]> {
    if (options.batchSize !== undefined && options.batchSize !== 1)
      throw new Error("JobQueue.work: batchSize must be 1");
    await this.ensureQueue(name);
    const workOptions = {
      batchSize: 1,
      includeMetadata: true as const,
      ...(options.pollingIntervalSeconds !== undefined
        ? { pollingIntervalSeconds: options.pollingIntervalSeconds }
        : {}),
    };
    const ids: string[] = [];
    for (let i = 0; i < Math.max(1, options.concurrency ?? 1); i++) {
      ids.push(
        await this.boss.work<T>(name, workOptions, async ([job]) => (job ? this.runJob(job, handler) : undefined)),
      );
    }
    this.workers.set(name, [...(this.workers.get(name) ?? []), ...ids]);
    return ids;
  }

  async offWork(name: string): Promise<void> {
    this.workers.delete(name);
    await this.boss.offWork(name);
  }

  working(): string[] {
    return [...this.workers.keys()];
  }

  /**
   * One attempt. pg-boss completes the job with the returned value or fails it with the thrown
   * error; a rejection after abort fails an attempt that is over anyway (a cancelled job stays
   * cancelled: pg-boss only fails unfinished jobs).
   */
  private async runJob<T>(raw: PgBoss.JobWithMetadata<T>, handler: JobHandler<T>): Promise<unknown> {
    const ac = new AbortController();
    const abort = (reason: JobAbortError) => {
      if (!ac.signal.aborted) ac.abort(reason);
    };
    this.running.add(ac);
    // pg-boss fails the attempt when expireIn passes (and retries it); stop the handler then too.
    const expireMs = Number(raw.expireInSeconds) * 1000;
    const expiry = setTimeout(
      () => abort(new JobAbortError("expired", `job ${raw.id} exceeded ${raw.expireInSeconds}s`)),
      expireMs,
    );
    const check =
      this.cancelCheckMs > 0 ? setInterval(() => void this.checkStillOurs(raw, abort), this.cancelCheckMs) : undefined;
    const aborted = new Promise<never>((_, reject) => {
      if (ac.signal.aborted) reject(ac.signal.reason);
      ac.signal.addEventListener("abort", () => reject(ac.signal.reason), { once: true });
    });
    aborted.catch(() => {});
    try {
      const result = Promise.resolve().then(() =>
        handler({
          id: raw.id,
          name: raw.name,
          data: raw.data,
          retryCount: raw.retryCount,
          retryLimit: raw.retryLimit,
          signal: ac.signal,
        }),
      );
      // A handler that ignores its signal keeps running, but its outcome no longer counts.
      result.catch(() => {});
      return await Promise.race([result, aborted]);
    } finally {
      clearTimeout(expiry);
      if (check) clearInterval(check);
      this.running.delete(ac);
    }
  }

  private async checkStillOurs(raw: PgBoss.JobWithMetadata<unknown>, abort: (r: JobAbortError) => void) {
    try {
      const now = await this.boss.getJobById(raw.name, raw.id);
      if (!now && this.stopping) return;
      if (now?.state === "cancelled") abort(new JobAbortError("cancelled", `job ${raw.id} was cancelled`));
      else if (!now || now.state !== "active" || now.retryCount !== raw.retryCount) {
        abort(
          new JobAbortError(
            "superseded",
            `job ${raw.id} attempt ${raw.retryCount} is no longer active (${now?.state ?? "gone"})`,
          ),
        );
      }
    } catch (err) {
      (this.opts.onError ?? ((e: unknown) => console.error("[jobs]", e)))(err);
    }
  }

  async cancel(name: string, ids: string | string[]): Promise<number> {
    const res = (await this.boss.cancel(name, toIds(ids))) as unknown as { affected: number };
    return res.affected;
  }

  async resume(name: string, ids: string | string[]): Promise<number> {
    const res = (await this.boss.resume(name, toIds(ids))) as unknown as { affected: number };
    return res.affected;
  }

  async retry(name: string, ids: string | string[]): Promise<number> {
    const res = (await this.boss.retry(name, toIds(ids))) as unknown as { affected: number };
    return res.affected;
  }

  async getJobById<T = unknown>(
    name: string,
    id: string,
    options: { includeArchive?: boolean } = {},
  ): Promise<JobInfo<T> | null> {
    const j = await this.boss.getJobById<T>(name, id, { includeArchive: options.includeArchive ?? false });
    if (!j) return null;
    return {
      id: j.id,
      name: j.name,
      data: j.data,
      state: j.state,
      retryCount: j.retryCount,
      retryLimit: j.retryLimit,
      singletonKey: j.singletonKey,
      createdOn: j.createdOn,
      startedOn: j.startedOn ?? null,
      completedOn: j.completedOn,
      output: j.output,
    };
  }

  /** Calling it again with `graceful: false` while a graceful stop waits cuts the wait short. */
  stop(options: StopOptions = {}): Promise<void> {
    const graceful = options.graceful ?? true;
    const shutdown = () => new JobAbortError("shutdown", "the job queue is stopping");
    // Aborted handlers reject at once; pg-boss fails those jobs (→ retry) and stops waiting for them.
    if (!graceful) for (const ac of this.running) ac.abort(shutdown());
    this.stopping ??= (async () => {
      this.workers.clear();
      // graceful: pg-boss waits up to `timeout` for running jobs, then fails what is left (→ retry).
      await this.boss.stop({ graceful, timeout: options.timeoutMs ?? 30_000, wait: true });
      for (const ac of this.running) ac.abort(shutdown());
      await this.conn.close();
    })();
    return this.stopping;
  }
}

const globalForJobs = globalThis as unknown as { __batchboardJobQueue?: Promise<JobQueue> };

/**
 * The process-wide job queue, started on first use: PostgreSQL when DATABASE_URL is set, otherwise
 * the app's PGlite (see lib/db).
 */
export function jobQueue(): Promise<JobQueue> {
  globalForJobs.__batchboardJobQueue ??= (async () => {
    const databaseUrl = env().DATABASE_URL;
    if (databaseUrl) return createJobQueue({ connection: { databaseUrl } });
    return createJobQueue({ connection: { pglite: pgliteOf(await db()) }, failActiveJobsOnStart: true });
  })().catch((err) => {
    globalForJobs.__batchboardJobQueue = undefined;
    throw err;
  });
  return globalForJobs.__batchboardJobQueue;
}

/** Stops the process-wide queue (if started); the next `jobQueue()` starts a new one. */
export async function stopJobQueue(options?: StopOptions): Promise<void> {
  const q = globalForJobs.__batchboardJobQueue;
  globalForJobs.__batchboardJobQueue = undefined;
  if (q) await (await q.catch(() => undefined))?.stop(options);
}

/**
 * The PGlite instance behind the app's drizzle database. drizzle keeps its client as `$client`;
 * `Db` does not declare it yet (lib/db/client.ts: `Db = … & { $client: PGlite | pg.Pool }` would).
 */
function pgliteOf(database: Db): PGlite {
  const client = (database as Db & { $client?: unknown }).$client as Partial<PGlite> | undefined;
  if (!client || typeof client.exec !== "function" || typeof client.transaction !== "function") {
    throw new Error("jobQueue: the app database is not PGlite, but DATABASE_URL is not set");
  }
  return client as PGlite;
}
