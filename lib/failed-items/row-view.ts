import type { RowError } from "../batch/types";
import type { tables } from "../db";
import { sourceLabel } from "../submissions/source-label";

type StoredRow = Pick<
  typeof tables.submissionRows.$inferSelect,
  "rowKey" | "kind" | "recordId" | "label" | "sent" | "error" | "updatedAt"
>;

/** One failed row as the failed-items page shows it (serialisable: it goes to the client). */
export interface FailedRowView {
  submissionId: string;
  rowKey: string;
  /** The row's name: its label, else its record id, else "New record". */
  name: string;
  recordId: string | null;
  create: boolean;
  sent: Record<string, string>;
  error: RowError | null;
  /** When it failed and when its submission was made, as the page shows them (formatted on the server: no hydration mismatch). */
  failedAt: string;
  submittedAt: string;
  /** Where the row came from: grid edits, an upload (with its file), a retry. */
  source: string;
}

export function failedRowView(
  item: { row: StoredRow; submission: { id: string; createdAt: Date; source: string } },
  fileNames: ReadonlyMap<string, string>,
): FailedRowView {
  const { row, submission } = item;
  const file = fileNames.get(submission.id);
  return {
    submissionId: submission.id,
    rowKey: row.rowKey,
    name: row.label || (row.recordId ? `ID ${row.recordId}` : "New record"),
    recordId: row.recordId,
    create: row.kind === "create",
    sent: row.sent,
    error: row.error,
    failedAt: row.updatedAt.toLocaleString("en-US"),
    source: file ? `${sourceLabel("upload")} of ${file}` : sourceLabel(submission.source),
    submittedAt: submission.createdAt.toLocaleString("en-US"),
  };
}
