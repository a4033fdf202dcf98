import "server-only";
import type {
  BatchAdapter,
  BatchCallResult,
  CallOptions,
  ChangedSince,
  HubSpotRequester,
  UpdateOp,
} from "../batch/adapter";
import type { RowError, SavedRecord } from "../batch/types";
import { eventItemError, eventRequestError } from "./marketing-event-batch-errors";
import { eventRowProblem, eventRowValues, eventUpdateInput } from "./marketing-event-fields";
import { listMarketingEvents, marketingEventPaths, type MarketingEventApiVersion } from "./marketing-events";
import { LIST_CHEAPER, marketingEventSearch, SEARCH_REFUSED } from "./marketing-events-search";
import { HubSpotApiError } from "./http-client";
import { MAX_BATCH_INPUTS } from "./schemas/common";
import {
  MarketingEventDefaultSchema,
  MarketingEventSchema,
  type MarketingEventBatchResponse,
  type MarketingEventDefault,
} from "./schemas/marketing-events";
import { lenientBatchResponse } from "./schemas/lenient";

/** Write answers, read leniently: a surprise in one item must not lose the batch's outcome. */
const EventWriteResponseSchema = lenientBatchResponse(MarketingEventDefaultSchema);

/**
 * Marketing events for the batch engine, on the 2026-03 or the v3 API (identical shapes and rules,
 * different paths). Updates only: events are created by the event apps that own them (HubSpot's
 * create takes an external account and event id), so create rows are refused up front.
 *
 * - A row's `properties` map to the update input as described in marketing-event-fields.ts: known
 *   keys to the top-level fields, the others to `customProperties`.
 * - Rows whose values HubSpot's JSON reader would reject for the whole batch (dates that are not ISO
 *   date-times) or that it rejects per input (a URL that is not http(s), an end before the start
 *   when both are edited) are refused before sending, with the same wording as HubSpot's 207 errors.
 * - batch/update takes 100 inputs; results are unordered and matched by objectId; 207 errors name
 *   their objectIds in `context.ids` (unknown ids share one OBJECT_NOT_FOUND error).
 * - There is no batch read: the conflict check reads events one by one for a few rows, and pages
 *   through the list (100 a page) for more, stopping once every id is found. Rows loaded by the grid
 *   (baselines with asOf) are instead checked by ONE scan for the whole submission (`changedSince`):
 *   CRM search for the events modified since load (marketing-events-search.ts), deferred by the
 *   engine until its own first write is searchable (`changedSinceIndexed`, `indexedStamp`); where
 *   search is refused or the engine does not defer, one pass over the list (it has no sort by
 *   updatedAt, so the pass reads it to the end).
 */
export interface MarketingEventAdapterOptions {
  apiVersion: MarketingEventApiVersion;
}

/** A whole-list conflict pass stops here (100,000 events) and leaves the rows to per-batch reads. */
const MAX_SCAN_PAGES = 1_000;

/** Up to this many ids, read one by one; above, page through the list instead. */
const READ_ONE_BY_ONE_MAX = 10;

/**
 * The least time between the engine's first write being visible to search and its scan. HubSpot
 * documents no figure for how far search trails writes (only that it does); the engine's own write
 * showing up in search is the real proof, this only adds a margin for writes indexed out of order.
 */
const INDEX_LAG_FLOOR_MS = 1_000;

/** A requester that counts its requests (a scan reports what it cost). */
function countingRequester(http: HubSpotRequester): HubSpotRequester & { count(): number } {
  let n = 0;
  return {
    request: ((path: string, o?: Parameters<HubSpotRequester["request"]>[1]) => {
      n++;
      return http.request(path, o);
    }) as HubSpotRequester["request"],
    count: () => n,
  };
}

const toSavedRecord = (e: MarketingEventDefault): SavedRecord => ({
  id: e.objectId,
  updatedAt: e.updatedAt,
  properties: eventRowValues(e),
});

function correlateEventUpdates(ops: UpdateOp[], res: MarketingEventBatchResponse): BatchCallResult {
  const rowById = new Map(ops.map((op) => [op.id, op]));
  const out: BatchCallResult = { saved: new Map(), failed: new Map(), unassigned: [] };
  for (const r of res.results) {
    const op = rowById.get(r.objectId);
    if (op) out.saved.set(op.rowKey, toSavedRecord(r));
  }
  for (const err of res.errors ?? []) {
    const named = (err.context.ids ?? []).flatMap((id) => rowById.get(id) ?? []);
    if (!named.length) out.unassigned.push(eventItemError(err, {}));
    for (const op of named) out.failed.set(op.rowKey, eventItemError(err, op.properties));
  }
  return out;
}

const createRefused: RowError = {
  category: "VALIDATION_ERROR",
  code: "CREATE_NOT_SUPPORTED",
  message:
    "New marketing events can't be added here: they are created by the event app that runs them (Zoom, ON24, …). Edit existing events instead.",
};

export function marketingEventBatchAdapter({ apiVersion }: MarketingEventAdapterOptions): BatchAdapter {
  const paths = marketingEventPaths(apiVersion);
  const search = marketingEventSearch();

  async function readOne(http: HubSpotRequester, id: string, signal?: AbortSignal): Promise<SavedRecord | undefined> {
    try {
      return toSavedRecord(
        await http.request(`${paths.base}/${encodeURIComponent(id)}`, {
          schema: MarketingEventSchema,
          idempotent: true,
          signal,
        }),
      );
    } catch (err) {
      if (err instanceof HubSpotApiError && err.status === 404) return undefined;
      throw err;
    }
  }

  /** Events by id, one GET each (4 at a time), or from the list, stopping once every id is found. */
  async function readEvents(http: HubSpotRequester, ids: string[], oneByOne: boolean, signal?: AbortSignal) {
    const found = new Map<string, SavedRecord>();
    if (oneByOne) {
      const queue = [...ids];
      const lane = async () => {
        for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
          const rec = await readOne(http, id, signal);
          if (rec) found.set(id, rec);
        }
      };
      await Promise.all([lane(), lane(), lane(), lane()]);
      return found;
    }
    const wanted = new Set(ids);
    let after: string | undefined;
    do {
      const page = await listMarketingEvents(http, { apiVersion, after, signal });
      for (const e of page.results) if (wanted.has(e.objectId)) found.set(e.objectId, toSavedRecord(e));
      after = page.paging?.next?.after;
    } while (after && found.size < wanted.size);
    return found;
  }

  /**
   * One pass over the whole list (no sort by updatedAt, no filter): the events among `ids` updated
   * after `since`. It reads everything, so a change after the engine's `until` is reported too:
   * that is still a change since the row was loaded, and costs nothing more here.
   */
  async function listPass(
    http: HubSpotRequester,
    since: string,
    ids: string[],
    call: CallOptions & { maxPages: number },
  ): Promise<ChangedSince> {
    const wanted = new Set(ids);
    const changed = new Map<string, SavedRecord>();
    const seen = new Set<string>();
    const sinceMs = Date.parse(since);
    let after: string | undefined;
    let pages = 0;
    do {
      if (pages >= call.maxPages) return { changed, coveredFrom: undefined, pages };
      const page = await listMarketingEvents(http, { apiVersion, after, signal: call.signal });
      pages++;
      for (const e of page.results) {
        if (!wanted.has(e.objectId)) continue;
        seen.add(e.objectId);
        if (Date.parse(e.updatedAt) > sinceMs) changed.set(e.objectId, toSavedRecord(e));
      }
      after = page.paging?.next?.after;
    } while (after);
    // A row not seen was deleted, or slipped past the cursor when the list shifted during the pass:
    // the scan cannot vouch for anything then, and every row gets the per-batch read instead.
    return { changed, coveredFrom: seen.size === wanted.size ? since : undefined, pages };
  }

  return {
    noun: "marketing event",
    batchSize: MAX_BATCH_INPUTS,

    precheck: (op) => (op.kind === "create" ? createRefused : eventRowProblem(op.properties)),

    async update(http, ops, call) {
      const res = await http.request(`${paths.base}/batch/update`, {
        method: "POST",
        body: { inputs: ops.map((op) => eventUpdateInput(op.id, op.properties)) },
        schema: EventWriteResponseSchema,
        idempotent: true,
        signal: call.signal,
      });
      return correlateEventUpdates(ops, res);
    },

    async create(_http, ops) {
      // Not reached: precheck refuses creates. Kept total so the engine never sends one.
      return { saved: new Map(), failed: new Map(ops.map((op) => [op.rowKey, createRefused])), unassigned: [] };
    },

    read: (http, ids, _properties, call) => readEvents(http, ids, ids.length <= READ_ONE_BY_ONE_MAX, call.signal),

    scanPageBudget: () => MAX_SCAN_PAGES,
    readIsListPass: true,

    /*
     * With `until` (the engine's deferred scan, see changedSinceIndexed): CRM search for the events
     * modified in (since, until], 200 a page, so a submission costs one search per 200 events
     * CHANGED since load instead of one list page per 100 events in the portal; the events found
     * among `ids` are then read from the events API (lag-free, current values). Without `until`, or
     * when the portal refuses the search, one pass over the list, as before: search trails writes,
     * so a search taken before the engine knows the index has caught up could miss a change made
     * just before the submission.
     */
    async changedSince(http, since, ids, _properties, call) {
      if (call.until !== undefined && !search.refused) {
        const counted = countingRequester(http);
        let size: number | undefined;
        const listPages = async () => (size ??= await search.portalSize(counted, call.signal)) / 100;
        // Many changes (an old asOf, e.g. a dry run's read of a record untouched for months): when
        // reading them would itself take a list pass, the further searches are wasted: list pass now.
        const tooMany = async (total: number) => total > (await listPages());
        const found = await search.changed(counted, since, call.until, ids, { ...call, tooMany });
        if (found !== SEARCH_REFUSED && found !== LIST_CHEAPER && found.behind)
          return { changed: new Map(), coveredFrom: undefined, pages: counted.count(), newest: found.newest };
        if (found !== SEARCH_REFUSED && found !== LIST_CHEAPER) {
          // The changed events' current values, from the events API (search lags): one GET each
          // while that costs less than a pass over the list (search's total says how long it is).
          const changedIds = [...found.stamps.keys()];
          const oneByOne = changedIds.length <= READ_ONE_BY_ONE_MAX || changedIds.length <= (await listPages());
          const changed = changedIds.length
            ? await readEvents(counted, changedIds, oneByOne, call.signal)
            : new Map<string, SavedRecord>();
          return { changed, coveredFrom: found.coveredFrom, pages: counted.count(), newest: found.newest };
        }
        const rest = await listPass(http, since, ids, { ...call, maxPages: call.maxPages - counted.count() });
        // The list does not lag: what it found holds up to now, past `until`.
        return { ...rest, pages: rest.pages + counted.count(), newest: call.until };
      }
      const pass = await listPass(http, since, ids, call);
      return call.until !== undefined ? { ...pass, newest: call.until } : pass;
    },

    changedSinceIndexed: { indexLagFloorMs: INDEX_LAG_FLOOR_MS },

    async indexedStamp(http, id, call) {
      const stamp = search.refused ? SEARCH_REFUSED : await search.stamp(http, id, call.signal);
      // Refused: changedSince reads the list, which does not lag; the event's own stamp is the answer.
      return stamp === SEARCH_REFUSED ? (await readOne(http, id, call.signal))?.updatedAt : stamp;
    },

    describeError: eventRequestError,
  };
}
