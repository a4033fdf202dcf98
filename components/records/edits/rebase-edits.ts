import type { EditState } from "./types";

const MAPS = ["updates", "creates", "statuses"] as const;

/**
 * Another tab wrote the pending edits while this one had changes not yet written: their state,
 * plus the rows this tab changed since both last agreed (`base`). States are immutable, so a row
 * whose entry is the same object as in `base` was not touched here and takes theirs; a row changed
 * or removed here keeps this tab's version.
 */
export function rebaseEdits(base: EditState, mine: EditState, theirs: EditState): EditState {
  const out: EditState = {
    ...theirs,
    submissionId: mine.submissionId !== base.submissionId ? mine.submissionId : theirs.submissionId,
  };
  for (const field of MAPS) {
    const b = base[field] as Record<string, unknown>;
    const m = mine[field] as Record<string, unknown>;
    const merged: Record<string, unknown> = { ...theirs[field] };
    for (const key of new Set([...Object.keys(b), ...Object.keys(m)])) {
      if (m[key] === b[key]) continue;
      if (key in m) merged[key] = m[key];
      else delete merged[key];
    }
    (out as unknown as Record<string, unknown>)[field] = merged;
  }
  return out;
}
