import "server-only";
import type { HubSpotRequester } from "../batch/adapter";
import { logError } from "../log/log-error";
import { crmObjectsPath } from "./crm-objects";
import { HubSpotApiError } from "./http-client";
import { CrmSearchResponseSchema, type CrmSearchRequest, type SearchFilter } from "./schemas/crm";

/**
 * Marketing events through CRM search, for the conflict check: which events changed after an
 * instant, and the stamp search holds for one event.
 *
 * What this relies on (HubSpot's docs): "A marketing event is a CRM object, similar to contacts and
 * companies" (developers.hubspot.com/docs/api/marketing/marketing-events), its object type being
 * `marketing_events` (id 0-54, read scope crm.objects.marketing_events.read); the CRM search
 * endpoint is /crm/objects/2026-03/{objectType}/search (developers.hubspot.com/docs/api-reference/
 * 2026-03/crm/search-the-crm), 200 results a page ("up to 200 objects", PublicObjectSearchRequest
 * in crm-objects-2026-03.json), 5 searches a second, and every CRM object has
 * `hs_object_id` and `hs_lastmodifieddate`. The search's `id` is the event's objectId (the internal
 * id the events API's /{objectId} calls take).
 *
 * What is NOT documented: HubSpot's CRM-search page does not list marketing events among its
 * searchable objects, and the CRM objects spec's scopes do not name crm.objects.marketing_events.*.
 * So a portal may refuse it: any 400/403/404/405 answer marks search as refused for this adapter, and
 * callers fall back to the events list (lag-free, but a pass over the whole list).
 *
 * Search trails writes (the index is updated some time after a write), which is why the engine
 * only uses this scan with `until` (see marketing-event-batch-adapter.ts).
 */
export const EVENT_OBJECT_TYPE = "marketing_events";

const PAGE = 200;
/** HubSpot allows 5 searches a second per portal: one scan's searches are spaced to stay within it. */
const SEARCH_SPACING_MS = 200;
const REFUSED_STATUSES = new Set([400, 403, 404, 405]);

export const SEARCH_REFUSED = Symbol("search refused");
export const LIST_CHEAPER = Symbol("a list pass costs less");

export interface EventChanges {
  /** Event ids (of those asked for) found changed, with the stamp search holds. */
  stamps: Map<string, string>;
  /** As in ChangedSince: every event updated in (coveredFrom, until] was seen. */
  coveredFrom: string | undefined;
  pages: number;
  /** The first page's newest stamp (ChangedSince.newest). */
  newest?: string;
  /** With `proveUntil`: the first page held nothing stamped `until`, so the search stopped there. */
  behind?: true;
}

const lastModified = (op: SearchFilter["operator"], ms: number): SearchFilter => ({
  propertyName: "hs_lastmodifieddate",
  operator: op,
  value: String(ms),
});

export function marketingEventSearch(
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
) {
  let refused = false;
  let lastAt = 0;

  async function search(http: HubSpotRequester, req: CrmSearchRequest, signal?: AbortSignal) {
    const wait = lastAt + SEARCH_SPACING_MS - Date.now();
    if (wait > 0) await sleep(wait);
    lastAt = Date.now();
    try {
      return await http.request(`${crmObjectsPath(EVENT_OBJECT_TYPE)}/search`, {
        method: "POST",
        body: req,
        schema: CrmSearchResponseSchema,
        idempotent: true,
        signal,
      });
    } catch (err) {
      if (!(err instanceof HubSpotApiError) || !REFUSED_STATUSES.has(err.status)) throw err;
      if (!refused) logError("marketing events: CRM search refused, conflict checks read the events list", err);
      refused = true;
      return SEARCH_REFUSED;
    }
  }

  return {
    get refused() {
      return refused;
    },

    /**
     * Events among `ids` updated in (since, until], newest first, 200 a page, at most `maxPages`
     * searches. Pages are anchored on stamps, not offsets: each search asks for events modified at
     * or before the last stamp seen (repeats ignored). An offset would skip an event when one read
     * earlier leaves the results (changed again after `until`) and the rest shift up a place; and
     * offsets stop at HubSpot's 10,000-result cap, anchors do not.
     */
    async changed(
      http: HubSpotRequester,
      since: string,
      until: string,
      ids: string[],
      opts: {
        maxPages: number;
        signal?: AbortSignal;
        /** Asked once, when the first page is full, with the number of events changed: true gives up (LIST_CHEAPER). */
        tooMany?: (total: number) => Promise<boolean>;
        /** Stop after the first page when it holds nothing stamped `until` (search is behind it). */
        proveUntil?: boolean;
      },
    ): Promise<EventChanges | typeof SEARCH_REFUSED | typeof LIST_CHEAPER> {
      const wanted = new Set(ids);
      const seen = new Set<string>();
      const stamps = new Map<string, string>();
      const sinceMs = Date.parse(since);
      let upper = Date.parse(until);
      let last: string | undefined;
      let pages = 0;
      let newest: string | undefined;
      for (;;) {
        if (pages >= opts.maxPages) return { stamps, coveredFrom: last, pages, newest };
        const page = await search(
          http,
          {
            filterGroups: [{ filters: [lastModified("GT", sinceMs), lastModified("LTE", upper)] }],
            sorts: [{ propertyName: "hs_lastmodifieddate", direction: "DESCENDING" }],
            properties: ["hs_lastmodifieddate"],
            limit: PAGE,
          },
          opts.signal,
        );
        if (page === SEARCH_REFUSED) return SEARCH_REFUSED;
        pages++;
        if (pages === 1) {
          const top = Math.max(...page.results.map((r) => Date.parse(r.properties.hs_lastmodifieddate ?? r.updatedAt)));
          newest = Number.isFinite(top) ? new Date(top).toISOString() : undefined;
          if (opts.proveUntil && !(top >= upper))
            return { stamps, coveredFrom: undefined, pages, newest, behind: true };
        }
        let fresh = 0;
        for (const r of page.results) {
          if (seen.has(r.id)) continue;
          seen.add(r.id);
          fresh++;
          last = r.properties.hs_lastmodifieddate ?? r.updatedAt;
          if (wanted.has(r.id)) stamps.set(r.id, last);
        }
        if (page.results.length < PAGE) return { stamps, coveredFrom: since, pages, newest };
        if (pages === 1 && (await opts.tooMany?.(page.total))) return LIST_CHEAPER;
        // A full page of events already seen: more than 200 share the stamp `last`. Everything
        // newer was seen; rows loaded before it are left to the caller's read.
        if (!fresh || last === undefined) return { stamps, coveredFrom: last, pages, newest };
        upper = Date.parse(last);
      }
    },

    /** How many events the portal has (search's total; list pages cost one per 100). Refused: unknown, 0. */
    async portalSize(http: HubSpotRequester, signal?: AbortSignal) {
      const page = await search(http, { limit: 1, properties: ["hs_object_id"] }, signal);
      return page === SEARCH_REFUSED ? 0 : page.total;
    },

    /** The stamp search holds for one event (undefined when search does not have it). */
    async stamp(http: HubSpotRequester, id: string, signal?: AbortSignal) {
      const page = await search(
        http,
        {
          filterGroups: [{ filters: [{ propertyName: "hs_object_id", operator: "EQ", value: id }] }],
          properties: ["hs_lastmodifieddate"],
          limit: 1,
        },
        signal,
      );
      if (page === SEARCH_REFUSED) return SEARCH_REFUSED;
      const r = page.results[0];
      return r ? (r.properties.hs_lastmodifieddate ?? r.updatedAt) : undefined;
    },
  };
}
