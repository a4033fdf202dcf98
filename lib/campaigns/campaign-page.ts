import "server-only";
import { hubspotNowLowerBound } from "../hubspot/clock";
import { listCampaigns } from "../hubspot/campaigns";
import type { HubSpotHttpClient } from "../hubspot/http-client";
import type { CampaignPage, CampaignQuery } from "./query";

export interface CampaignPageOptions {
  /** Attempts per HubSpot request (the client's default when absent). */
  maxAttempts?: number;
}

/**
 * One page of the portal's campaigns, as plain rows for the grid. The first page carries
 * `newestBefore`, a valid asOf for every row loaded from then on, whatever the grid's sort (see
 * components/records/loaded-rows.ts): without it, rows of the first pages of a createdAt-sorted list
 * only get the newest updatedAt of those pages, often long ago, and the submit's "changed since"
 * scan would have to page through most campaigns.
 *
 * It is HubSpot's clock, read (as a lower bound, lib/hubspot/clock.ts) BEFORE the page is sent: a
 * change the page does not reflect is made after HubSpot served it, so it is stamped later. Only
 * when that clock is not known yet (the first HubSpot answer of this process) does it cost a request:
 * the portal's newest updatedAt, which must complete before the page is read (two reads in parallel
 * could see a change the page missed stamped before the newest one).
 */
export async function campaignPage(
  client: Pick<HubSpotHttpClient, "request">,
  apiBase: string,
  q: CampaignQuery & { after?: string },
  opts: CampaignPageOptions = {},
): Promise<CampaignPage> {
  const newestBefore = q.after ? undefined : await asOfBeforeNow(client, apiBase, opts);
  const res = await listCampaigns(client, { after: q.after, name: q.name, sort: q.sort, ...opts });
  return {
    ...(newestBefore !== undefined ? { newestBefore } : {}),
    rows: res.results.map((c) => ({
      id: c.id,
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
      properties: c.properties,
    })),
    total: res.total ?? res.results.length,
    nextAfter: res.paging?.next?.after ?? null,
  };
}

/** HubSpot's time now or earlier, else the portal's newest updatedAt (null: no campaigns). */
async function asOfBeforeNow(
  client: Pick<HubSpotHttpClient, "request">,
  apiBase: string,
  opts: CampaignPageOptions,
): Promise<string | null> {
  const bound = hubspotNowLowerBound(apiBase);
  if (bound !== undefined) return new Date(bound).toISOString();
  const newest = await listCampaigns(client, { limit: 1, sort: "-updatedAt", properties: ["hs_name"], ...opts });
  return newest.results[0]?.updatedAt ?? null;
}
