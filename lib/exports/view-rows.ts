import "server-only";
import { listCampaigns } from "../hubspot/campaigns";
import type { HubSpotHttpClient } from "../hubspot/http-client";
import type { SearchRequester } from "../hubspot/search-requester";
import { crmViewPages } from "../crm/view-pages";
import { listMarketingEventsPage } from "../marketing-events/list-events";
import { CAMPAIGN_SORT_KEYS } from "../campaigns/query";
import type { ViewQuery } from "../records/filters";
import { rowMatcher } from "../records/match-filters";
import type { RecordRow } from "../records/page";
import type { PropertyType } from "../properties/types";
import type { ResourceRef } from "../resources/ref";

type Requester = Pick<HubSpotHttpClient, "request">;

export interface ViewSpec {
  ref: ResourceRef;
  query: ViewQuery;
  /** The properties each row needs (the visible columns). */
  properties: readonly string[];
  timeZone: string;
  types: ReadonlyMap<string, PropertyType>;
}

/** A page of the view's records, with the view's size when it is known (CRM: the search's total). */
export interface ViewChunk {
  rows: RecordRow[];
  total: number | null;
}

/**
 * Every record of a view, page by page: a CRM view by id-paging its search (crmViewPages, id order,
 * past the 10,000 cap); campaigns and marketing events by their whole list, which HubSpot cannot
 * filter, filtered here (rowMatcher) as the grid filters them. Campaigns keep the view's sort and
 * name search (HubSpot sorts their list); events come in HubSpot's order. CRM pages go through
 * `search`, which paces them with every other search of the portal (lib/crm/paced-search.ts);
 * lists through `http`.
 */
export async function* viewRows(
  clients: { http: Requester; search: SearchRequester },
  spec: ViewSpec,
  signal?: AbortSignal,
): AsyncGenerator<ViewChunk> {
  const { http } = clients;
  const { ref, query } = spec;
  const now = Date.now();
  if (ref.type === "crm") {
    let first: number | null = null;
    const pages = crmViewPages(
      clients.search,
      { objectType: ref.objectType, query, properties: spec.properties, timeZone: spec.timeZone },
      { types: spec.types, now, signal },
    );
    const read = () => pages.next();
    // The next page is read while the caller writes this one: the file costs no time of its own (it
    // waits for its search slot like any other search).
    let pending = read();
    pending.catch(() => {}); // awaited below; this only keeps an abandoned read from being "unhandled"
    for (;;) {
      const next = await pending;
      if (next.done) return;
      pending = read();
      pending.catch(() => {});
      // The first page's count is the view's; later ones count what is left above their cursor.
      first ??= next.value.remaining;
      yield { rows: next.value.rows, total: first };
    }
  }
  const { matches, problems } = rowMatcher(query.filters, (p) => spec.types.get(p), { timeZone: spec.timeZone, now });
  if (problems.length) throw new ViewFilterError(problems.join("; "));
  const keep = (rows: RecordRow[]) => rows.filter((r) => matches(r.properties));
  let after: string | undefined;
  do {
    signal?.throwIfAborted();
    if (ref.type === "campaigns") {
      const sort = query.sort && CAMPAIGN_SORT_KEYS.includes(query.sort.replace(/^-/, "")) ? query.sort : undefined;
      const res = await listCampaigns(http, { after, name: query.q, sort });
      after = res.paging?.next?.after;
      yield {
        rows: keep(
          res.results.map((c) => ({
            id: c.id,
            createdAt: c.createdAt,
            updatedAt: c.updatedAt,
            properties: c.properties,
          })),
        ),
        total: null,
      };
    } else {
      const page = await listMarketingEventsPage(http, { apiVersion: ref.apiVersion, after });
      after = page.nextAfter ?? undefined;
      yield { rows: keep(page.rows), total: null };
    }
  } while (after);
}

/** The view's filters cannot be applied (a column gone, a value its type cannot take): said, never ignored. */
export class ViewFilterError extends Error {}
