"use client";

import { useCallback } from "react";
import { fetchCampaignPage } from "@/lib/campaigns/actions";
import type { CampaignQuery } from "@/lib/campaigns/query";
import { useRecordList } from "@/components/records/use-record-list";
import { usePortalKeys } from "@/components/server-state/portal-scope";

/** All campaigns matching the query (HubSpot sorts and searches), streamed in page by page. */
export function useCampaignList(query: CampaignQuery) {
  const k = usePortalKeys();
  const { sort, name } = query;
  const fetchPage = useCallback((after: string | undefined) => fetchCampaignPage({ sort, name, after }), [sort, name]);
  return useRecordList(k.campaigns.list(query), fetchPage);
}
