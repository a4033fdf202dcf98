import "server-only";
import type { CallOptions, ChangedSince, HubSpotRequester } from "../batch/adapter";
import type { SavedRecord } from "../batch/types";
import { HubSpotApiError } from "./http-client";
import {
  CAMPAIGN_LIST_MAX_LIMIT,
  CampaignListResponseSchema,
  type Campaign,
  type CampaignListResponse,
} from "./schemas/campaigns";

const BASE = "/marketing/campaigns/2026-03";

export const toSavedRecord = (c: Campaign): SavedRecord => ({
  id: c.id,
  updatedAt: c.updatedAt,
  properties: c.properties,
});

/**
 * Campaigns updated after `since`: the list sorted by `-updatedAt`, 100 a page, only the properties
 * the conflict rule compares, until a record not updated after `since` (or `maxPages`). The cursor
 * is positional, so records moving while it pages matter: an update moves its record to the top
 * (already read: that change is newer than the scan, like any change after it) and a create pushes
 * the rest down (a record may be read twice), but an archive pulls the rest up and a record could
 * slip past the cursor unseen. `total` comes with every page: if it drops, nothing is vouched for.
 */
export async function campaignsChangedSince(
  http: HubSpotRequester,
  since: string,
  ids: string[],
  properties: string[],
  call: CallOptions & { maxPages: number },
): Promise<ChangedSince> {
  const sinceMs = Date.parse(since);
  const wanted = new Set(ids);
  const changed = new Map<string, SavedRecord>();
  let after: string | undefined;
  let total: number | undefined;
  let lastSeen: string | undefined;
  for (let pages = 1; ; pages++) {
    let page: CampaignListResponse;
    try {
      page = await http.request(BASE, {
        query: { sort: "-updatedAt", limit: CAMPAIGN_LIST_MAX_LIMIT, after, properties },
        schema: CampaignListResponseSchema,
        idempotent: true,
        signal: call.signal,
      });
    } catch (err) {
      if (!(err instanceof HubSpotApiError && err.status === 400)) throw err;
      console.warn(
        `[campaigns] the list refused sort=-updatedAt (HTTP 400: ${err.message}); conflicts are checked by reading each batch before writing`,
      );
      return { changed, coveredFrom: undefined, pages };
    }
    if (total !== undefined && page.total < total) return { changed, coveredFrom: undefined, pages };
    total = page.total;
    // HubSpot documents no sort values: if it ignored ours, stopping at the first old record would
    // miss newer ones further down (silent overwrites). Only a page really in order is trusted.
    if (!newestFirst(page.results, lastSeen)) {
      console.warn(
        "[campaigns] the list is not in descending updatedAt order (sort=-updatedAt ignored?); conflicts are checked by reading each batch before writing",
      );
      return { changed, coveredFrom: undefined, pages };
    }
    for (const c of page.results) {
      if (Date.parse(c.updatedAt) <= sinceMs) return { changed, coveredFrom: since, pages };
      const seen = changed.get(c.id);
      if (wanted.has(c.id) && (!seen || Date.parse(seen.updatedAt) < Date.parse(c.updatedAt)))
        changed.set(c.id, toSavedRecord(c));
      lastSeen = c.updatedAt;
    }
    after = page.paging?.next?.after;
    if (!after) return { changed, coveredFrom: since, pages };
    if (pages >= call.maxPages) return { changed, coveredFrom: lastSeen, pages };
  }
}

/** Whether a page's records are in descending updatedAt order, continuing from the previous page's last. */
function newestFirst(results: { updatedAt: string }[], previous: string | undefined): boolean {
  let last = previous === undefined ? Infinity : Date.parse(previous);
  for (const r of results) {
    const t = Date.parse(r.updatedAt);
    if (t > last) return false;
    last = t;
  }
  return true;
}
