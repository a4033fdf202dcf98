import "server-only";
import { ResourceRefSchema } from "@/lib/resources/ref";
import { ConversionOptionsSchema } from "@/lib/uploads/mapping/schemas";
import type { ValidationSummary } from "@/lib/uploads/mapping/validate-rows";
import { UploadModeSchema } from "@/lib/uploads/service";
import type { UploadRow } from "@/lib/uploads/upload-store";
import type { CheckSummary, DryRun, UploadData } from "./types";

/**
 * Whether a stored dry run can belong to the stored check. A later check does not clear the dry run
 * (lib/uploads/service.ts, checkUpload), so one made with other settings is dropped when the
 * counts disagree; with equal counts it cannot be told apart.
 */
function matchesCheck(dry: DryRun, check: Partial<ValidationSummary>) {
  if (check.valid === undefined) return false;
  const rows = dry.creates + dry.updates + dry.unchanged + (dry.notFoundCount ?? dry.notFound.length) + (dry.existsCount ?? 0);
  return dry.invalid === check.invalid && rows === check.valid;
}

/**
 * An upload row as plain props for the wizard: stored settings parsed (anything unreadable is
 * dropped, and the wizard asks again), the check without its list of invalid row numbers.
 */
export function uploadData(u: UploadRow, submission: { id: string; state: string } | undefined): UploadData {
  const target = ResourceRefSchema.safeParse(u.target);
  const mode = UploadModeSchema.safeParse(u.mode);
  const options = ConversionOptionsSchema.safeParse(u.options);
  // Up to 100,000 invalid row numbers: the page needs only the counts and the first errors.
  const { invalidRows: _rows, ...validation } = (u.validation as ValidationSummary | null) ?? {};
  const stored = u.dryRun as (DryRun & { state?: string }) | null;
  const dryRun = stored && (stored.state === undefined || stored.state === "done") ? stored : null;
  return {
    id: u.id, fileName: u.fileName, kind: u.kind, sheets: u.sheets, sheet: u.sheet, headers: u.headers, rowCount: u.rowCount,
    target: target.success ? target.data : null,
    mode: mode.success ? mode.data : null,
    mapping: u.mapping ?? null,
    options: options.success ? options.data : null,
    ...(u.keyColumn ? { keyColumn: u.keyColumn } : {}),
    validation: u.validation ? (validation as CheckSummary) : null,
    dryRun: dryRun && u.submissionId && dryRun.submissionId === u.submissionId && matchesCheck(dryRun, validation) ? dryRun : null,
    dryRunPending: stored?.state === "running",
    submission: submission ? { id: submission.id, state: submission.state } : null,
  };
}
