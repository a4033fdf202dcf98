import "server-only";
import type { Session } from "../auth/session";
import { listCampaigns } from "../hubspot/campaigns";
import { clientForConnection } from "../hubspot/client-for-connection";
import type { CampaignPage, CampaignQuery } from "./query";

/** One page of the portal's campaigns, as plain rows for the grid. */
export async function listCampaignsPage(session: Session, q: CampaignQuery & { after?: string }): Promise<CampaignPage> {
  const client = clientForConnection(session.connection);
  const res = await listCampaigns(client, { after: q.after, name: q.name, sort: q.sort });
  return {
    rows: res.results.map((c) => ({ id: c.id, createdAt: c.createdAt, updatedAt: c.updatedAt, properties: c.properties })),
    total: res.total ?? res.results.length,
    nextAfter: res.paging?.next?.after ?? null,
  };
}
