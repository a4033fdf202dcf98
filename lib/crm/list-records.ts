import "server-only";
import { searchCrmObjects, listCrmObjects } from "../hubspot/crm-objects";
import type { HubSpotHttpClient } from "../hubspot/http-client";
import type { RecordPage } from "../records/page";

type Requester = Pick<HubSpotHttpClient, "request">;

/**
 * One page (100) of a CRM object type's records, HubSpot's id order, with the properties asked for.
 *
 * HubSpot's list reports no total, its search does: the first page also sends one search with
 * limit 1 and no filters, beside the list. That count is only a nicety for the grid's header, so
 * it gets a single attempt (search has its own limit, 5 requests/s per portal, and waiting out a
 * 429 would delay the rows) and any failure just leaves total null; the page itself never fails for it.
 */
export async function listCrmRecordsPage(
  client: Requester,
  q: { objectType: string; properties: readonly string[]; after?: string },
): Promise<RecordPage> {
  const [res, total] = await Promise.all([
    listCrmObjects(client, q.objectType, { after: q.after, properties: q.properties }),
    q.after ? Promise.resolve(null) : countRecords(client, q.objectType),
  ]);
  return {
    rows: res.results.map((r) => ({
      id: r.id,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
      properties: r.properties,
    })),
    total,
    nextAfter: res.paging?.next?.after ?? null,
  };
}

async function countRecords(client: Requester, objectType: string): Promise<number | null> {
  const once: Requester = { request: (path, o) => client.request(path, { ...o, maxAttempts: 1 }) };
  try {
    return (await searchCrmObjects(once, objectType, { limit: 1, properties: ["hs_object_id"] })).total;
  } catch {
    return null;
  }
}
