import type { CampaignQuery } from "./query";

/** TanStack Query key factory for campaigns, scoped by portal so that portals never share a cache. */
export const campaignKeys = {
  all: (portalId: number) => ["campaigns", portalId] as const,
  list: (portalId: number, q: CampaignQuery) => ["campaigns", portalId, "list", { sort: q.sort ?? null, name: q.name ?? null }] as const,
};
