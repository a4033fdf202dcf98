import type { SubmissionSource } from "../db/values";

// Every source has its words: a new one in lib/db/values.ts does not compile until it is named here.
const LABELS: Record<SubmissionSource, string> = {
  grid: "Grid edits",
  upload: "Upload",
  retry: "Retry of failed rows",
  revert: "Revert",
  "bulk-edit": "Bulk edit of a view",
};

/** Where a submission came from, as lists and the failed-items page say it. */
export const sourceLabel = (source: string) => LABELS[source as SubmissionSource] ?? source;
