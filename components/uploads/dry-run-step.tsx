"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { ActionErrorAlert } from "@/components/records/action-error-alert";
import { callAction } from "@/components/server-state/action-failure";
import { usePortalKeys } from "@/components/server-state/portal-scope";
import { useAction } from "@/components/server-state/use-action";
import type { ActionError } from "@/lib/actions/result";
import { dryRunUploadRows, uploadDryRunState } from "@/lib/uploads/actions";
import { DryRunChanges } from "./dry-run-changes";
import { DryRunCreates } from "./dry-run-creates";
import { fmt, plural, type CheckSummary, type UploadData } from "./types";
import type { UploadWizardState } from "./use-upload-wizard";

interface Props {
  upload: UploadData;
  check: CheckSummary;
  wizard: UploadWizardState;
}

/**
 * Step 4: what the import would do, read from HubSpot now: creates, updates, unchanged rows and
 * records not found, with a sample of the changes old → new. Nothing is written. It runs as a job
 * (reading 20,000 records at the rate limit takes about half a minute): the page follows it, and
 * picks it up again after a reload.
 */
export function DryRunStep({ upload, check, wizard }: Props) {
  const { dryRun, setDryRun } = wizard;
  const [following, setFollowing] = useState(upload.dryRunPending);
  const [failure, setFailure] = useState<ActionError | null>(null);
  const action = useAction(dryRunUploadRows, () => setFollowing(true));
  const k = usePortalKeys();
  const state = useQuery({
    queryKey: k.uploads.dryRun(upload.id),
    queryFn: () => callAction(uploadDryRunState, { id: upload.id }),
    enabled: following,
    refetchInterval: 1_000,
  });
  const job = following ? state.data : null;
  useEffect(() => {
    if (!job || job.state === "running") return;
    setFollowing(false);
    if (job.state === "done") {
      const { state: _s, ...summary } = job;
      setDryRun(summary);
    } else setFailure({ code: job.code as ActionError["code"], message: job.message });
  }, [job, setDryRun]);

  const start = () => {
    if (!wizard.checked) return;
    setFailure(null);
    setDryRun(null);
    action.run({ id: upload.id, settings: wizard.checked });
  };
  const pending = action.pending || following;
  const error = action.error ?? failure;
  // Exact even past the 100 rows the answer lists: every valid row is created, updated, unchanged or not found.
  const notFound = dryRun
    ? (dryRun.notFoundCount ??
      Math.max(dryRun.notFound.length, check.valid - dryRun.creates - dryRun.updates - dryRun.unchanged))
    : 0;
  const progress = job?.state === "running" ? job : null;
  return (
    <section
      aria-labelledby="step-dry-run"
      className="flex flex-col gap-3 rounded border border-slate-200 bg-white p-4 text-sm"
    >
      <h2 id="step-dry-run" className="text-lg font-semibold">
        4. Dry run
      </h2>
      <p className="text-slate-600">
        Reads the current values from HubSpot and shows what the import would change. Nothing is written yet.
        {check.invalid > 0 && ` The ${plural(check.invalid, "invalid row")} will be skipped.`}
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="button"
          className="rounded bg-slate-900 px-3 py-1.5 font-medium text-white disabled:opacity-50"
          disabled={pending || check.valid === 0 || !wizard.checked}
          onClick={start}
        >
          {dryRun ? "Dry run again" : "Dry run"}
        </button>
        {pending && (
          <p role="status">
            {progress && progress.read > 0
              ? `Read ${fmt(progress.read)} of ${fmt(progress.total)} records from HubSpot…`
              : `Reading ${plural(check.valid, "record")} from HubSpot…`}
          </p>
        )}
        {progress && progress.total > 0 && (
          <progress aria-label="Dry run progress" className="h-2 w-48" max={progress.total} value={progress.read} />
        )}
      </div>
      {error && (
        <ActionErrorAlert
          error={error}
          prefix="The dry run failed: "
          returnTo={`/uploads/${upload.id}`}
          onRetry={start}
        />
      )}
      {dryRun && !pending && (
        <>
          <p role="status" aria-label="Dry run result" className="text-base">
            {plural(dryRun.updates, "update")} · {plural(dryRun.creates, "create")} · {fmt(dryRun.unchanged)} unchanged
            · {fmt(dryRun.invalid)} invalid skipped · {fmt(notFound)} not found
            {(dryRun.existsCount ?? 0) > 0 && ` · ${fmt(dryRun.existsCount!)} already in HubSpot`}
          </p>
          <DryRunCreates
            dryRun={dryRun}
            columns={wizard.suggestion?.columns ?? []}
            mapping={(wizard.checked?.mapping as Record<string, string> | undefined) ?? wizard.mapping}
          />
          <DryRunChanges dryRun={dryRun} columns={wizard.suggestion?.columns ?? []} notFound={notFound} />
        </>
      )}
    </section>
  );
}
