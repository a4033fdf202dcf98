import "server-only";
import { HubSpotHttpClient } from "./http-client";
import { AccessTokenInfoSchema } from "./schemas/oauth";
import type { HubSpotTarget } from "./target";

export interface PortalIdentity {
  portalId: number;
  hubDomain: string;
  hubspotUserId: number;
  email: string;
  scopes: string[];
}

export async function fetchTokenIdentity(target: HubSpotTarget, accessToken: string): Promise<PortalIdentity> {
  const client = new HubSpotHttpClient({ apiBase: target.apiBase });
  const info = await client.request(`/oauth/v1/access-tokens/${encodeURIComponent(accessToken)}`, { schema: AccessTokenInfoSchema });
  return {
    portalId: info.hub_id,
    hubDomain: info.hub_domain ?? `portal-${info.hub_id}`,
    hubspotUserId: info.user_id,
    email: info.user ?? `user-${info.user_id}`,
    scopes: info.scopes,
  };
}
