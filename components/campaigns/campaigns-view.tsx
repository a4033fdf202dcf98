"use client";

import { useState } from "react";
import { RecordGridView } from "@/components/records/record-grid-view";
import { campaignResource } from "./campaign-resource";
import { SearchBox } from "./search-box";
import { useCampaignList } from "./use-campaign-list";
import { useTypedFilter } from "./use-typed-filter";
import { useUrlQuery } from "./use-url-query";

/** The campaigns page: the record grid plus HubSpot-side name search and sorting, kept in the URL. */
export function CampaignsView({ portalId, userId }: { portalId: number; userId: string }) {
  const [query, setQuery] = useUrlQuery();
  const [typed, setTyped] = useState(query.name ?? "");
  const list = useTypedFilter(useCampaignList(query), typed, query.name);
  return (
    <RecordGridView
      resource={campaignResource}
      list={list}
      portalId={portalId}
      userId={userId}
      toolbar={<SearchBox value={query.name ?? ""} onChange={(name) => setQuery({ name })} onTyping={setTyped} />}
      sort={query.sort}
      onSortChange={(sort) => setQuery({ sort })}
      emptyText={query.name ? `No campaign name contains “${query.name}”.` : "This portal has no campaigns yet."}
    />
  );
}
