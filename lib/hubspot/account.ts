import "server-only";
import { introspectAccessToken } from "./oauth";
import { IntrospectionResponseSchema } from "./schemas/oauth";
import type { HubSpotTarget } from "./target";

export interface PortalIdentity {
  portalId: number;
  hubDomain: string;
  hubspotUserId: number;
  email: string;
  scopes: string[];
}

/** The portal, user and scopes behind a fresh access token, from token introspection (no v1 call). */
export async function fetchTokenIdentity(target: HubSpotTarget, accessToken: string): Promise<PortalIdentity> {
  const info = IntrospectionResponseSchema.parse(await introspectAccessToken(target, accessToken));
  if (!info.active) throw new Error("HubSpot reports the new access token as inactive. Try signing in again.");
  return {
    portalId: info.hub_id,
    hubDomain: info.hub_domain ?? `portal-${info.hub_id}`,
    hubspotUserId: info.user_id,
    email: info.user ?? `user-${info.user_id}`,
    scopes: info.scopes,
  };
}
