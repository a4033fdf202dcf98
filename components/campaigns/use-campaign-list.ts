"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useEffect, useMemo } from "react";
import type { ActionError } from "@/lib/actions/result";
import { fetchCampaignPage } from "@/lib/campaigns/actions";
import { campaignKeys } from "@/lib/campaigns/keys";
import type { CampaignQuery } from "@/lib/campaigns/query";
import { withAsOf } from "./loaded-rows";

export type { LoadedCampaignRow } from "./loaded-rows";

export class ActionFailure extends Error {
  constructor(readonly error: ActionError) {
    super(error.message);
  }
}

/**
 * All campaigns matching the query, loaded page by page: the first page shows at once and the
 * rest stream in behind it, so a portal with 10,000 campaigns is usable within one request.
 */
export function useCampaignList(portalId: number, query: CampaignQuery) {
  const result = useInfiniteQuery({
    queryKey: campaignKeys.list(portalId, query),
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) => {
      const res = await fetchCampaignPage({ ...query, after: pageParam });
      if (!res.ok) throw new ActionFailure(res.error);
      return res.data;
    },
    getNextPageParam: (last) => last.nextAfter ?? undefined,
    retry: (count, err) => !(err instanceof ActionFailure && ["reauth", "missing_scopes", "invalid_input"].includes(err.error.code)) && count < 2,
  });
  const { hasNextPage, isFetchingNextPage, fetchNextPage, isError } = result;

  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && !isError) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, isError, fetchNextPage]);

  const rows = useMemo(() => withAsOf(result.data?.pages ?? []), [result.data]);
  const total = result.data?.pages[0]?.total ?? 0;
  const error = result.error instanceof ActionFailure ? result.error.error : result.error ? { code: "unexpected" as const, message: String(result.error.message) } : null;
  return { rows, total, loading: result.isPending, loadingMore: hasNextPage || isFetchingNextPage, error, refetch: result.refetch };
}
