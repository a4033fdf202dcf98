import "server-only";
import type { Actor } from "../auth/actor";
import { clientForConnection } from "../auth/client-for-connection";
import { campaignPage, type CampaignPageOptions } from "./campaign-page";
import type { CampaignPage, CampaignQuery } from "./query";

/** One page of the portal's campaigns for the grid, on the actor's grant (see campaign-page.ts). */
export async function listCampaignsPage(
  actor: Actor,
  q: CampaignQuery & { after?: string },
  opts: CampaignPageOptions = {},
): Promise<CampaignPage> {
  return campaignPage(clientForConnection(actor.connection, { pace: "browse" }), actor.connection.apiBase, q, opts);
}
