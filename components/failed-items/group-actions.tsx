"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FixInGridButton } from "@/components/records/fix-in-grid-button";
import { useActionRunner } from "@/components/records/use-action-runner";
import { dismissFailedGroup, failedGroupForGrid, retryFailedGroup } from "@/lib/failed-items/actions";
import type { FailedGroupKey } from "@/lib/failed-items/store";

interface Props {
  group: FailedGroupKey;
  count: number;
  portalId: number;
  userId: string;
}

/** What can be done with a whole group: retry as sent, fix in the grid, dismiss with a reason, export. */
export function GroupActions({ group, count, portalId, userId }: Props) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const { busy, error, run } = useActionRunner();
  const [dismissing, setDismissing] = useState(false);
  const [reason, setReason] = useState("");
  const rows = `${count.toLocaleString("en-US")} ${count === 1 ? "row" : "rows"}`;
  const exportHref = `/api/failed-items/export?${new URLSearchParams({ ...group, format: "csv" })}`;
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      <button type="button" disabled={busy} className="rounded border border-slate-300 bg-white px-3 py-1 hover:bg-slate-50"
        onClick={() => void run(() => retryFailedGroup(group), (d) => router.push(`/submissions/${d.submissionId}`))}>
        Retry {rows}
      </button>
      <FixInGridButton label={`Fix ${rows} in the grid`} load={() => failedGroupForGrid(group)} sourceId="failed-items" portalId={portalId} userId={userId} />
      <a className="rounded border border-slate-300 bg-white px-3 py-1 hover:bg-slate-50" href={exportHref} download>Export CSV</a>
      {!dismissing ? (
        <button type="button" className="rounded border border-slate-300 bg-white px-3 py-1 hover:bg-slate-50" onClick={() => setDismissing(true)}>Dismiss…</button>
      ) : (
        <form
          className="flex items-center gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            void run(() => dismissFailedGroup({ ...group, reason }), () => {
              setDismissing(false);
              router.refresh();
              // The navigation's count lives in the layout, which a refresh keeps: ask for it again.
              void queryClient.invalidateQueries({ queryKey: ["failed-item-count"] });
            });
          }}
        >
          <label className="flex items-center gap-1">
            Reason
            <input value={reason} onChange={(e) => setReason(e.target.value)} className="rounded border border-slate-300 px-2 py-1" placeholder="e.g. expected: test records" />
          </label>
          <button type="submit" disabled={busy || !reason.trim()} className="rounded bg-slate-900 px-3 py-1 text-white disabled:opacity-50">Dismiss {rows}</button>
          <button type="button" className="underline" onClick={() => setDismissing(false)}>Cancel</button>
        </form>
      )}
      {error && <span role="alert" className="text-red-700">{error}</span>}
    </div>
  );
}
