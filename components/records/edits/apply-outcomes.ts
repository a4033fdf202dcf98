import type { RowOperation, RowOutcome, SavedRecord } from "@/lib/batch/types";
import type { EditState, RowStatusInfo } from "./types";

/** Marks the rows of a new submission as pending and remembers what was sent for each. */
export function startSubmission(state: EditState, submissionId: string, ops: readonly RowOperation[]): EditState {
  const statuses = { ...state.statuses };
  for (const op of ops) statuses[op.rowKey] = { status: "pending", submissionId, submitted: { ...op.properties } };
  return { ...state, statuses, submissionId };
}

/**
 * Folds a poll's outcomes into the edit state. Idempotent (polls repeat outcomes): a saved row
 * only drops edits still equal to what was sent, so a cell re-edited during the save stays
 * pending, rebased on HubSpot's new values. Failed and conflicting rows keep their edits.
 */
export function applyOutcomes(
  state: EditState,
  submissionId: string,
  outcomes: readonly RowOutcome[],
  nameKey: string,
): { state: EditState; saved: SavedRecord[]; created: SavedRecord[] } {
  const saved: SavedRecord[] = [];
  const created: SavedRecord[] = [];
  let { updates, creates } = state;
  const statuses = { ...state.statuses };
  let changed = false;
  for (const o of outcomes) {
    const prev: RowStatusInfo | undefined = statuses[o.rowKey];
    if (prev && prev.submissionId !== submissionId) continue; // a newer submission owns this row
    if (prev && prev.status === o.status && o.status !== "saved") continue;
    if (prev?.status === "saved") continue;
    changed = true;
    if (o.status === "failed") {
      statuses[o.rowKey] = { ...prev, submissionId, status: "failed", error: o.error };
      continue;
    }
    if (o.status === "conflict") {
      statuses[o.rowKey] = { ...prev, submissionId, status: "conflict", current: o.current };
      continue;
    }
    saved.push(o.record);
    statuses[o.rowKey] = { submissionId, status: "saved" };
    const sent = prev?.submitted ?? {};
    const create = creates[o.rowKey];
    if (create) {
      created.push(o.record);
      creates = { ...creates };
      delete creates[o.rowKey];
      statuses[o.record.id] = { submissionId, status: "saved" };
      // Values typed into the new row while it was being saved become edits of the new record.
      const later = Object.entries(create.values).filter(([k, v]) => v !== (sent[k] ?? ""));
      if (later.length) {
        updates = {
          ...updates,
          [o.record.id]: {
            id: o.record.id,
            label: o.record.properties[nameKey] ?? "",
            baseline: {
              updatedAt: o.record.updatedAt,
              asOf: o.record.updatedAt,
              values: Object.fromEntries(later.map(([k]) => [k, o.record.properties[k] ?? null])),
            },
            edits: Object.fromEntries(later),
          },
        };
      }
      continue;
    }
    const entry = updates[o.rowKey];
    if (!entry) continue;
    const edits = Object.fromEntries(Object.entries(entry.edits).filter(([k, v]) => sent[k] !== v));
    updates = { ...updates };
    if (Object.keys(edits).length === 0) delete updates[o.rowKey];
    else
      updates[o.rowKey] = {
        ...entry,
        edits,
        // HubSpot's answer to our write is the record at o.record.updatedAt: any later change is stamped
        // after it, so it is a valid asOf for the new baseline.
        baseline: {
          updatedAt: o.record.updatedAt,
          asOf: o.record.updatedAt,
          values: Object.fromEntries(Object.keys(edits).map((k) => [k, o.record.properties[k] ?? null])),
        },
      };
  }
  // Polls repeat outcomes: an unchanged state keeps its identity (no re-render, no write).
  return { state: changed ? { ...state, updates, creates, statuses } : state, saved, created };
}

/** "Keep theirs": drop my edits of the row; HubSpot's values become what the grid shows. */
export function keepTheirs(state: EditState, rowKey: string): EditState {
  const updates = { ...state.updates };
  const statuses = { ...state.statuses };
  delete updates[rowKey];
  delete statuses[rowKey];
  return { ...state, updates, statuses };
}
