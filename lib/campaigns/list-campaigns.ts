import "server-only";
import type { Actor } from "../auth/actor";
import { listCampaigns } from "../hubspot/campaigns";
import { clientForConnection } from "../auth/client-for-connection";
import type { CampaignPage, CampaignQuery } from "./query";

/**
 * One page of the portal's campaigns, as plain rows for the grid. The first page is preceded by one
 * tiny request for the portal's newest updatedAt (`newestBefore`): it must complete before the page is
 * read, so that it is a valid asOf for every row loaded after it, whatever the grid's sort. Without
 * it, rows of the first pages of a createdAt-sorted list only get the newest updatedAt of those pages,
 * often long ago, and the submit's "changed since" scan would have to page through most campaigns.
 */
export async function listCampaignsPage(actor: Actor, q: CampaignQuery & { after?: string }): Promise<CampaignPage> {
  const client = clientForConnection(actor.connection, { pace: "browse" });
  const newestBefore = q.after
    ? undefined
    : ((await listCampaigns(client, { limit: 1, sort: "-updatedAt", properties: ["hs_name"] })).results[0]?.updatedAt ??
      null);
  const res = await listCampaigns(client, { after: q.after, name: q.name, sort: q.sort });
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
