"use client";

import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { ConfirmDialog } from "@/components/records/confirm-dialog";
import { callAction } from "@/components/server-state/action-failure";
import { usePortalKeys } from "@/components/server-state/portal-scope";
import { useAction } from "@/components/server-state/use-action";
import { cancelRevertPreview, revertPreviewState, startRevert, startRevertPreview } from "@/lib/reverts/actions";
import type { RevertChoice, RevertPlanState } from "@/lib/reverts/types";
import { rowsToSend, summaryText } from "./revert-summary";

interface Props {
  draftId: string;
  originalId: string;
  initial: RevertPlanState;
  /** "campaign", "contact", … */
  noun: string;
}

const fmt = (n: number) => n.toLocaleString("en-US");

/**
 * A revert before it runs: HubSpot's current values are read in the background (progress), then the
 * summary, the choices that need a person (changes made in HubSpot since: skip or overwrite; the
 * records the submission created: archive or keep) and a confirmation. The rows below the panel
 * show each row's current → restored values.
 */
export function RevertPreview({ draftId, originalId, initial, noun }: Props) {
  const router = useRouter();
  const readAgainAction = useAction(startRevertPreview, (d) => router.push(`/submissions/${d.draftId}`));
  const cancelAction = useAction(cancelRevertPreview, () => router.push(`/submissions/${originalId}`));
  const revertAction = useAction(startRevert, () => router.refresh());
  const actions = [readAgainAction, cancelAction, revertAction];
  const busy = actions.some((a) => a.pending);
  const error = actions.find((a) => a.error)?.error?.message;
  const k = usePortalKeys();
  const [choice, setChoice] = useState<RevertChoice>({ conflicts: "skip", archive: false });
  const [confirming, setConfirming] = useState(false);
  const state = useQuery({
    queryKey: k.reverts.preview(draftId),
    queryFn: async () => (await callAction(revertPreviewState, { id: draftId })).plan,
    initialData: initial,
    refetchInterval: (q) => (q.state.data?.state === "reading" ? 1_000 : false),
  });
  const plan = state.data;
  // The rows below are server-rendered: show them once the preview is ready.
  useEffect(() => {
    if (initial.state === "reading" && plan.state !== "reading") router.refresh();
  }, [initial.state, plan.state, router]);

  const readAgain = () => readAgainAction.run({ id: originalId });
  if (plan.state === "reading") {
    return (
      <section
        aria-label="Revert preview"
        className="flex flex-wrap items-center gap-3 rounded border border-slate-200 bg-white p-3 text-sm"
      >
        <p role="status">
          {plan.read > 0
            ? `Read ${fmt(plan.read)} of ${fmt(plan.total)} records from HubSpot…`
            : `Reading ${fmt(plan.total)} records from HubSpot…`}
        </p>
        <progress aria-label="Preview progress" className="h-2 w-48" max={plan.total || 1} value={plan.read} />
      </section>
    );
  }
  if (plan.state === "failed") {
    return (
      <section aria-label="Revert preview" className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-800">
        <p role="alert">The preview failed: {plan.message}</p>
        <button type="button" disabled={busy} className="mt-2 font-medium underline" onClick={readAgain}>
          Read again
        </button>
      </section>
    );
  }
  const s = plan.summary;
  const sends = rowsToSend(s, choice);
  const overwriting = choice.conflicts === "overwrite" ? s.conflicts - (choice.archive ? 0 : s.archiveConflicts) : 0;
  const archiving = choice.archive ? s.archive + (choice.conflicts === "overwrite" ? s.archiveConflicts : 0) : 0;
  return (
    <section
      aria-label="Revert preview"
      className="flex flex-col gap-3 rounded border border-amber-300 bg-amber-50 p-4 text-sm"
    >
      <p role="status" className="text-base">
        {summaryText(s, noun)}
      </p>
      <p className="text-slate-700">
        Read from HubSpot {new Date(plan.readAt).toLocaleString("en-US")}. Nothing has been written yet. The rows below
        show HubSpot’s current value → the value it gets back.
      </p>
      {s.conflicts > 0 && (
        <fieldset className="flex flex-col gap-1">
          <legend className="font-medium">
            {fmt(s.conflicts)} {s.conflicts === 1 ? "row was" : "rows were"} changed in HubSpot since the submission
          </legend>
          <label className="flex items-center gap-2">
            <input
              type="radio"
              name="conflicts"
              checked={choice.conflicts === "skip"}
              onChange={() => setChoice({ ...choice, conflicts: "skip" })}
            />
            Skip them: keep what HubSpot has now
          </label>
          <label className="flex items-center gap-2">
            <input
              type="radio"
              name="conflicts"
              checked={choice.conflicts === "overwrite"}
              onChange={() => setChoice({ ...choice, conflicts: "overwrite" })}
            />
            Overwrite them with the values from before the submission
          </label>
        </fieldset>
      )}
      {s.archive + s.archiveConflicts > 0 && (
        <label className="flex items-center gap-2">
          <input
            type="checkbox"
            checked={choice.archive}
            onChange={(e) => setChoice({ ...choice, archive: e.target.checked })}
          />
          Archive the {fmt(s.archive + s.archiveConflicts)}{" "}
          {s.archive + s.archiveConflicts === 1
            ? `${noun} this submission created`
            : `${noun}s this submission created`}
        </label>
      )}
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="button"
          disabled={busy || sends === 0}
          className="rounded bg-red-700 px-3 py-1.5 font-medium text-white disabled:opacity-50"
          onClick={() => setConfirming(true)}
        >
          Revert {fmt(sends)} {sends === 1 ? "row" : "rows"}
        </button>
        <button type="button" disabled={busy} className="underline" onClick={readAgain}>
          Read again
        </button>
        <button type="button" disabled={busy} className="underline" onClick={() => cancelAction.run({ id: draftId })}>
          Cancel
        </button>
      </div>
      {error && (
        <p role="alert" className="text-red-700">
          {error}
        </p>
      )}
      <ConfirmDialog
        open={confirming}
        title="Revert this submission?"
        confirmLabel={`Revert ${fmt(sends)} ${sends === 1 ? "row" : "rows"}`}
        cancelLabel="Back"
        onClose={() => setConfirming(false)}
        onConfirm={() => revertAction.run({ id: draftId, ...choice })}
      >
        <p>
          {fmt(sends - archiving)} {sends - archiving === 1 ? "row gets" : "rows get"} the values from before the
          submission back, as a new submission you can follow, pause and revert.
        </p>
        {overwriting > 0 && (
          <p className="mt-2 font-medium text-red-800">
            This overwrites {fmt(overwriting)} {overwriting === 1 ? "change" : "changes"} made in HubSpot since the
            submission.
          </p>
        )}
        {archiving > 0 && (
          <p className="mt-2 font-medium text-red-800">
            {fmt(archiving)} created {archiving === 1 ? noun : `${noun}s`} will be archived (HubSpot keeps them in its
            recycling bin for 90 days).
          </p>
        )}
      </ConfirmDialog>
    </section>
  );
}
