import "server-only";
import type { CallOptions, ChangedSince, HubSpotRequester } from "../batch/adapter";
import type { SavedRecord } from "../batch/types";
import { SEARCH_RESULT_CAP, searchCrmObjects } from "./crm-objects";
import { pacedByCaller } from "./search-requester";
import type { CrmObject, CrmSearchRequest, SearchFilter } from "./schemas/crm";

/**
 * The CRM side of the engine's deferred scan (lib/batch/conflicts.ts): records modified in a time
 * range, found with CRM search, and the stamp search holds for one record. The engine paces every
 * request made here as a search (a slot of the portal's search limiter and of its general budget).
 */
export interface CrmScanTarget {
  objectType: string;
  /** The unique property the rows' ids hold (email), or undefined when they hold record ids. */
  idProperty: string | undefined;
  /** Current records keyed by the ids as the rows carry them (the adapter's `read`). */
  read: (
    http: HubSpotRequester,
    ids: string[],
    properties: string[],
    call: CallOptions,
  ) => Promise<Map<string, SavedRecord>>;
}

/** HubSpot's search pages hold at most 200 records. */
const PAGE = 200;

/** Contacts stamp `lastmodifieddate`; every other object type `hs_lastmodifieddate`. */
export const modifiedProperty = (objectType: string) =>
  ["contacts", "0-1"].includes(objectType.toLowerCase()) ? "lastmodifieddate" : "hs_lastmodifieddate";

const normUnique = (v: string) => v.trim().toLowerCase();

/** A record's modification stamp as search holds it (epoch ms), from the property or `updatedAt`. */
function stampOf(r: CrmObject, prop: string): number {
  const v = r.properties[prop];
  if (v) {
    const ms = /^\d+$/.test(v) ? Number(v) : Date.parse(v);
    if (!Number.isNaN(ms)) return ms;
  }
  return Date.parse(r.updatedAt);
}

/**
 * Records modified in [since, until], newest first, 200 a page, asking only for what matching rows
 * needs. Search answers at most 10,000 results per query, so past that the scan starts a new query
 * bounded by the last stamp seen (`LTE`, so records sharing that stamp are not skipped) and drops
 * ids already seen. A new query is also started when `total` drops between pages: a record left the
 * range (its change after `until` reached the index) and every later one moved up a place, so one
 * could slip past the offset unseen; a stamp-bounded query has no offset to slip past. A new query
 * that gets no further than its bound (10,000 records or more with one stamp, or a range that keeps
 * shrinking) stops there: everything modified after that stamp was seen, and `coveredFrom` says so.
 *
 * Search may hold stale values, so the changed records among `ids` are read again (batch read,
 * authoritative) and their CURRENT versions returned.
 */
export async function crmChangedSince(
  t: CrmScanTarget,
  http: HubSpotRequester,
  since: string,
  ids: string[],
  properties: string[],
  call: CallOptions & { maxPages: number; until?: string; proveUntil?: boolean },
): Promise<ChangedSince> {
  const prop = modifiedProperty(t.objectType);
  const sinceMs = Date.parse(since);
  const keyOf = (id: string) => (t.idProperty ? normUnique(id) : id.trim());
  const wanted = new Map(ids.map((id) => [keyOf(id), id]));
  const search = pacedByCaller(http);
  const seen = new Set<string>();
  const hits = new Set<string>();
  let upper = call.until === undefined ? undefined : Date.parse(call.until);
  let after: string | undefined;
  let total: number | undefined;
  /** Results this query has returned so far (a query ends without a cursor at the cap too). */
  let inQuery = 0;
  let last: number | undefined;
  let pages = 0;
  /** The first page's newest stamp: search has caught up to `until` when it reaches it. */
  let newest: string | undefined;

  const done = async (coveredFrom: string | undefined): Promise<ChangedSince> => {
    const changed = hits.size ? await t.read(http, [...hits], properties, call) : new Map<string, SavedRecord>();
    return { changed, coveredFrom, pages, newest };
  };

  for (;;) {
    const filters: SearchFilter[] = [{ propertyName: prop, operator: "GTE", value: String(sinceMs) }];
    if (upper !== undefined) filters.push({ propertyName: prop, operator: "LTE", value: String(upper) });
    const req: CrmSearchRequest = {
      filterGroups: [{ filters }],
      sorts: [{ propertyName: prop, direction: "DESCENDING" }],
      properties: ["hs_object_id", prop, ...(t.idProperty ? [t.idProperty] : [])],
      limit: PAGE,
      ...(after ? { after } : {}),
    };
    const page = await searchCrmObjects(search, t.objectType, req, call.signal);
    pages++;
    inQuery += page.results.length;
    const shrank = total !== undefined && page.total < total;
    total = page.total;
    if (pages === 1) {
      const top = Math.max(...page.results.map((r) => stampOf(r, prop)));
      newest = Number.isFinite(top) ? new Date(top).toISOString() : undefined;
      // Search is behind `until`: this scan proves nothing, so it stops before paging or reading.
      if (call.proveUntil && upper !== undefined && !(top >= upper))
        return { changed: new Map(), coveredFrom: undefined, pages, newest };
    }
    for (const r of page.results) {
      const stamp = stampOf(r, prop);
      // Search documents no tie-break and may ignore a sort: only a page really newest-first is trusted.
      if (last !== undefined && stamp > last) return done(undefined);
      last = stamp;
      if (seen.has(r.id)) continue;
      seen.add(r.id);
      const key = t.idProperty ? r.properties[t.idProperty] : r.id;
      const id = key ? wanted.get(keyOf(key)) : undefined;
      if (id !== undefined) hits.add(id);
    }
    const next = page.paging?.next?.after;
    if (!next && !shrank && inQuery >= page.total) return done(since);
    if (pages >= call.maxPages) return done(last === undefined ? since : new Date(last).toISOString());
    // The cursor is an offset in practice; one that is not is followed until search stops giving one.
    const offset = Number(next);
    if (next && !shrank && !(offset + PAGE > SEARCH_RESULT_CAP)) {
      after = next;
      continue;
    }
    // Past the cap, or the range shrank: a new query from the last stamp seen.
    if (last === undefined || last === upper) return done(last === undefined ? since : new Date(last).toISOString());
    upper = last;
    after = undefined;
    total = undefined;
    inQuery = 0;
  }
}

/** The stamp search holds for one record (by its HubSpot id), or undefined while it is not indexed. */
export async function crmIndexedStamp(
  objectType: string,
  http: HubSpotRequester,
  id: string,
  call: CallOptions,
): Promise<string | undefined> {
  const prop = modifiedProperty(objectType);
  const page = await searchCrmObjects(
    pacedByCaller(http),
    objectType,
    {
      filterGroups: [{ filters: [{ propertyName: "hs_object_id", operator: "EQ", value: id }] }],
      properties: ["hs_object_id", prop],
      limit: 1,
    },
    call.signal,
  );
  const r = page.results[0];
  return r ? new Date(stampOf(r, prop)).toISOString() : undefined;
}
