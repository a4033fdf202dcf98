const LABELS: Record<string, string> = { grid: "Grid edits", upload: "Upload", retry: "Retry of failed rows", revert: "Revert" };

/** Where a submission came from, as lists and the failed-items page say it. */
export const sourceLabel = (source: string) => LABELS[source] ?? source;
