import "server-only";
import type { AcquireKind } from "../batch/rate-limiter";
import { limiterFor, searchLimiterFor } from "../batch/shared-rate-limiter";
import type { HubSpotHttpClient } from "../hubspot/http-client";
import { searchRequester, type SearchRequester } from "../hubspot/search-requester";

/**
 * The one way the app searches a portal's CRM: each attempt takes a slot of the portal's search
 * limiter (5 per second, shared through PostgreSQL when DATABASE_URL is set) and of its general
 * budget, and a 429 is retried after a backoff. Served in order, so a grid, an export and a bulk
 * edit's dry run on one portal take turns rather than each spacing its own and overrunning HubSpot.
 * A grid's windows are "browse" (served first, never refused); exports and dry runs "background".
 * `client` must be unpaced (no `pace`): the slots are taken here.
 */
export function pacedSearch(
  client: Pick<HubSpotHttpClient, "request">,
  portalId: string | number,
  kind: AcquireKind = "background",
): SearchRequester {
  return searchRequester(client, { search: searchLimiterFor(portalId), portal: limiterFor(portalId), kind });
}
