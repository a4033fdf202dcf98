import "server-only";
import { env } from "../config/env";
import { BATCHBOARD_SCOPES } from "./schemas/oauth";

/** The sandbox's seeded test app (see sandbox/core/state.ts and the README). */
export const SANDBOX_CLIENT_ID = "batchboard-sandbox-client";
export const SANDBOX_CLIENT_SECRET = "batchboard-sandbox-secret";

/** Scopes the dashboard asks for. Campaign scopes are required; the rest unlock later features. */
const REQUIRED_SCOPES = ["oauth", "marketing.campaigns.read", "marketing.campaigns.write"];
const OPTIONAL_SCOPES = BATCHBOARD_SCOPES.filter((s) => !REQUIRED_SCOPES.includes(s));

export interface HubSpotTarget {
  kind: "hubspot" | "sandbox";
  /** Base of the REST API (token endpoint included). */
  apiBase: string;
  /** Where the browser is sent to grant access. */
  authorizeUrl: string;
  clientId: string;
  clientSecret: string;
  scopes: string[];
  optionalScopes: string[];
}

/** HubSpot when app credentials are configured, the local sandbox otherwise. */
export function hubspotTarget(): HubSpotTarget {
  const e = env();
  const split = (s: string | undefined, d: string[]) => (s ? s.split(/[\s,]+/).filter(Boolean) : d);
  if (e.HUBSPOT_CLIENT_ID && e.HUBSPOT_CLIENT_SECRET) {
    return {
      kind: "hubspot",
      apiBase: "https://api.hubapi.com",
      authorizeUrl: "https://app.hubspot.com/oauth/authorize",
      clientId: e.HUBSPOT_CLIENT_ID,
      clientSecret: e.HUBSPOT_CLIENT_SECRET,
      scopes: split(e.HUBSPOT_SCOPES, REQUIRED_SCOPES),
      optionalScopes: split(e.HUBSPOT_OPTIONAL_SCOPES, OPTIONAL_SCOPES),
    };
  }
  const base = (e.HUBSPOT_SANDBOX_URL ?? `http://127.0.0.1:${e.HUBSPOT_SANDBOX_PORT}`).replace(/\/$/, "");
  return {
    kind: "sandbox",
    apiBase: base,
    authorizeUrl: `${base}/oauth/authorize`,
    clientId: SANDBOX_CLIENT_ID,
    clientSecret: SANDBOX_CLIENT_SECRET,
    scopes: split(e.HUBSPOT_SCOPES, REQUIRED_SCOPES),
    optionalScopes: split(e.HUBSPOT_OPTIONAL_SCOPES, OPTIONAL_SCOPES),
  };
}
