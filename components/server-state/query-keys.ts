import type { CampaignQuery } from "@/lib/campaigns/query";
import type { ViewQuery } from "@/lib/records/filters";

/**
 * Every TanStack Query key, rooted at the portal so that two portals never share a cache entry and
 * an invalidation names exactly what a write made stale (supabase studio's key factories).
 * `records` prefixes every list of HubSpot records: a finished write marks them all stale at once.
 */
export const keys = {
  portal: (portalId: number) => {
    const root = ["portal", portalId] as const;
    const records = [...root, "records"] as const;
    const failedItems = [...root, "failed-items"] as const;
    return {
      all: root,
      records,
      campaigns: {
        list: (q: CampaignQuery) => [...records, "campaigns", { sort: q.sort ?? null, name: q.name ?? null }] as const,
      },
      marketingEvents: {
        list: (apiVersion: string) => [...records, "marketing-events", apiVersion] as const,
      },
      crm: {
        /** An object type's properties: not records, so a write leaves them cached. */
        columns: (objectType: string) => [...root, "crm-columns", objectType] as const,
        /** A view of an object type (its windows are below it). */
        view: (objectType: string, properties: readonly string[], query: ViewQuery) =>
          [...records, "crm", objectType, properties, query] as const,
        /** The rows of that view from `start` on. */
        window: (objectType: string, properties: readonly string[], query: ViewQuery, start: number) =>
          [...records, "crm", objectType, properties, query, start] as const,
      },
      /** One entry per submission, shared by the grid that polls it and its progress page. */
      submissions: {
        detail: (id: string) => [...root, "submissions", id] as const,
      },
      failedItems: {
        all: failedItems,
        /** Per page: the count in the layout is asked for again on every page change. */
        count: (pathname: string) => [...failedItems, "count", pathname] as const,
      },
      /** A grid's saved views (not records: a write to HubSpot leaves them cached). */
      views: {
        list: (resource: string) => [...root, "views", resource] as const,
      },
      uploads: {
        dryRun: (uploadId: string) => [...root, "uploads", uploadId, "dry-run"] as const,
      },
      reverts: {
        preview: (draftId: string) => [...root, "reverts", draftId, "preview"] as const,
      },
      bulkEdits: {
        dryRun: (id: string) => [...root, "bulk-edits", id] as const,
      },
      /** A view's export, polled while its job writes the file. */
      exports: {
        detail: (id: string) => [...root, "exports", id] as const,
      },
    };
  },
};

export type PortalKeys = ReturnType<typeof keys.portal>;
