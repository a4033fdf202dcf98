import "server-only";
import { crmPropertyType } from "../properties/column-type";
import type { PropertyType } from "../properties/types";
import { searchCrmObjects } from "../hubspot/crm-objects";
import type { HubSpotHttpClient } from "../hubspot/http-client";
import { RECORD_ID_PROPERTY, toSearchFilterGroups } from "../hubspot/search-filters";
import type { SearchRequester } from "../hubspot/search-requester";
import type { ViewQuery } from "../records/filters";
import type { RecordRow } from "../records/page";
import { crmColumnsFor } from "./properties";

type Requester = Pick<HubSpotHttpClient, "request">;

/** HubSpot's largest search page. */
export const SEARCH_PAGE_SIZE = 200;

/** The property types of an object type's columns, for translating filters (one properties read). */
export async function crmPropertyTypes(client: Requester, objectType: string): Promise<Map<string, PropertyType>> {
  const columns = await crmColumnsFor(client, objectType);
  const types = new Map(columns.map((c) => [c.name, crmPropertyType(c).type] as const));
  types.set(RECORD_ID_PROPERTY, "number");
  return types;
}

export interface CrmViewSpec {
  objectType: string;
  query: ViewQuery;
  /** The properties each row carries. */
  properties: readonly string[];
  /** The user's zone, for date-time filters by day. */
  timeZone: string;
}

export interface ViewPage {
  rows: RecordRow[];
  /** Matching records with an id above the page's cursor, as HubSpot counted them for this page. */
  remaining: number;
  /** The last id of the page: where the next page starts (resume a job from it). */
  lastId: string | null;
  /** `opts.loadTime()` taken just before this page's search (a load time for its rows' asOf), when given. */
  loadedAt?: string;
}

/**
 * Every record of a CRM view, in id order, one search page (200) at a time: each query asks for
 * `hs_object_id > the last id seen`, sorted by id, so it never pages past HubSpot's 10,000-result
 * cap and a view of any size is read in (records / 200) requests. The view's own sort is not kept
 * (jobs need a stable order to resume from, `afterId`). The client paces the searches (`pacedSearch`):
 * callers do not space them themselves. Search is eventually consistent: a record
 * written in the last seconds may be missed or still show its old values.
 */
export async function* crmViewPages(
  client: SearchRequester,
  spec: CrmViewSpec,
  opts: {
    types: ReadonlyMap<string, PropertyType>;
    afterId?: string;
    now?: number;
    signal?: AbortSignal;
    pageSize?: number;
    /** A search's load time (`searchLoadTime` on the connection's API base), asked before each page's search. */
    loadTime?: () => string | undefined;
  },
): AsyncGenerator<ViewPage> {
  const ctx = { timeZone: spec.timeZone, now: opts.now ?? Date.now() };
  const properties = [...new Set([RECORD_ID_PROPERTY, ...spec.properties])];
  let lastId = opts.afterId ?? null;
  for (;;) {
    const above = lastId ? [{ propertyName: RECORD_ID_PROPERTY, operator: "GT" as const, value: lastId }] : [];
    const loadedAt = opts.loadTime?.();
    const res = await searchCrmObjects(
      client,
      spec.objectType,
      {
        filterGroups: toSearchFilterGroups(spec.query.filters, (p) => opts.types.get(p), ctx, above),
        sorts: [{ propertyName: RECORD_ID_PROPERTY, direction: "ASCENDING" }],
        query: spec.query.q || undefined,
        properties,
        limit: opts.pageSize ?? SEARCH_PAGE_SIZE,
      },
      opts.signal,
    );
    const rows = res.results.map((r) => ({
      id: r.id,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
      properties: r.properties,
    }));
    if (rows.length === 0) return;
    lastId = rows[rows.length - 1]!.id;
    yield { rows, remaining: res.total, lastId, ...(loadedAt !== undefined ? { loadedAt } : {}) };
    if (rows.length >= res.total) return;
  }
}
