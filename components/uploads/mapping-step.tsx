"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect } from "react";
import { useForm } from "react-hook-form";
import { ActionErrorAlert } from "@/components/records/action-error-alert";
import { checkUploadRows } from "@/lib/uploads/actions";
import {
  ConversionOptionsSchema,
  type ConversionOptions,
  type ConversionOptionsInput,
} from "@/lib/uploads/mapping/schemas";
import { ConversionOptionsFields } from "./conversion-options";
import { MappingTable } from "./mapping-table";
import { TemplateSave } from "./template-save";
import { fmt, type UploadData } from "./types";
import type { UploadWizardState } from "./use-upload-wizard";
import { useAction } from "@/components/server-state/use-action";

interface Props {
  upload: UploadData;
  preview: readonly string[][];
  wizard: UploadWizardState;
}

/** Step 2: where each column goes, which one finds the records, how cells are read; then the check. */
export function MappingStep({ upload, preview, wizard }: Props) {
  const { suggestion, mode, keyColumn, candidates } = wizard;
  const form = useForm<ConversionOptionsInput, unknown, ConversionOptions>({
    resolver: zodResolver(ConversionOptionsSchema),
    defaultValues: wizard.options,
  });
  const check = useAction(checkUploadRows, (data, input) => wizard.setCheck(data, input.settings));
  const { optionsChanged } = wizard;
  useEffect(() => {
    // Only the user's own edits make an earlier check stale (not the form starting up).
    const sub = form.watch((_values, info) => {
      if (info.type === "change") optionsChanged();
    });
    return () => sub.unsubscribe();
  }, [form, optionsChanged]);
  if (!suggestion) return null;

  const run = (options: ConversionOptions) => {
    const settings = wizard.settings(options);
    if (settings) check.run({ id: upload.id, settings });
  };
  const needsKey = mode !== "create";

  return (
    <section
      aria-labelledby="step-mapping"
      className="flex flex-col gap-4 rounded border border-slate-200 bg-white p-4"
    >
      <h2 id="step-mapping" className="text-lg font-semibold">
        2. Map columns
      </h2>
      {wizard.template && (
        <p role="status" className="rounded bg-blue-50 p-2 text-sm text-blue-900">
          Applied your saved template “{wizard.template}”: it matches this file’s columns exactly.
        </p>
      )}
      <MappingTable
        headers={upload.headers}
        preview={preview}
        columns={suggestion.columns}
        matches={suggestion.matches}
        mapping={wizard.mapping}
        keyColumn={keyColumn}
        mode={wizard.mode}
        onChange={wizard.setMapping}
      />
      <form noValidate className="flex flex-col gap-4" onSubmit={form.handleSubmit(run)}>
        {needsKey && (
          <label className="flex flex-col gap-1 text-sm font-medium">
            Match records by
            <select
              className="w-72 rounded border border-slate-300 px-2 py-1 font-normal"
              value={keyColumn ?? ""}
              onChange={(e) => wizard.setKeyColumn(e.target.value)}
            >
              <option value="" disabled>
                {candidates.length ? "Choose a column…" : "Map a column that identifies records"}
              </option>
              {candidates.map((c) => (
                <option key={c.key} value={c.key}>
                  {c.label}
                </option>
              ))}
            </select>
            <span className="font-normal text-slate-500">
              {mode === "upsert"
                ? "Rows whose value matches a record update it; the others create one."
                : "Each row updates the record with this value."}
            </span>
          </label>
        )}
        <ConversionOptionsFields form={form} />
        <div className="flex flex-wrap items-center gap-3">
          <button
            type="submit"
            className="rounded bg-slate-900 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50"
            disabled={check.pending || (needsKey && !keyColumn)}
          >
            Check all rows
          </button>
          {check.pending && (
            <p role="status" className="text-sm">
              Checking {fmt(upload.rowCount)} rows…
            </p>
          )}
        </div>
        {check.error && (
          <ActionErrorAlert
            error={check.error}
            prefix="The rows could not be checked: "
            returnTo={`/uploads/${upload.id}`}
            onRetry={() => void form.handleSubmit(run)()}
          />
        )}
      </form>
      <TemplateSave
        uploadId={upload.id}
        settings={wizard.settings}
        withOptions={(save) => void form.handleSubmit(save)()}
      />
    </section>
  );
}
