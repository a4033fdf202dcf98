import "server-only";
import type { SubmissionState } from "../db/values";
import { ResourceRefSchema, type ResourceRef } from "../resources/ref";
import { ConversionOptionsSchema, type ColumnMapping, type ConversionOptions } from "./mapping/schemas";
import type { UploadMode, ValidationSummary } from "./mapping/validate-rows";
import { UploadModeSchema, type DryRunSummary } from "./service";
import type { UploadKind } from "./types";
import type { UploadRow } from "./upload-store";

/** The check's answer as the action gives it (without every invalid row number). */
export type CheckSummary = Omit<ValidationSummary, "invalidRows">;

/** A dry run as stored with the upload, which also knows how many rows were not found in all. */
export type DryRun = DryRunSummary & { notFoundCount?: number };

/** An upload as the page hands it to the wizard: plain data, with what earlier visits decided. */
export interface UploadData {
  id: string;
  fileName: string;
  kind: UploadKind;
  sheets: string[];
  sheet: string | null;
  headers: string[];
  rowCount: number;
  target: ResourceRef | null;
  mode: UploadMode | null;
  mapping: ColumnMapping | null;
  options: ConversionOptions | null;
  keyColumn?: string;
  validation: CheckSummary | null;
  dryRun: DryRun | null;
  /** A dry run is running as a job (the page resumes following it after a reload). */
  dryRunPending: boolean;
  /** The submission the dry run prepared, and whether it has been started. */
  submission: { id: string; state: SubmissionState } | null;
}

/**
 * Whether a stored dry run can belong to the stored check. A later check does not clear the dry run
 * (lib/uploads/service.ts, checkUpload), so one made with other settings is dropped when the
 * counts disagree; with equal counts it cannot be told apart.
 */
function matchesCheck(dry: DryRun, check: Partial<ValidationSummary>) {
  if (check.valid === undefined) return false;
  const rows =
    dry.creates + dry.updates + dry.unchanged + (dry.notFoundCount ?? dry.notFound.length) + (dry.existsCount ?? 0);
  return dry.invalid === check.invalid && rows === check.valid;
}

/**
 * An upload row as plain props for the wizard: stored settings parsed (anything unreadable is
 * dropped, and the wizard asks again), the check without its list of invalid row numbers.
 */
export function uploadData(u: UploadRow, submission: { id: string; state: SubmissionState } | undefined): UploadData {
  const target = ResourceRefSchema.safeParse(u.target);
  const mode = UploadModeSchema.safeParse(u.mode);
  const options = ConversionOptionsSchema.safeParse(u.options);
  // Up to 100,000 invalid row numbers: the page needs only the counts and the first errors.
  const { invalidRows: _rows, ...validation } = u.validation ?? {};
  // Dry runs stored before DryRunState had no `state`: they are done.
  const stored = u.dryRun as (DryRun & { state?: string }) | null;
  const dryRun = stored && (stored.state === undefined || stored.state === "done") ? stored : null;
  return {
    id: u.id,
    fileName: u.fileName,
    kind: u.kind,
    sheets: u.sheets,
    sheet: u.sheet,
    headers: u.headers,
    rowCount: u.rowCount,
    target: target.success ? target.data : null,
    mode: mode.success ? mode.data : null,
    mapping: u.mapping ?? null,
    options: options.success ? options.data : null,
    ...(u.keyColumn ? { keyColumn: u.keyColumn } : {}),
    validation: u.validation ? (validation as CheckSummary) : null,
    dryRun:
      dryRun && u.submissionId && dryRun.submissionId === u.submissionId && matchesCheck(dryRun, validation)
        ? dryRun
        : null,
    dryRunPending: stored?.state === "running",
    submission: submission ? { id: submission.id, state: submission.state } : null,
  };
}
