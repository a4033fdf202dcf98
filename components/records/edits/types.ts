import type { RowBaseline, RowError, RowStatus, SavedRecord } from "@/lib/batch/types";

/** An existing record with unsaved edits: only the changed properties, plus what they were. */
export interface PendingUpdate {
  id: string;
  /** The name when editing started, so the review and the status panel can name rows not loaded. */
  label: string;
  /** updatedAt, asOf (when known) and the loaded values of the edited properties: the submit's conflict check. */
  baseline: RowBaseline;
  edits: Record<string, string>;
}

/** A row added with "Add campaign" (or contact…); its key (`new-…`) is the submission's rowKey. */
interface PendingCreate {
  rowKey: string;
  values: Record<string, string>;
  seq: number;
}

export interface RowStatusInfo {
  status: RowStatus;
  submissionId: string;
  /** The values sent, so that a saved outcome only clears edits that were not changed since. */
  submitted?: Record<string, string>;
  error?: RowError;
  /** HubSpot's version of a conflicting row. */
  current?: SavedRecord;
}

/** Everything that must survive a reload, a crash or a new sign-in, until submitted or discarded. */
export interface EditState {
  version: 1;
  updates: Record<string, PendingUpdate>;
  creates: Record<string, PendingCreate>;
  statuses: Record<string, RowStatusInfo>;
  /** The submission being polled, so that a reload picks it up again. */
  submissionId: string | null;
}

/** A loaded (or just saved) record as the edit logic sees it. */
export interface BaseRow {
  id: string;
  updatedAt: string;
  properties: Record<string, string | null>;
  /**
   * The newest updatedAt among the records loaded when this version of the row was loaded (the
   * pages up to and including its own), or its own updatedAt when it comes from a save: becomes the
   * baseline's `asOf`, so the submit's conflict check can scan "changed since" instead of reading.
   */
  asOf?: string;
}

export const emptyEditState = (): EditState => ({
  version: 1,
  updates: {},
  creates: {},
  statuses: {},
  submissionId: null,
});

export const isCreateKey = (key: string) => key.startsWith("new-");

/** rowKey → property → reason. Only rows with issues appear; an issue blocks its own row only. */
export type RowIssues = Map<string, Record<string, string>>;

/** Adds an issue to a row (the first reason per property wins). */
export function addIssue(issues: RowIssues, key: string, property: string, message: string) {
  const row = issues.get(key) ?? {};
  if (!row[property]) row[property] = message;
  issues.set(key, row);
}
