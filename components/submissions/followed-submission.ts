import type { RowOutcome } from "@/lib/batch/types";
import type { SubmissionView } from "@/lib/submissions/types";

/** A submission as cached: its latest counts and state, and every outcome received since `since`. */
export type FollowedSubmission = SubmissionView & { since: number };

/** The cached entry a poll continues from, or null to read every outcome from the start. */
export function continuedFrom(
  prev: FollowedSubmission | undefined,
  outcomes: "all" | "new",
): FollowedSubmission | null {
  // An entry the progress page started (counts only) is read again from the start for the grid.
  return prev && (outcomes === "new" || prev.since === 0) ? prev : null;
}

/** A poll's answer folded into the entry it continued (a row's latest outcome wins). */
export function followed(from: FollowedSubmission | null, res: SubmissionView): FollowedSubmission {
  const all = new Map<string, RowOutcome>((from?.outcomes ?? []).map((o) => [o.rowKey, o]));
  for (const o of res.outcomes) all.set(o.rowKey, o);
  return { ...res, outcomes: [...all.values()], since: from ? from.since : 0 };
}
