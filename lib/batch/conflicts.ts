import type { UpdateOp } from "./adapter";
import { rowErrors } from "./errors";
import type { RowOutcome, SavedRecord } from "./types";

/**
 * The conflict rule. An update that carries a `baseline` (what the user saw) and not `force` is a
 * conflict when, for at least one property it WRITES, HubSpot's current value differs both from the
 * baseline value and from the value being written:
 *
 * - properties the row does not write never conflict: the engine sends only changed properties, so
 *   an edit to another column in HubSpot is kept, not overwritten;
 * - someone having made the very same change is not a conflict (writing it again loses nothing);
 * - a missing value, null and "" are the same thing ("" resets a property in HubSpot);
 * - if the baseline lacks the value of a written property, any change to the record since
 *   `baseline.updatedAt` counts, to stay on the safe side.
 *
 * A conflicting row is not written; its outcome carries HubSpot's current record so the grid can
 * offer "keep theirs" or "apply mine" (a resubmission with `force`).
 */
export function isConflict(op: UpdateOp, current: SavedRecord): boolean {
  const baseline = op.baseline;
  if (!baseline || op.force) return false;
  for (const [name, mine] of Object.entries(op.properties)) {
    const now = norm(current.properties[name]);
    if (!(name in baseline.values)) {
      if (current.updatedAt !== baseline.updatedAt && now !== norm(mine)) return true;
      continue;
    }
    if (now !== norm(baseline.values[name]) && now !== norm(mine)) return true;
  }
  return false;
}

const norm = (v: string | null | undefined) => v ?? "";

export const needsConflictCheck = (op: UpdateOp) => op.baseline !== undefined && !op.force;

/** The properties to read for a conflict check: those the checked rows write. */
export function propertiesToCheck(ops: UpdateOp[]): string[] {
  return [...new Set(ops.filter(needsConflictCheck).flatMap((op) => Object.keys(op.properties)))];
}

/**
 * Splits checked rows by the records read just before writing: conflicts and vanished records get
 * their outcome now; the rest are written.
 */
export function applyConflictCheck(ops: UpdateOp[], current: Map<string, SavedRecord>, noun: string): { write: UpdateOp[]; outcomes: RowOutcome[] } {
  const write: UpdateOp[] = [];
  const outcomes: RowOutcome[] = [];
  for (const op of ops) {
    if (!needsConflictCheck(op)) {
      write.push(op);
      continue;
    }
    const rec = current.get(op.id);
    if (!rec) outcomes.push({ rowKey: op.rowKey, status: "failed", error: rowErrors.notFound(noun, op.id) });
    else if (isConflict(op, rec)) outcomes.push({ rowKey: op.rowKey, status: "conflict", current: rec });
    else write.push(op);
  }
  return { write, outcomes };
}
