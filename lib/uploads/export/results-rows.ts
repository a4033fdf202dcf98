import type { RowError } from "../../batch/types";
import { RESULT_COLUMNS } from "./neutralise";

/** One submission row as the results file needs it (a slice of submission_rows). */
export interface ResultRow {
  rowKey: string;
  kind: string;
  label: string | null;
  recordId: string | null;
  status: string;
  sent: Record<string, string>;
  error: RowError | null;
  sourceRow: number | null;
  source: string[] | null;
}

const STATUS_TEXT: Record<string, string> = {
  saved: "Saved",
  failed: "Failed",
  conflict: "Conflict: changed in HubSpot",
  pending: "Not sent",
  saving: "Outcome unknown",
  skipped: "Skipped",
};

/**
 * The results table: for an upload, the file's own columns (so the failed rows can be fixed and
 * uploaded again) plus status, HubSpot id and error; for a grid submission, the row's name and
 * the properties sent. Cells are as stored: resultsCsv neutralises them against formula injection.
 */
export function resultsTable(rows: readonly ResultRow[], fileHeaders: readonly string[] | null) {
  const sentKeys = fileHeaders ? [] : [...new Set(rows.flatMap((r) => Object.keys(r.sent)))].sort();
  const header = fileHeaders ? [...fileHeaders, ...RESULT_COLUMNS] : ["Row", "Change", ...sentKeys, ...RESULT_COLUMNS];
  const body = rows.map((r) => {
    const outcome = [
      STATUS_TEXT[r.status] ?? r.status,
      r.recordId ?? "",
      r.error?.category ?? "",
      r.error?.message ?? "",
    ];
    const lead = fileHeaders
      ? fileHeaders.map((_, i) => r.source?.[i] ?? "")
      : [r.label ?? r.rowKey, r.kind, ...sentKeys.map((k) => r.sent[k] ?? "")];
    return [...lead, ...outcome];
  });
  return { header, body };
}
