"use client";

import { useInfiniteQuery, type QueryKey } from "@tanstack/react-query";
import { useEffect, useMemo } from "react";
import type { ActionResult } from "@/lib/actions/result";
import type { RecordPage } from "@/lib/records/page";
import { actionErrorOf, callAction, isFinalError } from "@/components/server-state/action-failure";
import { withAsOf } from "./loaded-rows";
import type { RecordList } from "./record-list";

export type { LoadedRow } from "./loaded-rows";

/**
 * Every record of a resource's list, loaded page by page: the first page shows at once and the rest
 * stream in behind it, so a portal with 10,000 records is usable within one request. `fetchPage` is
 * the resource's server action; `key` (under the portal's `records` key, components/server-state/
 * query-keys.ts) must change whenever what it returns would (query, API version, requested properties).
 */
export function useRecordList(
  key: QueryKey,
  fetchPage: (after: string | undefined) => Promise<ActionResult<RecordPage>>,
  enabled = true,
): RecordList {
  const result = useInfiniteQuery({
    queryKey: key,
    enabled,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => callAction(fetchPage, pageParam),
    getNextPageParam: (last) => last.nextAfter ?? undefined,
    retry: (count, err) => !isFinalError(err) && count < 2,
  });
  const { hasNextPage, isFetchingNextPage, fetchNextPage, isError } = result;

  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && !isError) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, isError, fetchNextPage]);

  const rows = useMemo(() => withAsOf(result.data?.pages ?? []), [result.data]);
  const first = result.data?.pages[0];
  const total = first ? first.total : 0;
  const error = actionErrorOf(result.error);
  return {
    rows,
    total,
    loading: result.isPending && enabled,
    loadingMore: hasNextPage || isFetchingNextPage,
    error,
    refetch: result.refetch,
  };
}

export type { RecordList } from "./record-list";
