import type { BatchAdapter, ChangedSince, UpdateOp } from "./adapter";
import { applyScan, scanPlan } from "./conflicts";
import { sleep, type RateLimiter } from "./rate-limiter";
import { send, type SendContext } from "./send";
import type { RowOutcome, SavedRecord } from "./types";

/**
 * The deferred scan for adapters whose `changedSince` reads a search index that trails writes
 * (`changedSinceIndexed`; the reasoning is in conflicts.ts). Until it is done, scanned rows keep
 * their batch read; the first update batch whose write moves a record's stamp gives the probe (that
 * record and W, its new stamp); once search shows the probe at W or later, and at least
 * `indexLagFloorMs` after the write, one `changedSince(oldest asOf − margin, until = W)` decides the
 * rows not yet taken. The first scan is its own proof (`proveUntil`: it counts only if search
 * returned something stamped W); only when it comes back behind is the probe polled. The polls and
 * the scan run beside the batches, never holding them up; meanwhile few batches read (`enter`).
 */
export type ScanReport =
  | { outcome: "scanned"; pages: number; rows: number; changed: number; coveredFrom?: string }
  | { outcome: "not-scanned"; reason: string };

/** One `changedSince` call for a scan plan, through `send` (pacing, retries); `until` for an indexed scan. */
export function sendScan(
  ctx: SendContext,
  adapter: BatchAdapter,
  plan: NonNullable<ReturnType<typeof scanPlan>>,
  until?: string,
  proveUntil = false,
) {
  return send(ctx, true, (http, call) =>
    adapter.changedSince!(
      http,
      plan.since,
      plan.rows.map((op) => op.id),
      plan.properties,
      {
        ...call,
        maxPages: plan.maxPages,
        ...(until !== undefined ? { until, ...(proveUntil ? { proveUntil } : {}) } : {}),
      },
    ),
  );
}

/** What a scan that got through did (for `onScan`). */
export const scannedReport = (rows: number, v: ChangedSince): ScanReport => ({
  outcome: "scanned",
  pages: v.pages,
  rows,
  changed: v.changed.size,
  coveredFrom: v.coveredFrom,
});

/** Polls of the probe: 250 ms, doubling to 2 s, for at most a minute (then batch reads go on). */
const POLL_FIRST_MS = 250;
const POLL_MAX_MS = 2000;
const INDEX_WAIT_MS = 60_000;
/** Batches read and written at once while the scan is pending (two keep ~11 requests/s busy at 150 ms). */
export const READING_WHILE_PENDING = 2;
/**
 * Scanned rows in this many batches or fewer keep their batch reads: waiting for the index (a
 * second or more) would outlast them, so a scan would add requests and save none.
 */
export const MIN_SCAN_BATCHES = 3;
/**
 * A run with this many batches to check holds them behind the probe, whatever its batch read costs
 * (see `hold` in runBatch). It needs more than a window of HubSpot's budget (110 requests per 10 s),
 * so the budget, not the clock, sets how long it takes: the slots left while it waits for the index
 * are taken back after (4 in flight make up for ~6 s of waiting within the window), whereas each
 * batch read spent meanwhile is a slot taken from its writes. A shorter run would only wait.
 */
export const HOLD_FROM_BATCHES = 100;

/**
 * Every request takes a slot of the portal's search limiter, then of its general budget (the scan's
 * batch read of the changed records too: simpler than two requesters, and one request in a scan).
 */
export function searchPaced(search: RateLimiter, portal: RateLimiter): RateLimiter {
  return {
    async acquire(signal) {
      await search.acquire(signal);
      // Ahead of the run's own batches: each one the scan decides sooner skips its read.
      await portal.acquire(signal, "background", { ahead: true });
    },
    observe(res) {
      search.observe(res);
      portal.observe(res);
    },
  };
}

export interface DeferredScan {
  /**
   * An update batch's answer (`saved` by rowKey), with its records as read just before the write
   * (by op id). The first record whose stamp moved past what was read becomes the probe.
   */
  saved(ops: UpdateOp[], before: Map<string, SavedRecord>, saved: Map<string, SavedRecord>): void;
  /**
   * A batch about to be read-checked: once the scan is done, its scanned rows are decided by it
   * (conflicts now, the rest written without a read); before that they are only noted as taken.
   */
  decide(ops: UpdateOp[]): { rest: UpdateOp[]; noRead: Set<UpdateOp>; outcomes: RowOutcome[] };
  /** The scan has decided (a batch that calls `decide` now gets the scan's answer). */
  scanned(): boolean;
  /**
   * Entered by a batch before it asks `decide`; the returned function leaves. Until the first batch
   * is done, and while the scan is pending, at most READING_WHILE_PENDING batches are inside: the
   * others wait for the scan instead of reading. Reads spent then are slots HubSpot's window would
   * otherwise have kept for later (a run starting on a window with room), so only as many go as
   * keep the budget's steady rate busy.
   */
  enter(): Promise<() => void>;
  /** The probe batch (see `settled`) is done, whether or not its write gave a probe. */
  probeFinished(): void;
  /**
   * Resolves once the probe batch is done and, if it gave a probe, the scan has run (or given up).
   * For adapters whose batch read is dear (a list pass: marketing events), the engine sends one row
   * first and holds the other scanned batches on this, instead of reading them while search catches up.
   */
  settled(): Promise<void>;
  /** The run is over: stop waiting or scanning. */
  stop(): Promise<void>;
}

export function deferredScan(args: {
  adapter: BatchAdapter;
  /** Paced as searches (`searchPaced`); no onPause: a scan that cannot run only costs batch reads. */
  ctx: SendContext;
  updates: UpdateOp[];
  onScan?: (report: ScanReport) => void;
}): DeferredScan | undefined {
  const { adapter, updates } = args;
  const indexed = adapter.changedSinceIndexed;
  if (!indexed || !adapter.changedSince || !adapter.indexedStamp) return undefined;
  const rows = scanPlan(updates, adapter.batchSize)?.rows ?? [];
  if (rows.length <= MIN_SCAN_BATCHES * adapter.batchSize) return undefined;

  const stopped = new AbortController();
  const signal = args.ctx.signal ? AbortSignal.any([args.ctx.signal, stopped.signal]) : stopped.signal;
  const ctx: SendContext = { ...args.ctx, signal, onPause: undefined };
  const inPlan = new Set(rows);
  const taken = new Set<UpdateOp>();
  const asked = new Set<UpdateOp>();
  let result: ChangedSince | undefined;
  let task: Promise<void> | undefined;
  let probeDone!: () => void;
  const probed = new Promise<void>((resolve) => (probeDone = resolve));
  const report = (r: ScanReport) => {
    if (!stopped.signal.aborted) args.onScan?.(r);
  };
  // The gate of `enter`: closed (READING_WHILE_PENDING inside at most) until a batch is done, and
  // while a probe's scan is pending; open once the scan is over, or while no probe is found.
  let inside = 0;
  let batchesDone = 0;
  let over = false;
  const gateQueue: (() => void)[] = [];
  const gated = () => !over && !stopped.signal.aborted && (batchesDone === 0 || task !== undefined);
  const admit = () => {
    while (gateQueue.length && (!gated() || inside < READING_WHILE_PENDING)) {
      inside++;
      gateQueue.shift()!();
    }
  };

  /**
   * One scan of the rows not taken yet, bounded by W. With `prove`, it is also the first poll: its
   * result counts only when search returned something stamped W (`newest`), i.e. had caught up.
   */
  async function scan(probe: SavedRecord, prove: boolean): Promise<"behind" | "reported" | "done"> {
    const plan = scanPlan(
      rows.filter((op) => !taken.has(op)),
      adapter.batchSize,
      adapter.scanPageBudget,
    );
    if (!plan) return (report({ outcome: "not-scanned", reason: "every scanned row was already taken" }), "reported");
    const r = await sendScan(ctx, adapter, plan, probe.updatedAt, prove);
    if (r.kind !== "ok") return (report({ outcome: "not-scanned", reason: `the scan failed (${r.kind})` }), "reported");
    const newest = r.value.newest === undefined ? NaN : Date.parse(r.value.newest);
    if (prove && !(newest >= Date.parse(probe.updatedAt))) return "behind";
    for (const op of plan.rows) asked.add(op);
    result = r.value;
    report(scannedReport(plan.rows.length, r.value));
    return "done";
  }

  async function run(probe: SavedRecord) {
    const w = Date.parse(probe.updatedAt);
    await sleep(indexed!.indexLagFloorMs, signal);
    // Usually search has caught up by the floor: one request both proves it and scans.
    if ((await scan(probe, true)) !== "behind") return;
    const deadline = Date.now() + INDEX_WAIT_MS;
    for (let wait = POLL_FIRST_MS; ; wait = Math.min(wait * 2, POLL_MAX_MS)) {
      if (Date.now() + wait > deadline)
        return report({ outcome: "not-scanned", reason: "search did not show our own write within a minute" });
      await sleep(wait, signal);
      const r = await send(ctx, true, (http, call) => adapter.indexedStamp!(http, probe.id, call));
      if (r.kind !== "ok") return report({ outcome: "not-scanned", reason: `the probe's search failed (${r.kind})` });
      if (r.value !== undefined && Date.parse(r.value) >= w) break;
    }
    await scan(probe, false);
  }

  return {
    saved(ops, before, saved) {
      if (task || stopped.signal.aborted) return;
      // Only a stamp our write moved (later than the record read just before it) is a time after
      // this run began: a write that changes nothing may keep the old stamp, and an old W would
      // leave the changes made since out of the scan.
      const records = ops.flatMap((op) => {
        const s = saved.get(op.rowKey);
        const b = before.get(op.id);
        return s && b && Date.parse(s.updatedAt) > Date.parse(b.updatedAt) ? [s] : [];
      });
      if (!records.length) return;
      // The newest stamp of the batch: the index showing it means it has applied the others too.
      const probe = records.reduce((a, b) => (Date.parse(b.updatedAt) > Date.parse(a.updatedAt) ? b : a));
      task = run(probe)
        .catch((err) => {
          if (!signal.aborted) report({ outcome: "not-scanned", reason: String(err) });
        })
        .finally(() => {
          over = true;
          admit();
        });
    },
    async enter() {
      await new Promise<void>((resolve) => {
        gateQueue.push(resolve);
        admit();
      });
      let left = false;
      return () => {
        if (left) return;
        left = true;
        inside--;
        batchesDone++;
        admit();
      };
    },
    decide(ops) {
      const scanned = ops.filter((op) => inPlan.has(op));
      if (!result) {
        for (const op of scanned) taken.add(op);
        return { rest: ops, noRead: new Set(), outcomes: [] };
      }
      // Only rows the scan was asked about: the others were taken before it started.
      const split = applyScan(
        scanned.filter((op) => asked.has(op)),
        result.changed,
        result.coveredFrom,
      );
      const conflicts = new Set(split.outcomes.map((o) => o.rowKey));
      return {
        rest: ops.filter((op) => !conflicts.has(op.rowKey)),
        noRead: new Set(split.write),
        outcomes: split.outcomes,
      };
    },
    scanned: () => result !== undefined,
    probeFinished() {
      probeDone();
    },
    async settled() {
      await probed;
      await task;
    },
    async stop() {
      probeDone();
      stopped.abort();
      admit();
      await task;
    },
  };
}
