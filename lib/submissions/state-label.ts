const LABELS: Record<string, string> = { draft: "Not started", running: "Running", stalled: "Stalled", paused: "Paused", cancelled: "Cancelled", done: "Finished" };

/** How a submission's state reads in lists and headings. */
export const stateLabel = (state: string) => LABELS[state] ?? state;
