import type { BatchClient } from "./client";
import type { ArchiveOp, BatchAdapter, BatchCallResult, CreateOp, UpdateOp } from "./adapter";
import {
  alreadyHeld,
  applyArchiveCheck,
  applyConflictCheck,
  applyScan,
  needsConflictCheck,
  propertiesToCheck,
  scanPlan,
  sentProperties,
} from "./conflicts";
import {
  deferredScan,
  HOLD_FROM_BATCHES,
  scannedReport,
  searchPaced,
  sendScan,
  type ScanReport,
} from "./deferred-scan";
import { rowErrors } from "./errors";
import { chunk, splitOperations } from "./operations";
import { runPool } from "./pool";
import type { RateLimiter } from "./rate-limiter";
import { send, type SendContext } from "./send";
import type { RowError, RowOperation, RowOutcome, SavedRecord } from "./types";

/**
 * The one batch engine (grid submissions now; uploads, retries and reverts later). It chunks rows
 * into the adapter's batch size, keeps a few batches in flight within the portal's rate limit, and
 * returns exactly one outcome per operation, in input order. Row-level problems never throw: a
 * batch that keeps failing yields failed outcomes with a clear error.
 *
 * Conflict checks (updates with a baseline, not forced): rows whose baseline has `asOf` are decided
 * by one `changedSince` scan before the first write, costing about one list request per 100 records
 * changed in the portal since the oldest asOf (and never more pages than the batch reads it
 * replaces); the others get a batch read just before their write (one per batch). The scan's
 * window is the whole submission: a HubSpot change made after the scan, before a row's write, is
 * not detected. See conflicts.ts for why that is accepted and why there is no re-scan. An adapter
 * whose scan reads a lagging search index (`changedSinceIndexed`, CRM) is scanned later instead,
 * once its index has caught up with the run's first write (deferred-scan.ts), and only with a
 * `searchLimiter`; until then, and without one, its rows are batch-read.
 */
export interface RunBatchOptions {
  adapter: BatchAdapter;
  client: BatchClient;
  limiter: RateLimiter;
  /** Batches in flight at once (default 4): enough to keep HubSpot's 11 requests/s busy at ~250 ms per call. */
  concurrency?: number;
  /**
   * Called with each group of finished rows (a batch's answer is one call), one call at a time, in
   * completion order. A batch counts as done only once its call has resolved, so a caller that
   * records outcomes durably loses at most the batches in flight when its process dies.
   */
  onOutcomes?: (outcomes: RowOutcome[]) => void | Promise<void>;
  /** Called (and awaited) just before a row's write is sent: a write is never sent before it is marked. */
  onSaving?: (rowKeys: string[]) => void | Promise<void>;
  signal?: AbortSignal;
  /** Attempts per call for 429/5xx/network failures (default 6). */
  maxAttempts?: number;
  /** Waits between retries; tests shorten it. */
  sleep?: (ms: number) => Promise<void>;
  /**
   * Rows whose write may already have been sent by an earlier run (marked "saving" before a
   * restart): creates are looked up by natural key before anything is sent, like a lost answer;
   * updates are read first, and those HubSpot already holds are saved without a write.
   */
  maybeSent?: ReadonlySet<string>;
  /** HubSpot asked to wait long (daily limit): unsent rows end CANCELLED; the caller stops and resumes later. */
  onPause?: SendContext["onPause"];
  /**
   * The portal's search limiter (5/s). An indexed scan (`changedSinceIndexed`) runs only with one:
   * each of its requests takes a slot of it and of `limiter`.
   */
  searchLimiter?: RateLimiter;
  /** What the conflict scan did (logs, tests). */
  onScan?: (report: ScanReport) => void;
}

type Work =
  /** `probe`: the one row sent ahead of held batches (see `hold` in runBatch). */
  | { kind: "update"; ops: UpdateOp[]; checked: boolean; lookupFirst?: boolean; probe?: boolean }
  /** `round`: how many times these rows' outcome was unknown and looked up (bounded). */
  | { kind: "create"; ops: CreateOp[]; round: number; lookupFirst?: boolean }
  | { kind: "archive"; ops: ArchiveOp[] };

/**
 * `ctx` for a caller that already took one slot of its limiter: the first request uses it, the
 * others (the next call, retries) take their own. The slot goes unused only when every row of the
 * batch turns out to be a conflict.
 */
function holding(ctx: SendContext): SendContext {
  let held = true;
  return {
    ...ctx,
    limiter: {
      acquire: (signal, kind, how) => {
        if (!held) return ctx.limiter.acquire(signal, kind, how);
        held = false;
        return Promise.resolve();
      },
      observe: (res) => ctx.limiter.observe(res),
    },
  };
}

/** A lost create answer is looked up and resent at most this many times before giving up. */
const MAX_CREATE_ROUNDS = 3;

export async function runBatch(ops: RowOperation[], opts: RunBatchOptions): Promise<RowOutcome[]> {
  const { adapter } = opts;
  const noun = adapter.noun;
  const outcomes = new Map<string, RowOutcome>();
  let emitting: Promise<void> = Promise.resolve();
  let emitError: unknown;

  const emit = (list: RowOutcome[]) => {
    const fresh = list.filter((o) => !outcomes.has(o.rowKey));
    for (const o of fresh) outcomes.set(o.rowKey, o);
    if (!fresh.length || !opts.onOutcomes) return;
    emitting = emitting
      .then(() => opts.onOutcomes!(fresh))
      .catch((err) => {
        emitError ??= err;
      });
  };
  const marking = async (rowKeys: string[]) => {
    await opts.onSaving?.(rowKeys);
  };
  const fail = (rows: RowOperation[], error: RowError) =>
    emit(rows.map((op) => ({ rowKey: op.rowKey, status: "failed", error })));

  // Once no more batches wait to start than are in flight, every send is one of the run's last
  // (budget.ts: ENDING_LATE_MS). Not only once none waits: the limiter serves in order, so the
  // last batch's send would queue behind the sends of the batches started just before it.
  const concurrency = opts.concurrency ?? 4;
  let waiting = Infinity;
  const ctx: SendContext = {
    client: opts.client,
    limiter: {
      acquire: (signal, kind, how) =>
        opts.limiter.acquire(signal, kind, waiting <= concurrency ? { ...how, ending: true } : how),
      observe: (res) => opts.limiter.observe(res),
    },
    signal: opts.signal,
    maxAttempts: opts.maxAttempts ?? 6,
    sleep: opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms))),
    onPause: opts.onPause,
  };

  const parts = splitOperations(ops, adapter);
  const { creates, archives, duplicates, refused } = parts;
  // Updates that may have been written by an earlier run are read first (lookupFirst), never scanned:
  // our own write would look like someone else's change.
  const inFlight = parts.updates.filter((op) => opts.maybeSent?.has(op.rowKey));
  const updates = parts.updates.filter((op) => !opts.maybeSent?.has(op.rowKey));
  for (const r of refused) fail([r.op], r.error);
  for (const d of duplicates) fail([d.op], rowErrors.duplicateRow(noun, d.what));

  // Conflict check, cheap path: rows whose baseline has asOf are decided by ONE scan of the records
  // changed since, before the first write (rule and trade-off in conflicts.ts); conflicts get their
  // outcome now. Rows it cannot decide, and rows without asOf, are batch-read just before their write.
  const decided = new Set<UpdateOp>();
  // A lagging index is scanned later, once it shows the run's first write (deferred-scan.ts).
  const later = opts.searchLimiter
    ? deferredScan({
        adapter,
        ctx: { ...ctx, limiter: searchPaced(opts.searchLimiter, opts.limiter) },
        updates,
        onScan: opts.onScan,
      })
    : undefined;
  // An indexed adapter is scanned up front only when its read is a list pass and the deferred scan
  // does not run (no search limiter, a small run): it then costs one pass instead of one per batch,
  // and such an adapter's changedSince without `until` must not read the lagging index (adapter.ts).
  const upFront = !adapter.changedSinceIndexed || (adapter.readIsListPass === true && !later);
  const plan =
    adapter.changedSince && upFront && !opts.signal?.aborted
      ? scanPlan(updates, adapter.batchSize, adapter.scanPageBudget)
      : undefined;
  if (plan) {
    const r = await sendScan(ctx, adapter, plan);
    if (r.kind === "ok") {
      const split = applyScan(plan.rows, r.value.changed, r.value.coveredFrom);
      emit(split.outcomes);
      for (const op of split.write) decided.add(op);
      opts.onScan?.(scannedReport(plan.rows.length, r.value));
    } else opts.onScan?.({ outcome: "not-scanned", reason: `the scan failed (${r.kind})` });
    // A scan that did not get through decides nothing: every row falls back to its batch read.
  }
  const pending = updates.filter((op) => !outcomes.has(op.rowKey));
  const noRead = pending.filter((op) => decided.has(op) || !needsConflictCheck(op));
  const toRead = pending.filter((op) => !decided.has(op) && needsConflictCheck(op));
  // An adapter whose batch read is a pass over a list (marketing events) would pay one per batch
  // while search catches up: it sends ONE row first (read by itself, cheaply) as the probe, and the
  // other batches wait for the scan instead. Idle for a second or two costs less than those passes.
  // So does a run long enough that the budget sets its length (HOLD_FROM_BATCHES).
  const hold =
    later !== undefined &&
    toRead.length > 0 &&
    (adapter.readIsListPass === true || toRead.length >= HOLD_FROM_BATCHES * adapter.batchSize);
  const probeRows = hold ? toRead.slice(0, 1) : [];
  const readRows = hold ? toRead.slice(1) : toRead;

  const initial: Work[] = [
    // Decided rows first: the sooner they are written, the shorter the window since the scan.
    ...chunk(noRead, adapter.batchSize).map((c): Work => ({ kind: "update", ops: c, checked: true })),
    ...probeRows.map((op): Work => ({ kind: "update", ops: [op], checked: false, probe: true })),
    ...chunk(readRows, adapter.batchSize).map((c): Work => ({ kind: "update", ops: c, checked: false })),
    ...chunk(inFlight, adapter.batchSize).map((c): Work => ({
      kind: "update",
      ops: c,
      checked: false,
      lookupFirst: true,
    })),
    ...chunk(
      creates.filter((op) => !opts.maybeSent?.has(op.rowKey)),
      adapter.batchSize,
    ).map((c): Work => ({ kind: "create", ops: c, round: 0 })),
    ...chunk(
      creates.filter((op) => opts.maybeSent?.has(op.rowKey)),
      adapter.batchSize,
    ).map((c): Work => ({ kind: "create", ops: c, round: 0, lookupFirst: true })),
    ...chunk(archives, adapter.batchSize).map((c): Work => ({ kind: "archive", ops: c })),
  ];

  /** Outcomes from one correlated answer; returns the rows it did not account for. */
  function settle<T extends RowOperation>(rows: T[], r: BatchCallResult): { unaccounted: T[]; unassigned: RowError[] } {
    const unaccounted: T[] = [];
    const answered: RowOutcome[] = [];
    for (const op of rows) {
      const saved = r.saved.get(op.rowKey);
      const failed = r.failed.get(op.rowKey);
      if (saved) answered.push({ rowKey: op.rowKey, status: "saved", record: saved });
      else if (failed) answered.push({ rowKey: op.rowKey, status: "failed", error: failed });
      else unaccounted.push(op);
    }
    // The whole answer in one call: recorded together, as soon as it came.
    emit(answered);
    return { unaccounted, unassigned: r.unassigned };
  }

  /** A whole batch rejected (4xx): split a 400 in halves until each bad row stands alone. */
  function rejected<W extends Work>(
    w: W,
    status: number,
    body: unknown,
    message: string,
    halve: (ops: W["ops"]) => Work,
  ): Work[] {
    if (status === 400 && w.ops.length > 1) {
      const mid = Math.ceil(w.ops.length / 2);
      return [halve(w.ops.slice(0, mid)), halve(w.ops.slice(mid))];
    }
    fail(w.ops, adapter.describeError(status, body, message));
    return [];
  }

  async function processUpdate(w: Extract<Work, { kind: "update" }>): Promise<Work[]> {
    // While the deferred scan is pending, only a few batches read (held ones wait in `settled`).
    if (!later || hold || w.checked || w.lookupFirst) return updateBatch(w);
    const leave = await later.enter();
    try {
      return await updateBatch(w);
    } finally {
      leave();
    }
  }

  async function updateBatch(w: Extract<Work, { kind: "update" }>): Promise<Work[]> {
    let write = w.ops;
    let noRead = new Set<UpdateOp>();
    if (hold && !w.probe && !w.checked && !w.lookupFirst) await later!.settled();
    // The context of this batch's calls: the first may use a slot the batch already holds.
    let call = ctx;
    if (later && !w.checked && !w.lookupFirst) {
      if (!later.scanned()) {
        // Its first slot before asking the scan: a batch that queued while the scan finished is
        // decided by it and sends its write in that slot, instead of a read it no longer needs.
        try {
          await ctx.limiter.acquire(ctx.signal);
        } catch (err) {
          return (fail(write, ctx.signal?.aborted ? rowErrors.cancelled() : rowErrors.unexpected(err)), []);
        }
        call = holding(ctx);
      }
      // Decided by the deferred scan when it is done; otherwise read below as usual.
      const d = later.decide(write);
      emit(d.outcomes);
      write = d.rest;
      noRead = d.noRead;
    }
    const toCheck = w.checked
      ? []
      : w.lookupFirst
        ? write
        : write.filter((op) => needsConflictCheck(op) && !noRead.has(op));
    let readBefore: Map<string, SavedRecord> | undefined;
    if (toCheck.length) {
      // Read just before writing, so the window in which a HubSpot edit can slip through is one call.
      const props = w.lookupFirst ? sentProperties(write) : propertiesToCheck(toCheck);
      const r = await send(call, true, (http, o) =>
        adapter.read(
          http,
          toCheck.map((op) => op.id),
          props,
          o,
        ),
      );
      if (r.kind !== "ok") return (unsent(write, r), []);
      readBefore = r.value;
      // A row whose write may have landed before a crash: HubSpot holding its values means it did.
      const held = w.lookupFirst ? alreadyHeld(write, r.value) : { outcomes: [], rest: write };
      const split = applyConflictCheck(held.rest, r.value, noun);
      emit([...held.outcomes, ...split.outcomes]);
      write = split.write;
    }
    if (!write.length) return [];
    await marking(write.map((op) => op.rowKey));
    const r = await send(call, true, (http, o) => adapter.update(http, write, o));
    if (r.kind === "ok") {
      if (later && readBefore) later.saved(write, readBefore, r.value.saved);
      const { unaccounted, unassigned } = settle(write, r.value);
      if (!unaccounted.length) return [];
      if (unaccounted.length === 1 && unassigned.length <= 1)
        return (fail(unaccounted, unassigned[0] ?? rowErrors.notReported(noun)), []);
      // Updates are idempotent: sending a row alone again gives it an answer of its own.
      return write.length === 1
        ? (fail(unaccounted, rowErrors.notReported(noun)), [])
        : unaccounted.map((op) => ({ kind: "update", ops: [op], checked: true }));
    }
    if (r.kind === "rejected")
      return rejected({ ...w, ops: write }, r.status, r.body, r.message, (ops) => ({
        kind: "update",
        ops,
        checked: true,
      }));
    return (unsent(write, r), []);
  }

  async function processCreate(w: Extract<Work, { kind: "create" }>): Promise<Work[]> {
    if (w.lookupFirst) return recoverCreates(w.ops, w.round, { maybeSentEarlier: true });
    await marking(w.ops.map((op) => op.rowKey));
    const r = await send(ctx, false, (http, call) => adapter.create(http, w.ops, call));
    if (r.kind === "ok") {
      const { unaccounted, unassigned } = settle(w.ops, r.value);
      if (!unaccounted.length) return [];
      // An error we cannot tie to a row, and one row left: it is that row's error.
      if (unaccounted.length === 1 && unassigned.length === 1) return (fail(unaccounted, unassigned[0]!), []);
      // Rows without a natural key cannot be looked up; in a definitive answer that does not list them
      // they were not created. Errors that cannot be told apart (e.g. several nameless rows) are shared.
      const keyless = unaccounted.filter((op) => adapter.createKey?.(op) === undefined);
      const sameError =
        unassigned.length > 0 &&
        unassigned.every((e) => e.code === unassigned[0]!.code && e.message === unassigned[0]!.message);
      if (keyless.length) fail(keyless, sameError ? unassigned[0]! : rowErrors.notReported(noun, unassigned));
      // The others: we do not know whether they were created, so look them up before any resend.
      const keyed = unaccounted.filter((op) => !keyless.includes(op));
      return keyed.length ? recoverCreates(keyed, w.round, { notInResponse: true, unassigned }) : [];
    }
    if (r.kind === "rejected")
      return rejected(w, r.status, r.body, r.message, (ops) => ({ kind: "create", ops, round: w.round }));
    if (r.kind === "unknown") return recoverCreates(w.ops, w.round, r.error);
    if (r.kind === "aborted" && r.sent) return (fail(w.ops, rowErrors.unknownOutcome(noun, { cancelled: true })), []);
    return (unsent(w.ops, r), []);
  }

  /** Archives: like updates (idempotent, so retried and split freely), checked for changes since by a read just before. */
  async function processArchive(w: Extract<Work, { kind: "archive" }>, checked = false): Promise<Work[]> {
    let write = w.ops;
    const toCheck = checked ? [] : write.filter(needsConflictCheck);
    if (toCheck.length) {
      const r = await send(ctx, true, (http, call) =>
        adapter.read(
          http,
          toCheck.map((op) => op.id),
          [],
          call,
        ),
      );
      if (r.kind !== "ok") return (unsent(write, r), []);
      const split = applyArchiveCheck(write, r.value);
      emit(split.outcomes);
      write = split.write;
    }
    if (!write.length) return [];
    await marking(write.map((op) => op.rowKey));
    const r = await send(ctx, true, (http, call) => adapter.archive!(http, write, call));
    if (r.kind === "ok") {
      const { unaccounted, unassigned } = settle(write, r.value);
      if (unaccounted.length) fail(unaccounted, unassigned[0] ?? rowErrors.notReported(noun));
      return [];
    }
    if (r.kind === "rejected")
      return rejected({ ...w, ops: write }, r.status, r.body, r.message, (ops) => ({ kind: "archive", ops }));
    return (unsent(write, r), []);
  }

  /**
   * A create batch whose answer was lost (5xx, reset, timeout) may or may not have been applied.
   * A create is never sent twice for one row: the natural keys are looked up first, found records
   * are the rows' saved outcome, and only the missing ones are sent again.
   */
  async function recoverCreates(rows: CreateOp[], round: number, raw: unknown): Promise<Work[]> {
    const keyed = adapter.findByKeys ? rows.filter((op) => adapter.createKey?.(op) !== undefined) : [];
    const unkeyed = rows.filter((op) => !keyed.includes(op));
    if (unkeyed.length) fail(unkeyed, rowErrors.unknownOutcome(noun, raw));
    if (!keyed.length) return [];
    if (round + 1 >= MAX_CREATE_ROUNDS) return (fail(keyed, rowErrors.unknownOutcome(noun, raw)), []);
    const keys = keyed.map((op) => adapter.createKey!(op)!);
    const r = await send(ctx, true, (http, call) => adapter.findByKeys!(http, keys, call, keyed));
    if (r.kind !== "ok") return (fail(keyed, rowErrors.unknownOutcome(noun, r)), []);
    const missing: CreateOp[] = [];
    const found: RowOutcome[] = [];
    keyed.forEach((op, i) => {
      const rec = r.value.get(keys[i]!);
      if (rec) found.push({ rowKey: op.rowKey, status: "saved", record: rec });
      else missing.push(op);
    });
    emit(found);
    return missing.length ? [{ kind: "create", ops: missing, round: round + 1 }] : [];
  }

  /** Rows whose call did not get through (retries exhausted, cancelled, unreadable answer). */
  function unsent(
    rows: RowOperation[],
    r: { kind: string; error?: unknown; sent?: boolean; status?: number; body?: unknown; message?: string },
  ) {
    if (r.kind === "gave-up") fail(rows, r.error as RowError);
    else if (r.kind === "rejected") fail(rows, adapter.describeError(r.status!, r.body, r.message!));
    else if (r.kind === "aborted") fail(rows, rowErrors.cancelled());
    else fail(rows, rowErrors.unexpected(r.error));
  }

  try {
    await runPool(
      initial,
      concurrency,
      async (w) => {
        const rows: RowOperation[] = w.ops;
        if (opts.signal?.aborted) return (fail(rows, rowErrors.cancelled()), []);
        try {
          if (w.kind === "archive") return await processArchive(w);
          return w.kind === "update" ? await processUpdate(w) : await processCreate(w);
        } catch (err) {
          // A bug, not a HubSpot answer: still one outcome per row.
          fail(rows, rowErrors.unexpected(err));
          return [];
        } finally {
          if (w.kind === "update" && w.probe) later?.probeFinished();
          // The batch's outcomes are recorded before its slot takes the next batch.
          await emitting;
        }
      },
      (n) => (waiting = n),
    );
  } finally {
    // Every row has its outcome: a scan still waiting for the index has nothing left to decide.
    await later?.stop();
  }
  await emitting;
  if (emitError) throw emitError;
  return ops.map(
    (op) =>
      outcomes.get(op.rowKey) ?? {
        rowKey: op.rowKey,
        status: "failed",
        error: rowErrors.unexpected(new Error("no outcome")),
      },
  );
}
