"use client";

import { useInfiniteQuery, type QueryKey } from "@tanstack/react-query";
import { useEffect, useMemo } from "react";
import type { ActionError, ActionResult } from "@/lib/actions/result";
import type { RecordPage } from "@/lib/records/page";
import { withAsOf } from "./loaded-rows";

export type { LoadedRow } from "./loaded-rows";

export class ActionFailure extends Error {
  constructor(readonly error: ActionError) {
    super(error.message);
  }
}

/** Errors that a retry cannot fix: the user must act (sign in, reconnect, change the input). */
export const isFinalError = (err: unknown, extra: readonly string[] = []) =>
  err instanceof ActionFailure && ["reauth", "missing_scopes", "invalid_input", ...extra].includes(err.error.code);

/**
 * Every record of a resource's list, loaded page by page: the first page shows at once and the rest
 * stream in behind it, so a portal with 10,000 records is usable within one request. `fetchPage` is
 * the resource's server action; `key` must change whenever what it returns would (portal, query,
 * API version, requested properties).
 */
export function useRecordList(key: QueryKey, fetchPage: (after: string | undefined) => Promise<ActionResult<RecordPage>>, enabled = true) {
  const result = useInfiniteQuery({
    queryKey: key,
    enabled,
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) => {
      const res = await fetchPage(pageParam);
      if (!res.ok) throw new ActionFailure(res.error);
      return res.data;
    },
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
  const error = result.error instanceof ActionFailure ? result.error.error : result.error ? { code: "unexpected" as const, message: String(result.error.message) } : null;
  return { rows, total, loading: result.isPending && enabled, loadingMore: hasNextPage || isFetchingNextPage, error, refetch: result.refetch };
}

export type RecordList = ReturnType<typeof useRecordList>;
