"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { getSubmission } from "@/lib/submissions/actions";
import type { SubmissionView } from "@/lib/submissions/types";
import { ActionFailure, callAction } from "@/components/server-state/action-failure";
import { usePortalKeys } from "@/components/server-state/portal-scope";
import { continuedFrom, followed, type FollowedSubmission } from "./followed-submission";

interface Options {
  /** The grid needs every row's outcome (from cursor 0); the progress page only counts (`initial`'s cursor). */
  outcomes: "all" | "new";
  initial?: SubmissionView;
  refetchInterval: (view: FollowedSubmission | undefined) => number | false;
}

/**
 * One cache entry per submission (keys.portal(…).submissions.detail), shared by the grid that polls
 * it and its progress page. Each poll asks only for outcomes finished after the entry's cursor, so
 * polling a 5,000-row submission does not resend every finished row; the entry accumulates them.
 */
export function useFollowedSubmission(id: string | null, { outcomes, initial, refetchInterval }: Options) {
  const queryClient = useQueryClient();
  const key = usePortalKeys().submissions.detail(id ?? "");
  const query = useQuery({
    queryKey: key,
    queryFn: async (): Promise<FollowedSubmission> => {
      const from = continuedFrom(queryClient.getQueryData<FollowedSubmission>(key), outcomes);
      return followed(from, await callAction(getSubmission, { id: id!, after: from ? from.cursor : 0 }));
    },
    enabled: id !== null,
    initialData: initial ? { ...initial, since: initial.cursor } : undefined,
    staleTime: outcomes === "all" ? 0 : undefined,
    refetchInterval: (q) => refetchInterval(q.state.data),
    retry: (count, err) =>
      !(err instanceof ActionFailure && ["reauth", "not_found"].includes(err.error.code)) && count < 3,
  });
  // The grid reads only an entry that holds every outcome of this submission.
  const data =
    query.data && query.data.id === id && (outcomes === "new" || query.data.since === 0) ? query.data : undefined;
  return { data, error: query.error, refetch: query.refetch };
}
