import type { SubmissionState } from "../db/values";

// Every state has its words (and "stalled", shown for a running submission whose worker stopped).
const LABELS: Record<SubmissionState | "stalled", string> = {
  draft: "Not started",
  running: "Running",
  stalled: "Stalled",
  paused: "Paused",
  cancelled: "Cancelled",
  done: "Finished",
};

/** How a submission's state reads in lists and headings. */
export const stateLabel = (state: string) => LABELS[state as SubmissionState] ?? state;
