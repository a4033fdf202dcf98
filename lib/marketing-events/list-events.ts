import "server-only";
import type { HubSpotHttpClient } from "../hubspot/http-client";
import { eventRowValues } from "../hubspot/marketing-event-fields";
import { listMarketingEvents } from "../hubspot/marketing-events";
import type { MarketingEvent } from "../hubspot/schemas/marketing-events";
import type { RecordPage } from "../records/page";
import type { MarketingEventApiVersion } from "../resources/ref";

/**
 * Read-only fields HubSpot (or the event app) sets, shown beside the editable ones. eventRowValues
 * already holds eventCompleted; these come from the list's read shape only.
 */
const DISPLAY_FIELDS = [
  "registrants",
  "attendees",
  "cancellations",
  "noShows",
  "eventStatus",
  "externalEventId",
] as const;

function eventRow(e: MarketingEvent): RecordPage["rows"][number] {
  const properties = eventRowValues(e);
  for (const f of DISPLAY_FIELDS) {
    const v = e[f];
    // HubSpot's own value wins over a custom property of the same name: the field is the real one,
    // and a custom property by that name could not be written anyway (it is read-only in the grid).
    if (v !== undefined && v !== null) properties[f] = String(v);
    else properties[f] ??= null;
  }
  return { id: e.objectId, createdAt: e.createdAt, updatedAt: e.updatedAt, properties };
}

/** One page (100) of the portal's marketing events, in HubSpot's order, as flat grid rows. */
export async function listMarketingEventsPage(
  client: Pick<HubSpotHttpClient, "request">,
  q: { apiVersion: MarketingEventApiVersion; after?: string },
): Promise<RecordPage> {
  const res = await listMarketingEvents(client, { apiVersion: q.apiVersion, after: q.after });
  return {
    rows: res.results.map(eventRow),
    // The events list reports no total; the grid shows "n loaded" until the last page.
    total: null,
    nextAfter: res.paging?.next?.after ?? null,
  };
}
