"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { callAction } from "@/components/server-state/action-failure";
import { usePortalKeys } from "@/components/server-state/portal-scope";
import { useAction } from "@/components/server-state/use-action";
import { DataTable } from "@/components/ui/data-table";
import { bulkEditState, cancelBulkEditAction, runBulkEditAction } from "@/lib/bulk-edits/actions";
import type { BulkEditView } from "@/lib/bulk-edits/view";
import type { SampleLine } from "@/lib/bulk-edits/types";

const fmt = (n: number) => n.toLocaleString("en-US");
const shown = (v: string | null) => (v === null || v === "" ? <span className="text-slate-400">(empty)</span> : v);

/**
 * A bulk edit's dry run: progress while it reads the view, then the counts, a sample of old → new,
 * the rule for records that change while it waits, and Run or Cancel. Run is a job that copies the
 * set into a submission ("Preparing N of M"); the page then goes to the submission.
 */
export function BulkEditDryRun({ initial }: { initial: BulkEditView }) {
  const router = useRouter();
  const k = usePortalKeys();
  const state = useQuery({
    queryKey: k.bulkEdits.dryRun(initial.id),
    queryFn: () => callAction(bulkEditState, { id: initial.id }),
    initialData: initial,
    refetchInterval: (q) => (q.state.data?.state === "reading" || q.state.data?.state === "preparing" ? 1_000 : false),
  });
  const view = state.data;
  const run = useAction(runBulkEditAction, () => state.refetch());
  // Prepared while this page watched (run here, or opened while preparing): follow it to its submission.
  const watchedRun = run.data !== undefined || initial.state === "preparing";
  useEffect(() => {
    if (watchedRun && view.state === "started" && view.submissionId) router.push(`/submissions/${view.submissionId}`);
  }, [watchedRun, view.state, view.submissionId, router]);
  const cancel = useAction(cancelBulkEditAction, () => router.push(view.gridPath));
  const busy = run.pending || cancel.pending;
  const error = run.error?.message ?? cancel.error?.message;
  const { counts } = view;

  return (
    <section aria-labelledby="bulk-edit-heading" className="flex flex-col gap-4">
      <Link href={view.gridPath} className="text-sm text-blue-700 underline">
        ← Back to {view.nounPlural}
      </Link>
      <h1 id="bulk-edit-heading" className="text-xl font-semibold">
        Bulk edit: {view.description}
      </h1>
      {view.state === "reading" && (
        <p role="status" className="text-sm">
          Dry run: read {fmt(counts.read)}
          {counts.total ? ` of ${fmt(counts.total)}` : ""} {view.nounPlural}…
        </p>
      )}
      {view.state === "preparing" && (
        <p role="status" className="text-sm">
          Preparing {fmt(view.prepared)} of {fmt(counts.change)} changes…
        </p>
      )}
      {view.state === "failed" && (
        <p role="alert" className="text-sm text-red-700">
          {view.message?.startsWith("Preparing the run failed") ? view.message : `The dry run failed: ${view.message}`}
        </p>
      )}
      {view.state === "cancelled" && <p className="text-sm">This bulk edit was cancelled. Nothing was sent.</p>}
      {view.state === "started" && view.submissionId && (
        <p className="text-sm">
          This bulk edit was run:{" "}
          <Link className="text-blue-700 underline" href={`/submissions/${view.submissionId}`}>
            see its submission
          </Link>
          .
        </p>
      )}
      {view.state !== "failed" && view.state !== "cancelled" && (
        <dl aria-label="Dry run counts" className="grid w-fit grid-cols-[auto_auto] gap-x-4 gap-y-1 text-sm">
          <dt>Records in the view</dt>
          <dd>{fmt(view.state === "reading" ? counts.total : counts.read)}</dd>
          <dt>Will change</dt>
          <dd>{fmt(counts.change)}</dd>
          <dt>Already hold the value (not sent)</dt>
          <dd>{fmt(counts.same)}</dd>
          <dt>Cannot change</dt>
          <dd>{fmt(counts.refused)}</dd>
        </dl>
      )}
      {view.state === "ready" && (
        <>
          <div
            className="rounded border border-amber-200 bg-amber-50 p-3 text-sm"
            aria-label="What happens to changes made meanwhile"
          >
            <p className="font-medium">The set of records is fixed now, at the dry run.</p>
            <p>
              Run changes exactly the {fmt(counts.change)} {view.nounPlural} listed as “will change”. Records that start
              matching the view after the dry run are not changed; records that stop matching it are still changed. A
              record whose value someone changes in HubSpot before its write is not overwritten: it is reported as a
              conflict, which you can review on the results page.
            </p>
          </div>
          <DataTable<SampleLine>
            caption={`A sample of the changes (${fmt(view.sample.length)} records)`}
            captionVisible
            density="compact"
            rows={view.sample}
            rowKey={(r) => r.id}
            empty={<p className="text-sm">No record of the view changes.</p>}
            columns={[
              { header: "Record", cell: (r) => r.label || r.id },
              { header: "Now", cell: (r) => shown(r.old) },
              {
                header: "After",
                cell: (r) => (r.reason ? <span className="text-red-700">{r.reason}</span> : shown(r.new)),
              },
            ]}
          />
        </>
      )}
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
      {(view.state === "reading" || view.state === "ready") && (
        <div className="flex gap-2">
          {view.state === "ready" && (
            <button
              type="button"
              disabled={busy || counts.change === 0}
              onClick={() => run.run({ id: view.id })}
              className="rounded bg-blue-700 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50"
            >
              {run.pending ? "Starting…" : `Run: change ${fmt(counts.change)} ${view.nounPlural}`}
            </button>
          )}
          <button
            type="button"
            disabled={busy}
            onClick={() => cancel.run({ id: view.id })}
            className="rounded border border-slate-300 px-3 py-1.5 text-sm"
          >
            Cancel
          </button>
        </div>
      )}
    </section>
  );
}
