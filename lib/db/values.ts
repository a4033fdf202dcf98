/**
 * The allowed values of every state-like text column, in one place: lib/db/schema.ts gives them to
 * drizzle (`text({ enum })`, so a wrong value fails to compile) and the domain types are these
 * unions. A text enum needs no data migration; adding a value is a change here only.
 */

/** connections.status: revoked = the refresh failed for good, the user must reconnect. */
export const CONNECTION_STATUSES = ["active", "revoked"] as const;
export type ConnectionStatus = (typeof CONNECTION_STATUSES)[number];

/** submissions.source: where a submission came from. */
export const SUBMISSION_SOURCES = ["grid", "upload", "retry", "revert", "bulk-edit"] as const;
export type SubmissionSource = (typeof SUBMISSION_SOURCES)[number];

/** submissions.state. draft: an upload's dry run or a revert preview, not started; paused: waits for the user (or a reconnect); cancelled: stopped for good, unsent rows stay pending. */
export const SUBMISSION_STATES = ["draft", "running", "paused", "cancelled", "done"] as const;
export type SubmissionState = (typeof SUBMISSION_STATES)[number];

/** submission_rows.kind: the operation a row sends. */
export const ROW_KINDS = ["update", "create", "archive"] as const;
export type RowKind = (typeof ROW_KINDS)[number];

/** submission_rows.status: the engine's statuses (lib/batch/types.ts RowStatus) and skipped (a revert's row that is not sent; its error says why). */
export const ROW_STATUSES = ["pending", "saving", "saved", "failed", "conflict", "skipped"] as const;
export type StoredRowStatus = (typeof ROW_STATUSES)[number];

/** submission_rows.resolution of a failed row: dismissed by the user, retried by a later submission, or found to exist already. */
export const ROW_RESOLUTIONS = ["dismissed", "retried", "exists"] as const;
export type RowResolution = (typeof ROW_RESOLUTIONS)[number];

/** uploads.kind: the file format. */
export const UPLOAD_KINDS = ["csv", "xlsx"] as const;
export type UploadKind = (typeof UPLOAD_KINDS)[number];

/** uploads.mode: what an upload does with each row. */
export const UPLOAD_MODES = ["create", "update", "upsert"] as const;
export type UploadMode = (typeof UPLOAD_MODES)[number];

/** bulk_edits.state: the dry run reading the view, ready to run, failed (message says why), cancelled by the user, preparing (run: its set is copied into its submission), or started (its submission runs). */
export const BULK_EDIT_STATES = ["reading", "ready", "failed", "cancelled", "preparing", "started"] as const;
export type BulkEditState = (typeof BULK_EDIT_STATES)[number];

/** Narrows outside text (a URL's ?status=) to one of a column's values. */
export function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return (values as readonly unknown[]).includes(value);
}

/** exports.state: queued (job sent), running, done (file ready), failed (why in `error`), cancelled by its owner, expired (file deleted after the retention period). */
export const EXPORT_STATES = ["queued", "running", "done", "failed", "cancelled", "expired"] as const;
export type ExportState = (typeof EXPORT_STATES)[number];

/** exports.format: the file written. */
export const EXPORT_FORMATS = ["csv", "xlsx"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
