"use client";

import { useState } from "react";
import type { FirstCampaignPage } from "@/lib/campaigns/query";
import { RecordGridView } from "@/components/records/record-grid-view";
import { useViewQuery } from "@/components/records/use-view-query";
import { campaignResource } from "./campaign-resource";
import { SearchBox } from "./search-box";
import { useCampaignList } from "./use-campaign-list";
import { useTypedFilter } from "./use-typed-filter";

/**
 * The campaigns page: the record grid, with HubSpot-side name search and sorting and in-browser
 * filters (the campaigns list API has none), all in the URL (?q=, ?sort=, ?filters=).
 */
export function CampaignsView({
  portalId,
  userId,
  firstPage,
}: {
  portalId: number;
  userId: string;
  /** The first page, read while the server rendered the page (see useCampaignList). */
  firstPage?: FirstCampaignPage;
}) {
  const { query, update } = useViewQuery();
  const name = query.q;
  const [typed, setTyped] = useState(name ?? "");
  const list = useTypedFilter(useCampaignList({ sort: query.sort, name }, firstPage), typed, name);
  return (
    <RecordGridView
      resource={campaignResource}
      list={list}
      portalId={portalId}
      userId={userId}
      toolbar={<SearchBox value={name ?? ""} onChange={(q) => update({ q })} onTyping={setTyped} />}
      sort={query.sort}
      onSortChange={(sort) => update({ sort })}
      emptyText={name ? `No campaign name contains “${name}”.` : "This portal has no campaigns yet."}
      filterLoadedRows
    />
  );
}
