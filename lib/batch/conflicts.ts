import type { ArchiveOp, UpdateOp } from "./adapter";
import { rowErrors } from "./errors";
import type { RowOutcome, SavedRecord } from "./types";

/**
 * The conflict rule. An update that carries a `baseline` (what the user saw) and not `force` is a
 * conflict when, for at least one property it WRITES, HubSpot's current value differs both from the
 * baseline value and from the value being written:
 *
 * - properties the row does not write never conflict: the engine sends only changed properties, so
 *   an edit to another column in HubSpot is kept, not overwritten;
 * - someone having made the very same change is not a conflict (writing it again loses nothing);
 * - a missing value, null and "" are the same thing ("" resets a property in HubSpot);
 * - if the baseline lacks the value of a written property, any change to the record since
 *   `baseline.updatedAt` counts, to stay on the safe side.
 *
 * A conflicting row is not written; its outcome carries HubSpot's current record so the grid can
 * offer "keep theirs" or "apply mine" (a resubmission with `force`).
 */
export function isConflict(op: UpdateOp, current: SavedRecord): boolean {
  const baseline = op.baseline;
  if (!baseline || op.force) return false;
  for (const [name, mine] of Object.entries(op.properties)) {
    const now = norm(current.properties[name]);
    if (!(name in baseline.values)) {
      if (current.updatedAt !== baseline.updatedAt && now !== norm(mine)) return true;
      continue;
    }
    if (now !== norm(baseline.values[name]) && now !== norm(mine)) return true;
  }
  return false;
}

const norm = (v: string | null | undefined) => v ?? "";

/** Every property these rows write (what a read must return to tell whether they were written). */
export function sentProperties(ops: UpdateOp[]): string[] {
  return [...new Set(ops.flatMap((op) => Object.keys(op.properties)))];
}

/**
 * Rows whose write may have reached HubSpot before a crash (they were "saving"): those whose record
 * already holds every value they write are saved, with the record as read (sending them again would
 * be harmless but the conflict check would take our own write for someone else's); a record gone is
 * not found; the rest go on to the conflict check and the write.
 */
export function alreadyHeld(
  ops: UpdateOp[],
  current: Map<string, SavedRecord>,
): { outcomes: RowOutcome[]; rest: UpdateOp[] } {
  const outcomes: RowOutcome[] = [];
  const rest: UpdateOp[] = [];
  for (const op of ops) {
    const rec = current.get(op.id);
    if (rec && Object.entries(op.properties).every(([k, v]) => norm(rec.properties[k]) === norm(v)))
      outcomes.push({ rowKey: op.rowKey, status: "saved", record: rec });
    else rest.push(op);
  }
  return { outcomes, rest };
}

export const needsConflictCheck = (op: UpdateOp | ArchiveOp) => op.baseline !== undefined && !op.force;

/** The properties to read for a conflict check: those the checked rows write. */
export function propertiesToCheck(ops: UpdateOp[]): string[] {
  return [...new Set(ops.filter(needsConflictCheck).flatMap((op) => Object.keys(op.properties)))];
}

/**
 * Splits checked rows by the records read just before writing: conflicts and vanished records get
 * their outcome now; the rest are written.
 */
export function applyConflictCheck(
  ops: UpdateOp[],
  current: Map<string, SavedRecord>,
  noun: string,
): { write: UpdateOp[]; outcomes: RowOutcome[] } {
  const write: UpdateOp[] = [];
  const outcomes: RowOutcome[] = [];
  for (const op of ops) {
    if (!needsConflictCheck(op)) {
      write.push(op);
      continue;
    }
    const rec = current.get(op.id);
    if (!rec) outcomes.push({ rowKey: op.rowKey, status: "failed", error: rowErrors.notFound(noun, op.id) });
    else if (isConflict(op, rec)) outcomes.push({ rowKey: op.rowKey, status: "conflict", current: rec });
    else write.push(op);
  }
  return { write, outcomes };
}

/**
 * Archive rows read just before archiving: a record changed since `baseline.updatedAt` (someone
 * edited it after it was created) is a conflict and stays; one already gone needs nothing (archiving
 * is idempotent, so it is archived again, harmlessly, with the others).
 */
export function applyArchiveCheck(
  ops: ArchiveOp[],
  current: Map<string, SavedRecord>,
): { write: ArchiveOp[]; outcomes: RowOutcome[] } {
  const write: ArchiveOp[] = [];
  const outcomes: RowOutcome[] = [];
  for (const op of ops) {
    const rec = current.get(op.id);
    if (needsConflictCheck(op) && rec && Date.parse(rec.updatedAt) > Date.parse(op.baseline!.updatedAt))
      outcomes.push({ rowKey: op.rowKey, status: "conflict", current: rec });
    else write.push(op);
  }
  return { write, outcomes };
}

/**
 * The one-scan check (rows whose baseline has `asOf`, with adapters that have `changedSince`).
 *
 * Why it is correct: `asOf` is an `updatedAt` the client saw when it loaded the row, so every change
 * made to the record after that load is stamped later than `asOf`. One scan of "records updated after
 * the oldest asOf" (campaigns: the list sorted by -updatedAt) therefore returns every record that may
 * have changed; a row whose record is not in it is exactly what the user loaded and cannot conflict.
 * Rows whose record is in it get the same rule as a batch read (`isConflict`). Costs: one list page
 * per 100 records changed in the portal since the oldest asOf, instead of one batch read per 50
 * rows; the scan stops (and the rows it did not reach are batch-read) once it would cost more pages
 * than the batch reads it replaces.
 *
 * `AS_OF_MARGIN_MS`: the scan reaches this much further back than asOf, in case HubSpot stamps a
 * write when it starts but makes it visible a little later (a write stamped just before a record we
 * loaded, but not yet visible to that load). It costs only the records changed in that second.
 *
 * The trade-off, plainly: the scan happens ONCE, before the first write. A change made in HubSpot
 * while the submission runs, after the scan and before the row's own write, is NOT detected: the
 * row overwrites it. The window is the time from the scan to the row's write: for the last rows of a
 * 5,000-row submission at HubSpot's ceiling about 9 s (20,000 rows: about 36 s). With batch reads the
 * window is the time between one batch's read and its write (a fraction of a second, more when the
 * rate limiter queues the write). Re-scanning before each batch would close most of the window but
 * is not cheap: the rows this run writes are themselves the most recently updated records (the list
 * API has no "updated after" filter), so every re-scan must page past all rows written since the
 * previous one: at least one list page per 100 rows written whatever the re-scan frequency, i.e.
 * ≥ 1.5 requests per 50 rows instead of 1 (≤ 0.6 of HubSpot's ceiling). A straightforward re-scan
 * before each batch with 4 batches in flight measured 3–4 requests per 50 rows, 25 % of the ceiling
 * (bench/submit-throughput.ts, "re-scan before each batch"), worse than batch reads. So it is not
 * done; a caller that cannot accept the window can leave asOf out and get batch reads.
 */
const AS_OF_MARGIN_MS = 1000;

/*
 * The scan over a lagging search index (`changedSinceIndexed`: CRM search; deferred-scan.ts).
 *
 * The problem: search shows a write only some time after it is made (seconds). A scan taken just
 * before the first write would miss a change made a moment before it (the user loads, someone edits
 * a record, the user submits at once): that row would be written without a read and overwrite the
 * edit silently. So the scan is DEFERRED, and until it is done the scanned rows keep their batch read.
 *
 * - The probe: the first update batch that saves a record whose stamp our write moved (later than
 *   the record as read just before: a write that changes nothing may keep the old stamp) gives a
 *   record and W, its new stamp. W is a time after the submission began, on HubSpot's clock.
 * - The wait: at least `indexLagFloorMs` after that write, and until search shows W: first the scan
 *   itself (its first page, newest first and bounded by W, holds a record stamped W once search has
 *   our write: `newest`), then, while it does not, `indexedStamp(probe)` ≥ W (polled 250 ms → 2 s)
 *   and the scan again. Search showing our write means its index has applied every write stamped
 *   before W, given that it applies them in order; the floor is for writes stamped a little before
 *   ours but applied a little after (different records, different shards). Search not showing it
 *   within a minute: no scan, every row keeps its batch read (safe, only dearer).
 * - The scan: `changedSince(oldest asOf − AS_OF_MARGIN_MS, until = W)` over the rows no batch has
 *   taken yet. Every change made after a row was loaded and before W is in it; `until` keeps out
 *   the run's own writes after W (those before W are paged over: a few batches). Changed records are
 *   read again (batch read) and judged by `isConflict` on their current values, as `applyScan` does.
 *   Batches taken after it write their covered rows with no read.
 *
 * What it does not catch: a change made in HubSpot during the run, after W, to a row not yet
 * written: the same window the campaigns scan accepts (above), starting at W instead of at the scan.
 * Rows taken while the scan is pending are batch-read just before their write, as without a scan.
 * Costs: searches (5 a second, each also a request of the portal's budget) for the probe (1–3) and
 * one page per 200 records changed in the portal between the oldest asOf and W, instead of one batch
 * read per 100 rows. A submission whose scanned rows fit in MIN_SCAN_BATCHES batches is not scanned.
 * A resumed submission runs `runBatch` again, so it probes and scans again from its own first write.
 */

/** A row's asOf in ms, when it can be scanned for (a baseline with a valid asOf, not forced). */
function asOfMs(op: UpdateOp): number | undefined {
  if (!needsConflictCheck(op) || op.baseline?.asOf === undefined) return undefined;
  const ms = Date.parse(op.baseline.asOf);
  return Number.isNaN(ms) ? undefined : ms;
}

/** What to scan for these rows (those with asOf): from the oldest asOf, at most as many pages as batch reads would cost. */
export function scanPlan(
  ops: UpdateOp[],
  batchSize: number,
  pageBudget?: (rows: number) => number,
): { rows: UpdateOp[]; since: string; maxPages: number; properties: string[] } | undefined {
  const rows = ops.filter((op) => asOfMs(op) !== undefined);
  if (!rows.length) return undefined;
  const oldest = Math.min(...rows.map((op) => asOfMs(op)!));
  return {
    rows,
    since: new Date(oldest - AS_OF_MARGIN_MS).toISOString(),
    maxPages: pageBudget ? pageBudget(rows.length) : Math.ceil(rows.length / batchSize),
    properties: propertiesToCheck(rows),
  };
}

/**
 * Decides the scanned rows: those the scan covered (their asOf, less the margin, is not before
 * `coveredFrom`) are conflicts when their record changed in a way `isConflict` objects to, and
 * otherwise are written without a read; the rest (`unresolved`) keep the batch-read check.
 */
export function applyScan(
  rows: UpdateOp[],
  changed: Map<string, SavedRecord>,
  coveredFrom: string | undefined,
): { write: UpdateOp[]; unresolved: UpdateOp[]; outcomes: RowOutcome[] } {
  const covered = coveredFrom === undefined ? Number.POSITIVE_INFINITY : Date.parse(coveredFrom);
  const write: UpdateOp[] = [];
  const unresolved: UpdateOp[] = [];
  const outcomes: RowOutcome[] = [];
  for (const op of rows) {
    if (!(asOfMs(op)! - AS_OF_MARGIN_MS >= covered)) unresolved.push(op);
    else {
      const rec = changed.get(op.id);
      if (rec && isConflict(op, rec)) outcomes.push({ rowKey: op.rowKey, status: "conflict", current: rec });
      else write.push(op);
    }
  }
  return { write, unresolved, outcomes };
}
