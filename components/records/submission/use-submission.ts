"use client";

import { useCallback, useEffect } from "react";
import type { EditOperation } from "@/lib/submissions/types";
import { submitEdits } from "@/lib/submissions/actions";
import { actionErrorOf } from "@/components/server-state/action-failure";
import { useAction } from "@/components/server-state/use-action";
import { useRecordsChanged } from "@/components/server-state/use-records-changed";
import { useFollowedSubmission } from "@/components/submissions/use-followed-submission";
import type { GridResource } from "../resource";
import { applyOutcomes, startSubmission } from "../edits/apply-outcomes";
import type { EditStore } from "../edits/edit-store";

const POLL_MS = 700;

/**
 * Sends operations with `submitEdits`, then polls the submission while it runs and folds each
 * answer's outcomes into the edit store (saved rows leave the pending set, failed and
 * conflicting rows keep their edits). The submission id is persisted, so a reload resumes polling.
 */
export function useSubmission(resource: GridResource, store: EditStore, submissionId: string | null) {
  const query = useFollowedSubmission(submissionId, {
    outcomes: "all",
    // A paused submission (connection revoked) is asked about less often until it runs again.
    refetchInterval: (view) =>
      view?.state === "paused" ? POLL_MS * 5 : view && view.state !== "running" ? false : POLL_MS,
  });

  useEffect(() => {
    if (!query.data || !submissionId) return;
    const r = applyOutcomes(store.getState(), submissionId, query.data.outcomes, resource.nameKey);
    store.rememberSaved(r.saved, r.created);
    store.update(() => r.state);
  }, [query.data, store, submissionId, resource.nameKey]);

  const send = useAction(submitEdits);
  const { runAsync } = send;
  const submit = useCallback(
    async (operations: EditOperation[]) => {
      const res = await runAsync({ resource: resource.ref, operations });
      if (!res.ok) return res.error;
      store.update((s) => startSubmission(s, res.data.submissionId, operations));
      return null;
    },
    [store, resource.ref, runAsync],
  );

  const running =
    submissionId !== null && (!query.data || query.data.state === "running" || query.data.state === "paused");
  // Records changed behind every cached list (this grid's and others showing the same records):
  // each reads them again when next shown.
  const recordsChanged = useRecordsChanged();
  const finished = submissionId !== null && query.data !== undefined && !running;
  useEffect(() => {
    if (finished) recordsChanged();
  }, [finished, recordsChanged]);
  return { view: query.data, error: actionErrorOf(query.error), running, submit };
}
