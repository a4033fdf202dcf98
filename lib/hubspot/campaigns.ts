import "server-only";
import type { HubSpotHttpClient } from "./http-client";
import { CAMPAIGN_LIST_MAX_LIMIT, CAMPAIGN_PROPERTY_NAMES, CampaignListResponseSchema } from "./schemas/campaigns";

const BASE = "/marketing/campaigns/2026-03";

export interface ListCampaignsParams {
  after?: string;
  limit?: number;
  /** Case-insensitive "name contains". */
  name?: string;
  /** A property name, `-` prefixed for descending (e.g. `-hs_name`). */
  sort?: string;
  properties?: readonly string[];
  /** Attempts before an error is thrown (the HTTP client's default when absent). */
  maxAttempts?: number;
}

/** One page of GET /marketing/campaigns/2026-03. */
export async function listCampaigns(client: Pick<HubSpotHttpClient, "request">, p: ListCampaignsParams = {}) {
  return client.request(BASE, {
    query: {
      after: p.after,
      limit: Math.min(p.limit ?? CAMPAIGN_LIST_MAX_LIMIT, CAMPAIGN_LIST_MAX_LIMIT),
      name: p.name || undefined,
      sort: p.sort || undefined,
      properties: [...(p.properties ?? CAMPAIGN_PROPERTY_NAMES)],
    },
    schema: CampaignListResponseSchema,
    maxAttempts: p.maxAttempts,
  });
}
