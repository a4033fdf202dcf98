"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { ActionErrorAlert } from "@/components/records/action-error-alert";
import { chooseUploadSheet } from "@/lib/uploads/actions";
import { MODE_LABELS, modesFor, onlyUpdatesNote, type TargetOption } from "./target-options";
import { plural, type UploadData } from "./types";
import type { UploadWizardState } from "./use-upload-wizard";
import { useAction } from "@/components/server-state/use-action";

interface Props {
  upload: UploadData;
  targets: readonly TargetOption[];
  wizard: UploadWizardState;
}

/** Step 1: the sheet (workbooks), the resource to import into and the action, then "Match columns". */
export function TargetStep({ upload, targets, wizard }: Props) {
  const router = useRouter();
  const [refreshing, startRefresh] = useTransition();
  const { target, mode, match } = wizard;
  const sheet = useAction(chooseUploadSheet, () => {
    wizard.sheetChanged();
    // The page reads the new sheet's headers and first rows.
    startRefresh(() => router.refresh());
  });
  const returnTo = `/uploads/${upload.id}`;
  const busy = sheet.pending || refreshing;

  return (
    <section aria-labelledby="step-target" className="rounded border border-slate-200 bg-white p-4">
      <h2 id="step-target" className="text-lg font-semibold">
        1. What to import
      </h2>
      <div className="mt-3 flex flex-wrap items-end gap-6">
        {upload.kind === "xlsx" && upload.sheets.length > 0 && (
          <label className="flex flex-col gap-1 text-sm font-medium">
            Sheet
            <select
              className="rounded border border-slate-300 px-2 py-1 font-normal"
              value={upload.sheet ?? upload.sheets[0]}
              disabled={busy}
              onChange={(e) => sheet.run({ id: upload.id, sheet: e.target.value })}
            >
              {upload.sheets.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="flex flex-col gap-1 text-sm font-medium">
          Import into
          <select
            className="rounded border border-slate-300 px-2 py-1 font-normal"
            value={target?.value ?? ""}
            onChange={(e) => wizard.setTarget(targets.find((t) => t.value === e.target.value))}
          >
            <option value="" disabled>
              Choose a resource…
            </option>
            {targets.map((t) => (
              <option key={t.value} value={t.value}>
                {t.label}
              </option>
            ))}
          </select>
        </label>
        <div role="radiogroup" aria-labelledby="mode-label" className="flex flex-col gap-1 text-sm">
          <span id="mode-label" className="font-medium">
            Action
          </span>
          <div className="flex gap-4">
            {modesFor(target).map((m) => (
              <label key={m} className="flex items-center gap-1.5">
                <input
                  type="radio"
                  name="upload-mode"
                  value={m}
                  checked={mode === m}
                  onChange={() => wizard.setMode(m)}
                />
                {MODE_LABELS[m]}
              </label>
            ))}
          </div>
        </div>
        <button
          type="button"
          className="rounded bg-slate-900 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50"
          disabled={!target || match.pending || busy}
          onClick={() => target && match.run({ id: upload.id, target: target.ref, mode })}
        >
          {match.pending ? "Matching columns…" : "Match columns"}
        </button>
      </div>
      {onlyUpdatesNote(target) && <p className="mt-2 text-sm text-slate-600">{onlyUpdatesNote(target)}</p>}
      <p className="mt-2 text-sm text-slate-600">
        {upload.fileName}: {plural(upload.rowCount, "row")}, {plural(upload.headers.length, "column")}
        {upload.sheet ? ` (sheet “${upload.sheet}”)` : ""}.
      </p>
      {busy && (
        <p role="status" className="mt-2 text-sm">
          Reading the sheet…
        </p>
      )}
      {sheet.error && (
        <div className="mt-2">
          <ActionErrorAlert
            error={sheet.error}
            prefix="The sheet could not be read: "
            returnTo={returnTo}
            onRetry={sheet.reset}
          />
        </div>
      )}
      {match.error && (
        <div className="mt-2">
          <ActionErrorAlert
            error={match.error}
            prefix="The columns could not be matched: "
            returnTo={returnTo}
            onRetry={() => target && match.run({ id: upload.id, target: target.ref, mode })}
          />
        </div>
      )}
    </section>
  );
}
