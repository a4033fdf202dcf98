"use client";

import { useCallback, useMemo } from "react";
import type { EditOperation } from "@/lib/submissions/types";
import { buildOperations } from "../edits/build-operations";
import { keepTheirs } from "../edits/apply-outcomes";
import type { RecordEdits } from "../edits/use-record-edits";
import type { GridResource } from "../resource";
import { diffLines } from "../review/diff-lines";
import { useSubmission } from "./use-submission";

/** The user's submission actions over the edit store: submit the reviewed edits, resolve conflicts. */
export function useSubmissionActions(resource: GridResource, edits: RecordEdits) {
  const { store, state, issues, baseOf } = edits;
  const submission = useSubmission(resource, store, state.submissionId);

  const diff = useMemo(() => diffLines(resource, state, issues, baseOf), [resource, state, issues, baseOf]);

  const nameOf = useCallback(
    (rowKey: string) => {
      const s = store.getState();
      const key = resource.nameKey;
      return s.creates[rowKey]?.values[key] || baseOf(rowKey)?.properties[key] || s.updates[rowKey]?.label || rowKey;
    },
    [store, baseOf, resource.nameKey],
  );

  // Each row carries its name, so history and failed items can show it without reading HubSpot.
  const submitReviewed = useCallback(
    () =>
      submission.submit(
        buildOperations(store.getState(), issues, baseOf).map((op) => ({
          ...op,
          label: nameOf(op.rowKey).slice(0, 300),
        })),
      ),
    [submission, store, issues, baseOf, nameOf],
  );

  const onKeepTheirs = useCallback(
    (rowKey: string) => {
      const current = store.getState().statuses[rowKey]?.current;
      if (current) store.rememberSaved([current]);
      store.update((s) => keepTheirs(s, rowKey));
    },
    [store],
  );

  /** "Apply mine": send my edits again over HubSpot's newer version, on purpose (force). */
  const onApplyMine = useCallback(
    (rowKey: string) => {
      const s = store.getState();
      const pending = s.updates[rowKey];
      const current = s.statuses[rowKey]?.current;
      if (!pending || !current) return;
      const values = Object.fromEntries(Object.keys(pending.edits).map((k) => [k, current.properties[k] ?? null]));
      const op: EditOperation = {
        rowKey,
        kind: "update",
        id: pending.id,
        label: nameOf(rowKey).slice(0, 300),
        properties: { ...pending.edits },
        baseline: { updatedAt: current.updatedAt, values },
        force: true,
      };
      void submission.submit([op]);
    },
    [store, submission, nameOf],
  );

  /** Closes the summary: saved marks go, failed and conflicting rows keep theirs until resolved. */
  const dismiss = useCallback(() => {
    store.update((s) => ({
      ...s,
      submissionId: null,
      statuses: Object.fromEntries(
        Object.entries(s.statuses).filter(([, v]) => v.status === "failed" || v.status === "conflict"),
      ),
    }));
  }, [store]);

  return { submission, diff, submitReviewed, nameOf, onKeepTheirs, onApplyMine, dismiss };
}
