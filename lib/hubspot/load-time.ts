import "server-only";
import { env } from "../config/env";
import { hubspotNowLowerBound } from "./clock";

/**
 * Load times as `asOf` stamps (see `RowBaseline.asOf`): "every change to the record that the values
 * read do not reflect is stamped after this". The engine's conflict scan reads "records changed
 * since the oldest asOf", so the later the asOf the cheaper the scan; a record's own `updatedAt`
 * is always a valid asOf but may be years old, a load time is seconds old.
 *
 * Take the load time BEFORE sending the read (HubSpot's clock from `clock.ts`, a lower bound):
 * - an authoritative read (batch/read, GET by id) reflects every change stamped before it was
 *   served, so its load time is HubSpot's time before it was sent (`readLoadTime`);
 * - a search reads an index that trails writes: a change stamped a little before the search may
 *   not be in its answer yet, so its load time is that less `HUBSPOT_SEARCH_LAG_MARGIN_MS`
 *   (`searchLoadTime`, default 30 s). The index usually trails by a second or a few; 30 s covers
 *   that many times over and costs only the records changed in the portal in those 30 s
 *   (one search page per 200) when the engine scans.
 * Undefined while HubSpot's clock is unknown (no answer with a `Date` header yet): callers then
 * use the record's own `updatedAt`, as before.
 */
export function readLoadTime(apiBase: string): string | undefined {
  const now = hubspotNowLowerBound(apiBase);
  return now === undefined ? undefined : new Date(now).toISOString();
}

/** See `readLoadTime`: for rows a CRM search is about to return. */
export function searchLoadTime(apiBase: string): string | undefined {
  const now = hubspotNowLowerBound(apiBase);
  return now === undefined ? undefined : new Date(now - env().HUBSPOT_SEARCH_LAG_MARGIN_MS).toISOString();
}
