"use client";

import { useCallback } from "react";
import { fetchCampaignPage } from "@/lib/campaigns/actions";
import { campaignKeys } from "@/lib/campaigns/keys";
import type { CampaignQuery } from "@/lib/campaigns/query";
import { useRecordList } from "@/components/records/use-record-list";

/** All campaigns matching the query (HubSpot sorts and searches), streamed in page by page. */
export function useCampaignList(portalId: number, query: CampaignQuery) {
  const { sort, name } = query;
  const fetchPage = useCallback((after: string | undefined) => fetchCampaignPage({ sort, name, after }), [sort, name]);
  return useRecordList(campaignKeys.list(portalId, query), fetchPage);
}
