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
 * rows not yet taken. The probe's polls and the scan run beside the batches, never holding them up.
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
) {
  return send(ctx, true, (http, call) =>
    adapter.changedSince!(
      http,
      plan.since,
      plan.rows.map((op) => op.id),
      plan.properties,
      { ...call, maxPages: plan.maxPages, ...(until !== undefined ? { until } : {}) },
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
/**
 * Scanned rows in this many batches or fewer keep their batch reads: waiting for the index (a
 * second or more) would outlast them, so a scan would add requests and save none.
 */
export const MIN_SCAN_BATCHES = 3;

/**
 * Every request takes a slot of the portal's search limiter, then of its general budget (the scan's
 * batch read of the changed records too: simpler than two requesters, and one request in a scan).
 */
export function searchPaced(search: RateLimiter, portal: RateLimiter): RateLimiter {
  return {
    async acquire(signal) {
      await search.acquire(signal);
      await portal.acquire(signal);
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

  async function run(probe: SavedRecord) {
    const w = Date.parse(probe.updatedAt);
    await sleep(indexed!.indexLagFloorMs, signal);
    const deadline = Date.now() + INDEX_WAIT_MS;
    for (let wait = POLL_FIRST_MS; ; wait = Math.min(wait * 2, POLL_MAX_MS)) {
      const r = await send(ctx, true, (http, call) => adapter.indexedStamp!(http, probe.id, call));
      if (r.kind !== "ok") return report({ outcome: "not-scanned", reason: `the probe's search failed (${r.kind})` });
      if (r.value !== undefined && Date.parse(r.value) >= w) break;
      if (Date.now() + wait > deadline)
        return report({ outcome: "not-scanned", reason: "search did not show our own write within a minute" });
      await sleep(wait, signal);
    }
    const plan = scanPlan(
      rows.filter((op) => !taken.has(op)),
      adapter.batchSize,
      adapter.scanPageBudget,
    );
    if (!plan) return report({ outcome: "not-scanned", reason: "every scanned row was already taken" });
    for (const op of plan.rows) asked.add(op);
    const r = await sendScan(ctx, adapter, plan, probe.updatedAt);
    if (r.kind !== "ok") return report({ outcome: "not-scanned", reason: `the scan failed (${r.kind})` });
    result = r.value;
    report(scannedReport(plan.rows.length, r.value));
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
      task = run(probe).catch((err) => {
        if (!signal.aborted) report({ outcome: "not-scanned", reason: String(err) });
      });
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
      await task;
    },
  };
}
