"use client";

import { useMemo } from "react";
import type { CrmObjectTypeOption } from "@/lib/crm/object-types";
import { CheckStep } from "./check-step";
import { DryRunStep } from "./dry-run-step";
import { MappingStep } from "./mapping-step";
import { RunStep } from "./run-step";
import { targetOptions } from "./target-options";
import { TargetStep } from "./target-step";
import type { UploadData } from "./types";
import { useUploadWizard } from "./use-upload-wizard";

interface Props {
  upload: UploadData;
  preview: string[][];
  crmTypes: CrmObjectTypeOption[];
  /** The record id's pseudo-column (lib/uploads/targets.ts is server-only). */
  recordIdKey: string;
  /** Whose grid edits invalid rows are taken back into. */
  portalId: number;
  userId: string;
}

/**
 * The steps of an upload on one page, each shown once the one before is done: what to import,
 * the mapping, the check, the dry run, the import. What the server stored (target, mapping,
 * check, dry run) comes back after a refresh.
 */
export function UploadWizard({ upload, preview, crmTypes, recordIdKey, portalId, userId }: Props) {
  const targets = useMemo(() => targetOptions(crmTypes), [crmTypes]);
  const wizard = useUploadWizard(upload, targets, recordIdKey);
  const { suggestion, check, dryRun } = wizard;
  const ready = suggestion && !wizard.match.pending;
  return (
    <>
      <h1 className="text-xl font-semibold">Import “{upload.fileName}”</h1>
      <TargetStep upload={upload} targets={targets} wizard={wizard} />
      {ready && <MappingStep key={wizard.version} upload={upload} preview={preview} wizard={wizard} />}
      {ready && check && (
        <CheckStep
          uploadId={upload.id}
          check={check}
          columns={suggestion.columns}
          portalId={portalId}
          userId={userId}
        />
      )}
      {ready && check && check.mappingErrors.length === 0 && (
        <DryRunStep upload={upload} check={check} wizard={wizard} />
      )}
      {ready && check && dryRun && <RunStep upload={upload} dryRun={dryRun} />}
    </>
  );
}
