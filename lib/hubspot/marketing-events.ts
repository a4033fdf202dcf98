import "server-only";
import type { HubSpotHttpClient } from "./http-client";
import { MAX_BATCH_INPUTS } from "./schemas/common";
import { MarketingEventPageSchema } from "./schemas/marketing-events";

/**
 * Marketing events, 2026-03 or v3 (same shapes, different paths). The v3 spec lists "all events"
 * at /marketing/marketing-events/v3, not under /marketing/v3/marketing-events like its other calls.
 */
export type MarketingEventApiVersion = "2026-03" | "v3";

export function marketingEventPaths(apiVersion: MarketingEventApiVersion) {
  return apiVersion === "2026-03"
    ? { base: "/marketing/marketing-events/2026-03", list: "/marketing/marketing-events/2026-03" }
    : { base: "/marketing/v3/marketing-events", list: "/marketing/marketing-events/v3" };
}

export interface ListMarketingEventsParams {
  apiVersion?: MarketingEventApiVersion;
  after?: string;
  /** Default and maximum 100. */
  limit?: number;
  signal?: AbortSignal;
}

/** One page of the portal's marketing events (HubSpot's order; the list has no sort or filter). */
export async function listMarketingEvents(
  client: Pick<HubSpotHttpClient, "request">,
  p: ListMarketingEventsParams = {},
) {
  return client.request(marketingEventPaths(p.apiVersion ?? "2026-03").list, {
    query: { after: p.after, limit: Math.min(p.limit ?? MAX_BATCH_INPUTS, MAX_BATCH_INPUTS) },
    schema: MarketingEventPageSchema,
    signal: p.signal,
  });
}
