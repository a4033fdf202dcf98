/*
 * CRM search over marketing events: POST /crm/objects/2026-03/marketing_events/search (also by the
 * type id, 0-54). HubSpot documents a marketing event as a CRM object ("A marketing event is a CRM
 * object, similar to contacts and companies", developers.hubspot.com/docs/api/marketing/marketing-events)
 * with the scope crm.objects.marketing_events.read; the CRM search's id is the event's `objectId`.
 *
 * What the sandbox serves is what the app relies on, with CRM search's rules (crm-search.ts):
 * filters on the system properties hs_object_id, hs_createdate and hs_lastmodifieddate (= the
 * event's createdAt / updatedAt), a filter on any other property is a 400 as for an unknown
 * property; one sort on those; at most 200 a page (a larger limit is a 400, as the request schema
 * says), `after` an offset, no paging past 10,000 results, an exact `total`; 5 searches a second
 * per portal (searchLimit). Results carry those three properties (the event's own fields are read
 * from the events API).
 *
 * Lag: with `searchIndexDelayMs`, a write reaches search that long after it is made: until then
 * search shows the version the write replaced (a deleted event stays visible, as search-lag.ts does
 * for CRM records).
 */
import type { Context } from "hono";
import { CrmSearchRequestSchema, type CrmPropertyDefinition } from "../../lib/hubspot/schemas/crm";
import type { MarketingEvent } from "../../lib/hubspot/schemas/marketing-events";
import type { SandboxApp, SandboxContext, SandboxEnv } from "../core/context";
import { hubspotError } from "../core/errors";
import { apiAuth, searchLimit } from "../core/middleware";
import type { Portal } from "../core/state";
import { readJson } from "./batch-util";
import { limitError, SEARCH_PAGING_CAP, searchSort } from "./crm-search";
import { matchValue, typed } from "./crm-search-match";

type Event = Pick<MarketingEvent, "objectId" | "createdAt" | "updatedAt">;

const LAG_SLOT = "marketing-events-search-lag";

interface Lag {
  until: number;
  /** What search shows until then: the version the write replaced. */
  before: Event | undefined;
}

const lags = (portal: Portal): Map<string, Lag> => {
  let m = portal.data.get(LAG_SLOT) as Map<string, Lag> | undefined;
  if (!m) portal.data.set(LAG_SLOT, (m = new Map()));
  return m;
};

/** Called before an event is replaced or deleted; `prev` is the version search showed so far. */
export function noteEventWrite(portal: Portal, delayMs: number, id: string, prev: Event | undefined) {
  if (delayMs <= 0) return;
  const now = Date.now();
  const pending = lags(portal).get(id);
  // A second write within the window keeps the version search already shows.
  const before = pending && pending.until > now ? pending.before : prev && { ...prev };
  lags(portal).set(id, { until: now + delayMs, before });
}

/** The events as search sees them now, in objectId order. */
function searchView(portal: Portal, store: Map<string, Event>): Event[] {
  const now = Date.now();
  const lag = lags(portal);
  for (const [id, l] of lag) if (l.until <= now) lag.delete(id);
  const out: Event[] = [];
  for (const [id, e] of store) {
    const l = lag.get(id);
    const v = l ? l.before : e;
    if (v) out.push(v);
  }
  for (const [id, l] of lag) if (!store.has(id) && l.before) out.push(l.before);
  return out.sort((a, b) => Number(a.objectId) - Number(b.objectId));
}

const def = (name: string, type: "number" | "datetime") => ({ name, type }) as CrmPropertyDefinition;
const DEFS = new Map([
  ["hs_object_id", def("hs_object_id", "number")],
  ["hs_createdate", def("hs_createdate", "datetime")],
  ["hs_lastmodifieddate", def("hs_lastmodifieddate", "datetime")],
]);

const props = (e: Event): Record<string, string> => ({
  hs_object_id: e.objectId,
  hs_createdate: e.createdAt,
  hs_lastmodifieddate: e.updatedAt,
});

export function registerMarketingEventSearch(
  app: SandboxApp,
  ctx: SandboxContext,
  scopes: string[],
  store: (portal: Portal) => Map<string, Event>,
) {
  const handler = async (c: Context<SandboxEnv>) => {
    const body = await readJson(c, CrmSearchRequestSchema);
    if (!body.ok) return body.res;
    const req = body.data;
    const groups = req.filterGroups ?? [];
    const bad = (m: string) => hubspotError(c, 400, "VALIDATION_ERROR", m);
    const tooMany = limitError(groups);
    if (tooMany) return bad(tooMany);
    for (const f of groups.flatMap((g) => g.filters))
      if (!DEFS.has(f.propertyName))
        return bad(`Invalid filter: property "${f.propertyName}" does not exist for MARKETING_EVENT`);
    const [prop, desc] = searchSort(req);
    if (!DEFS.has(prop)) return bad(`Invalid sort: property "${prop}" does not exist for MARKETING_EVENT`);
    const offset = Number(req.after ?? 0) || 0;
    if (offset >= SEARCH_PAGING_CAP)
      return bad(`Paging past ${SEARCH_PAGING_CAP} results is not supported; narrow the filters instead`);
    const limit = req.limit ?? 10;

    const d = DEFS.get(prop);
    const key = (e: Event) => typed(d, props(e)[prop]!);
    const matches = searchView(c.get("portal"), store(c.get("portal")))
      .filter(
        (e) =>
          groups.length === 0 ||
          groups.some((g) => g.filters.every((f) => matchValue(props(e)[f.propertyName], f, DEFS.get(f.propertyName)))),
      )
      .sort((a, b) => {
        const [x, y] = [key(a), key(b)];
        const byKey = x < y ? -1 : x > y ? 1 : 0;
        return (desc ? -byKey : byKey) || Number(a.objectId) - Number(b.objectId);
      });
    const want = offset + limit;
    return c.json({
      total: matches.length,
      results: matches.slice(offset, want).map((e) => ({
        id: e.objectId,
        properties: props(e),
        createdAt: e.createdAt,
        updatedAt: e.updatedAt,
        archived: false,
      })),
      ...(want < matches.length && want < SEARCH_PAGING_CAP ? { paging: { next: { after: String(want) } } } : {}),
    });
  };
  for (const type of ["marketing_events", "0-54"])
    app.post(`/crm/objects/2026-03/${type}/search`, apiAuth(ctx, scopes), searchLimit(ctx), handler);
}
