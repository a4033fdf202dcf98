"use client";

import { useCallback } from "react";
import { fetchCampaignPage } from "@/lib/campaigns/actions";
import type { CampaignQuery, FirstCampaignPage } from "@/lib/campaigns/query";
import { useRecordList } from "@/components/records/use-record-list";
import { usePortalKeys } from "@/components/server-state/portal-scope";

/** First pages already taken: a refetch, a retry or a remount reads again through the action. */
const taken = new WeakSet<FirstCampaignPage["page"]>();

/**
 * All campaigns matching the query (HubSpot sorts and searches), streamed in page by page. The first
 * page is `firstPage`, read while the server rendered the page (lib/campaigns/first-page.ts), when
 * it was read for this very query and not taken yet; every other page comes from the server action.
 */
export function useCampaignList(query: CampaignQuery, firstPage?: FirstCampaignPage) {
  const k = usePortalKeys();
  const { sort, name } = query;
  const fetchPage = useCallback(
    (after: string | undefined) => {
      const first = firstPage?.page;
      if (after === undefined && first && !taken.has(first) && sameQuery(firstPage.query, { sort, name })) {
        taken.add(first);
        return first;
      }
      return fetchCampaignPage({ sort, name, after });
    },
    [sort, name, firstPage],
  );
  return useRecordList(k.campaigns.list(query), fetchPage);
}

const sameQuery = (a: CampaignQuery, b: CampaignQuery) =>
  (a.sort ?? "") === (b.sort ?? "") && (a.name ?? "") === (b.name ?? "");
