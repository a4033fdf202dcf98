"use client";

import { ActionErrorAlert } from "@/components/records/action-error-alert";
import { dryRunUploadRows } from "@/lib/uploads/actions";
import { DryRunChanges } from "./dry-run-changes";
import { fmt, plural, type CheckSummary, type UploadData } from "./types";
import { useUploadAction } from "./use-upload-action";
import type { UploadWizardState } from "./use-upload-wizard";

interface Props {
  upload: UploadData;
  check: CheckSummary;
  wizard: UploadWizardState;
}

/**
 * Step 4: what the import would do, read from HubSpot now: creates, updates, unchanged rows and
 * records not found, with a sample of the changes old → new. Nothing is written.
 */
export function DryRunStep({ upload, check, wizard }: Props) {
  const { dryRun } = wizard;
  const action = useUploadAction(dryRunUploadRows, (data) => wizard.setDryRun(data));
  const start = () => {
    if (wizard.checked) action.run({ id: upload.id, settings: wizard.checked });
  };
  // Exact even past the 100 rows the answer lists: every valid row is created, updated, unchanged or not found.
  const notFound = dryRun ? (dryRun.notFoundCount ?? Math.max(dryRun.notFound.length, check.valid - dryRun.creates - dryRun.updates - dryRun.unchanged)) : 0;
  return (
    <section aria-labelledby="step-dry-run" className="flex flex-col gap-3 rounded border border-slate-200 bg-white p-4 text-sm">
      <h2 id="step-dry-run" className="text-lg font-semibold">4. Dry run</h2>
      <p className="text-slate-600">Reads the current values from HubSpot and shows what the import would change. Nothing is written yet.{check.invalid > 0 && ` The ${plural(check.invalid, "invalid row")} will be skipped.`}</p>
      <div className="flex flex-wrap items-center gap-3">
        <button type="button" className="rounded bg-slate-900 px-3 py-1.5 font-medium text-white disabled:opacity-50" disabled={action.pending || check.valid === 0 || !wizard.checked} onClick={start}>
          {dryRun ? "Dry run again" : "Dry run"}
        </button>
        {action.pending && <p role="status">Reading {plural(check.valid, "record")} from HubSpot…</p>}
      </div>
      {action.error && <ActionErrorAlert error={action.error} prefix="The dry run failed: " returnTo={`/uploads/${upload.id}`} onRetry={start} />}
      {dryRun && !action.pending && (
        <>
          <p role="status" aria-label="Dry run result" className="text-base">
            {plural(dryRun.updates, "update")} · {plural(dryRun.creates, "create")} · {fmt(dryRun.unchanged)} unchanged · {fmt(dryRun.invalid)} invalid skipped · {fmt(notFound)} not found
          </p>
          <DryRunChanges dryRun={dryRun} columns={wizard.suggestion?.columns ?? []} notFound={notFound} />
        </>
      )}
    </section>
  );
}
