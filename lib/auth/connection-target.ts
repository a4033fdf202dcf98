import "server-only";
import { hubspotTarget, type HubSpotTarget } from "../hubspot/target";

/**
 * The OAuth target a stored connection belongs to. A connection made against the sandbox keeps
 * refreshing against the sandbox even if the deployment later adds HubSpot credentials.
 */
export function targetFor(apiBase: string): HubSpotTarget {
  const current = hubspotTarget();
  if (current.apiBase === apiBase) return current;
  throw new Error(
    `This connection was made against ${apiBase}, but the dashboard is now configured for ${current.apiBase}. Sign in again.`,
  );
}
