"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FixInGridButton } from "@/components/records/fix-in-grid-button";
import { usePortalKeys } from "@/components/server-state/portal-scope";
import { useAction } from "@/components/server-state/use-action";
import { useRecordsChanged } from "@/components/server-state/use-records-changed";
import { dismissFailedGroup, failedGroupForGrid, retryFailedGroup } from "@/lib/failed-items/actions";
import { exportHref, type FailedGroupKey, type FailedItemRef } from "@/lib/failed-items/schemas";

interface Props {
  group: FailedGroupKey;
  /** Whether sending the rows again unchanged may succeed: otherwise there is no Retry (kinds.ts). */
  retryable: boolean;
  count: number;
  /** The rows picked in the group's table: the actions apply to them only; none = the whole group. */
  selected: readonly FailedItemRef[];
  /** After the selected rows were dismissed (they leave the list). */
  onDone: () => void;
  portalId: number;
  userId: string;
}

const button = "rounded border border-slate-300 bg-white px-3 py-1 hover:bg-slate-50 disabled:opacity-50";

/** What can be done with a group or its selected rows: retry as sent, fix in the grid, dismiss with a reason, export. */
export function GroupActions({ group, retryable, count, selected, onDone, portalId, userId }: Props) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const k = usePortalKeys();
  const recordsChanged = useRecordsChanged();
  const retry = useAction(retryFailedGroup);
  const dismiss = useAction(dismissFailedGroup);
  const busy = retry.pending || dismiss.pending;
  const error = (retry.error ?? dismiss.error)?.message;
  const [dismissing, setDismissing] = useState(false);
  const [reason, setReason] = useState("");
  const [notice, setNotice] = useState<string | null>(null);
  const n = selected.length || count;
  const rows = `${n.toLocaleString("en-US")} ${selected.length ? "selected " : ""}${n === 1 ? "row" : "rows"}`;
  const target = selected.length ? { ...group, items: [...selected] } : group;
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      {retryable && (
        <button
          type="button"
          disabled={busy}
          className={button}
          onClick={() =>
            retry.run(target, {
              onSuccess: (d) => {
                // The retry changes records behind every cached list: grids read them again when next shown.
                recordsChanged();
                if (d.submissionId) router.push(`/submissions/${d.submissionId}`);
                else {
                  setNotice(`${d.alreadyThere.toLocaleString("en-US")} already in HubSpot: nothing sent, resolved.`);
                  onDone();
                  router.refresh();
                  void queryClient.invalidateQueries({ queryKey: k.failedItems.all });
                }
              },
            })
          }
        >
          Retry {rows}
        </button>
      )}
      <FixInGridButton
        label={`Fix ${rows} in the grid`}
        load={() => failedGroupForGrid(target)}
        sourceId="failed-items"
        portalId={portalId}
        userId={userId}
      />
      <a className={button} href={exportHref(group, "csv", selected)} download>
        Export {rows} (CSV)
      </a>
      <a className={button} href={exportHref(group, "xlsx", selected)} download>
        Export {rows} (XLSX)
      </a>
      {!dismissing ? (
        <button type="button" className={button} onClick={() => setDismissing(true)}>
          Dismiss…
        </button>
      ) : (
        <form
          className="flex items-center gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            dismiss.run(
              { ...target, reason },
              {
                onSuccess: () => {
                  setDismissing(false);
                  setReason("");
                  onDone();
                  router.refresh();
                  // The navigation's count lives in the layout, which a refresh keeps: ask for it again.
                  void queryClient.invalidateQueries({ queryKey: k.failedItems.all });
                },
              },
            );
          }}
        >
          <label className="flex items-center gap-1">
            Reason
            <input
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              className="rounded border border-slate-300 px-2 py-1"
              placeholder="e.g. expected: test records"
            />
          </label>
          <button
            type="submit"
            disabled={busy || !reason.trim()}
            className="rounded bg-slate-900 px-3 py-1 text-white disabled:opacity-50"
          >
            Dismiss {rows}
          </button>
          <button type="button" className="underline" onClick={() => setDismissing(false)}>
            Cancel
          </button>
        </form>
      )}
      {notice && <span role="status">{notice}</span>}
      {error && (
        <span role="alert" className="text-red-700">
          {error}
        </span>
      )}
    </div>
  );
}
