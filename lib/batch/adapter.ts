import type { BatchClient } from "./client";
import type { RowError, RowOperation, SavedRecord } from "./types";

/**
 * What the batch engine needs from one HubSpot resource (campaigns, marketing events, CRM objects).
 * The engine knows nothing about URLs or response shapes: an adapter sends one batch call and
 * correlates its answer back to rows, so the engine's chunking, retries, 400 isolation, conflict
 * checks and create de-duplication are written once for every resource.
 */
export type UpdateOp = Extract<RowOperation, { kind: "update" }>;
export type CreateOp = Extract<RowOperation, { kind: "create" }>;
export type ArchiveOp = Extract<RowOperation, { kind: "archive" }>;

/**
 * The client as adapters see it: the engine hands them a wrapper whose every request waits for the
 * portal's rate limiter and makes one attempt only (the engine owns retries), so adapters stay plain.
 */
export type HubSpotRequester = Pick<BatchClient, "request">;

export interface CallOptions {
  signal?: AbortSignal;
  /**
   * findByKeys may read a whole list instead of one look-up per key when that costs fewer calls.
   * Only for a preview (an upload's dry run): a list read page by page can miss a record that moves
   * while it pages, and the engine's look-up before re-sending a create must never miss one.
   */
  preview?: boolean;
}

/**
 * One batch call's answer, correlated to rows. Rows missing from both `saved` and `failed` are
 * "unaccounted": the engine resends them one at a time and then pairs them with `unassigned`.
 */
export interface BatchCallResult {
  saved: Map<string, SavedRecord>;
  failed: Map<string, RowError>;
  /** Errors the adapter could not tie to a row (e.g. a create error without a name). */
  unassigned: RowError[];
}

/** What a `changedSince` scan saw. */
export interface ChangedSince {
  /** Current records among the ids asked for that were updated after `since`, keyed by id. */
  changed: Map<string, SavedRecord>;
  /**
   * Every record updated after this instant was seen: `since` when the scan reached it, the
   * `updatedAt` of the last record seen when it stopped at `maxPages`, undefined when the scan
   * cannot vouch for anything (the list shrank while it paged, so a record may have slipped past the
   * cursor). Rows whose asOf is before it are not covered and need a batch read.
   */
  coveredFrom: string | undefined;
  /** List requests made. */
  pages: number;
  /**
   * An indexed scan's newest stamp in (since, until] as search returned it (its first page). With
   * `proveUntil`, the deferred scan trusts the scan only when this reaches `until`; an adapter that
   * leaves it out is never trusted that way (its scan is preceded by `indexedStamp` polls instead).
   */
  newest?: string;
}

export interface BatchAdapter {
  /** For logs and error messages ("campaign", "contact"). */
  readonly noun: string;
  /** Inputs per batch call (campaigns 50, marketing events and CRM objects 100). */
  readonly batchSize: number;

  /**
   * A row's problem that is certain before anything is sent (an operation the resource does not
   * support, a value HubSpot would reject for the WHOLE batch): the row fails up front and is never
   * sent, so it cannot cost its batch a 400 and a split. Undefined when the row may be sent.
   */
  precheck?(op: RowOperation): RowError | undefined;
  /**
   * The record an update targets, as HubSpot compares it (default: `op.id`). Two updates with the
   * same key in one submission are duplicates: HubSpot rejects a batch naming a record twice, so the
   * engine sends the first and fails the others up front. CRM objects addressed by a unique property
   * compare its values case-insensitively ("Jane@x.com" and "jane@x.com" are one contact).
   */
  recordKey?(op: UpdateOp): string;

  update(http: HubSpotRequester, ops: UpdateOp[], call: CallOptions): Promise<BatchCallResult>;
  create(http: HubSpotRequester, ops: CreateOp[], call: CallOptions): Promise<BatchCallResult>;
  /**
   * Archives records by id (HubSpot's batch/archive: 204, unknown ids included, so archiving is
   * idempotent). Resources without it refuse archive rows up front.
   */
  archive?(http: HubSpotRequester, ops: ArchiveOp[], call: CallOptions): Promise<BatchCallResult>;
  /**
   * Current records keyed by the ids asked for (`op.id` as the rows carry it, which for CRM objects
   * addressed by a unique property is that value, not HubSpot's record id), with at least
   * `properties`; ids that no longer exist are simply absent. Used by the conflict check just
   * before writing.
   */
  read(
    http: HubSpotRequester,
    ids: string[],
    properties: string[],
    call: CallOptions,
  ): Promise<Map<string, SavedRecord>>;
  /**
   * `read` takes any number of ids in one call and costs the same for many (marketing events: one
   * pass over the list), so callers reading many records should not split them by batch size.
   */
  readonly readIsListPass?: boolean;
  /**
   * The records changed after `since` (an ISO instant on HubSpot's clock), found by paging the
   * resource's list from the most recently updated down (campaigns: `sort=-updatedAt`, 100 a page)
   * until it reaches records not updated after `since`; returns the current version of those among
   * `ids`, with at least `properties`. At most `call.maxPages` list requests: when it stops early,
   * `coveredFrom` says how far back it got. Used by the engine's one-scan conflict check for rows
   * whose baseline has `asOf` (see `conflicts.ts`); without it such rows are batch-read.
   */
  changedSince?(
    http: HubSpotRequester,
    since: string,
    ids: string[],
    properties: string[],
    call: CallOptions & { maxPages: number; until?: string; proveUntil?: boolean },
  ): Promise<ChangedSince>;
  /**
   * Set when `changedSince` reads a search index that trails writes (HubSpot's CRM search: a change
   * reaches search results some time after it is made). Such a scan taken before the first write
   * could miss a change made just before it, so the engine defers it: scanned rows are written with
   * a batch read until the scan is done; the scan runs once the engine's own first write is visible
   * to `indexedStamp` (proof that the index has caught up to that instant), at least
   * `indexLagFloorMs` after it, and with `until` = that write's stamp (so it does not page over the
   * run's own later writes). `until` bounds the scan from above: records updated after it are
   * left out. See conflicts.ts for the reasoning and the trade-off. An indexed adapter whose `read`
   * is a list pass may also be scanned before the first write WITHOUT `until` (when the deferred
   * scan does not run): its `changedSince` must then not read the lagging index (events: the list).
   * With `proveUntil` the scan is also the first poll: it reports `newest`, and when its first page
   * holds nothing stamped `until` it may stop there (search is behind; nothing it found is used).
   */
  readonly changedSinceIndexed?: { indexLagFloorMs: number };
  /**
   * For an indexed `changedSince`: the `updatedAt` the search index holds for this record (the
   * stamp of the newest write it has indexed), or undefined when search does not return it. `id` is
   * the record's HubSpot id as a write answers it (`SavedRecord.id`), not a unique-property value.
   */
  indexedStamp?(http: HubSpotRequester, id: string, call: CallOptions): Promise<string | undefined>;
  /**
   * List pages a `changedSince` scan may cost for this many rows (default: the batch reads it
   * replaces, one per `batchSize` rows). An adapter whose `read` is dearer says so here.
   */
  scanPageBudget?(rows: number): number;

  /**
   * A create's natural key, unique per portal (campaigns: the normalised hs_name), or undefined
   * when the resource has none. With a key the engine can (a) refuse two creates of the same record
   * in one submission and (b) find out whether a create whose answer was lost actually happened.
   */
  createKey?(op: CreateOp): string | undefined;
  /**
   * The existing records among these keys (exact match), keyed by createKey. Needs createKey.
   * `ops` are the create rows the keys came from (same order), e.g. to read the properties they set.
   */
  findByKeys?(
    http: HubSpotRequester,
    keys: string[],
    call: CallOptions,
    ops: CreateOp[],
  ): Promise<Map<string, SavedRecord>>;

  /** A whole-request HubSpot error (400, 403, …) as shown on each row it affects. */
  describeError(status: number, body: unknown, fallback: string): RowError;
}
