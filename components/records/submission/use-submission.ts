"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef } from "react";
import type { RowOutcome } from "@/lib/batch/types";
import type { EditOperation } from "@/lib/submissions/types";
import { getSubmission, submitEdits } from "@/lib/submissions/actions";
import { ActionFailure } from "../use-record-list";
import type { GridResource } from "../resource";
import { applyOutcomes, startSubmission } from "../edits/apply-outcomes";
import type { EditStore } from "../edits/edit-store";

export const submissionKeys = {
  detail: (id: string | null) => ["submissions", id] as const,
};

const POLL_MS = 700;

/**
 * Sends operations with `submitEdits`, then polls `getSubmission` while it runs and folds each
 * answer's outcomes into the edit store (saved rows leave the pending set, failed and
 * conflicting rows keep their edits). The submission id is persisted, so a reload resumes polling.
 */
export function useSubmission(resource: GridResource, store: EditStore, submissionId: string | null) {
  // Outcomes received so far: each poll asks only for what finished after `cursor`, so polling a
  // 5,000-row submission does not resend every finished row every 700 ms.
  const received = useRef<{ id: string | null; cursor: number; outcomes: Map<string, RowOutcome> }>({ id: null, cursor: 0, outcomes: new Map() });
  const query = useQuery({
    queryKey: submissionKeys.detail(submissionId),
    queryFn: async () => {
      if (received.current.id !== submissionId) received.current = { id: submissionId, cursor: 0, outcomes: new Map() };
      const acc = received.current;
      const res = await getSubmission({ id: submissionId!, after: acc.cursor });
      if (!res.ok) throw new ActionFailure(res.error);
      for (const o of res.data.outcomes) acc.outcomes.set(o.rowKey, o);
      acc.cursor = res.data.cursor;
      return { ...res.data, outcomes: [...acc.outcomes.values()] };
    },
    enabled: submissionId !== null,
    staleTime: 0,
    // A paused submission (connection revoked) is asked about less often until it runs again.
    refetchInterval: (q) => (q.state.data?.state === "paused" ? POLL_MS * 5 : q.state.data && q.state.data.state !== "running" ? false : POLL_MS),
    retry: (count, err) => !(err instanceof ActionFailure && ["reauth", "not_found"].includes(err.error.code)) && count < 3,
  });

  useEffect(() => {
    if (!query.data || !submissionId || query.data.id !== submissionId) return;
    const r = applyOutcomes(store.getState(), submissionId, query.data.outcomes, resource.nameKey);
    store.rememberSaved(r.saved, r.created);
    store.update(() => r.state);
  }, [query.data, store, submissionId, resource.nameKey]);

  const submit = useCallback(async (operations: EditOperation[]) => {
    const res = await submitEdits({ resource: resource.ref, operations });
    if (!res.ok) return res.error;
    store.update((s) => startSubmission(s, res.data.submissionId, operations));
    return null;
  }, [store, resource.ref]);

  const running = submissionId !== null && (!query.data || query.data.state === "running" || query.data.state === "paused");
  // Records changed behind every cached list (this grid's and others showing the same records):
  // each reads them again when next shown. The list on screen keeps its rows, overlaid with the
  // saved records, so nothing jumps while the user is looking at it.
  const queryClient = useQueryClient();
  const finished = submissionId !== null && query.data?.id === submissionId && !running;
  useEffect(() => {
    if (finished) void queryClient.invalidateQueries({ refetchType: "none" });
  }, [finished, queryClient]);
  return { view: query.data?.id === submissionId ? query.data : undefined, error: query.error instanceof ActionFailure ? query.error.error : null, running, submit };
}
