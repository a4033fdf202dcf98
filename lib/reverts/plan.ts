import type { z } from "zod";
import { asOfAt } from "../batch/as-of";
import type { RowError, RowOperation, SavedRecord } from "../batch/types";
import type { RowFate } from "../submissions/store";
import type { RevertSummarySchema } from "./types";

/**
 * What a revert does with each row of the submission it undoes, decided from what the submission
 * recorded (the values before, what HubSpot returned after) and what HubSpot holds now. Pure: the
 * reading is done by the caller (plan-job.ts).
 *
 * - An update is restored property by property to its value before. A property HubSpot already holds
 *   at that value is left out; a row with none left is skipped (already restored). The row is a
 *   CONFLICT when, for a property it would restore, HubSpot's value is neither what the submission
 *   left nor the value before: someone changed it since, and restoring would overwrite their change.
 *   (The whole row: a revert never restores half a record.) Its baseline is the record as read now,
 *   so the engine's own check catches a change made between this preview and the run.
 * - A create is undone by archiving the record it created, and only after the user confirms. A
 *   created record changed since (its updatedAt is later than the create's answer) is a conflict.
 * - Rows that changed nothing (failed, conflicts, not sent), records gone since, rows without
 *   recorded values before and archives (HubSpot's API cannot restore an archived record) are skipped
 *   with the reason, so every row's fate is visible.
 */
export interface RevertSourceRow {
  rowKey: string;
  kind: string;
  recordId: string | null;
  label: string | null;
  status: string;
  sent: Record<string, string>;
  baseline: { updatedAt: string; values: Record<string, string | null> } | null;
  after: SavedRecord | null;
}

/** Counts for the preview (schema in types.ts). */
type RevertSummary = z.infer<typeof RevertSummarySchema>;

export interface RevertPlan {
  operations: RowOperation[];
  fates: (RowFate | undefined)[];
  summary: RevertSummary;
}

const norm = (v: string | null | undefined) => v ?? "";

/** Reasons a row is skipped, as users read them. */
const SKIP = {
  ALREADY_RESTORED: "HubSpot already holds the values from before the submission.",
  GONE: "This record no longer exists in HubSpot (deleted or archived since).",
  NO_BEFORE_VALUES: "The values before this change were not recorded, so they can't be restored.",
  ARCHIVED:
    "An archived record can't be restored through HubSpot's API: restore it from HubSpot's recycling bin (within 90 days).",
  CANNOT_ARCHIVE: "Records of this kind can't be archived from Batchboard.",
  NOT_CONFIRMED: "Kept: archiving the records this submission created was not confirmed.",
} as const;
export type SkipCode = keyof typeof SKIP;

export const skipError = (code: SkipCode): RowError => ({ category: "SKIPPED", code, message: SKIP[code] });

const show = (v: string | null | undefined) => (v ? `“${v}”` : "empty");

export function planRevert(
  rows: readonly RevertSourceRow[],
  current: ReadonlyMap<string, SavedRecord>,
  opts: {
    canArchive: boolean;
    label?: (property: string) => string;
    /** HubSpot's time before `current` was read (`readLoadTime`): the baselines' asOf when later than the record's own. */
    loadedAt?: string;
  },
): RevertPlan {
  const label = opts.label ?? ((p: string) => p);
  const plan: RevertPlan = {
    operations: [],
    fates: [],
    summary: { restore: 0, values: 0, archive: 0, conflicts: 0, archiveConflicts: 0, skipped: {}, notApplied: 0 },
  };
  const s = plan.summary;
  const add = (op: RowOperation, fate?: RowFate) => {
    plan.operations.push(op);
    plan.fates.push(fate);
    if (fate?.status === "skipped") s.skipped[fate.error.code!] = (s.skipped[fate.error.code!] ?? 0) + 1;
    if (fate?.status === "conflict") s.conflicts++;
  };
  const skipped = (r: RevertSourceRow, code: SkipCode, kind: "update" | "archive" = "update") =>
    add(
      { rowKey: r.rowKey, kind, id: r.after?.id ?? r.recordId ?? "", properties: {}, label: r.label ?? undefined },
      { status: "skipped", error: skipError(code) },
    );

  for (const r of rows) {
    if (r.status !== "saved") {
      s.notApplied++;
      continue;
    }
    if (r.kind === "archive") {
      skipped(r, "ARCHIVED");
      continue;
    }
    const id = r.after?.id ?? r.recordId ?? "";
    const now = current.get(id);
    if (r.kind === "create") {
      if (!opts.canArchive) skipped(r, "CANNOT_ARCHIVE", "archive");
      else if (!now) skipped(r, "GONE", "archive");
      else {
        const op: RowOperation = {
          rowKey: r.rowKey,
          kind: "archive",
          id,
          properties: {},
          baseline: { updatedAt: now.updatedAt, values: {} },
          label: r.label ?? undefined,
        };
        const changed = r.after && Date.parse(now.updatedAt) > Date.parse(r.after.updatedAt);
        if (changed)
          add(op, {
            status: "conflict",
            current: now,
            error: {
              category: "CONFLICT",
              code: "CHANGED_SINCE",
              message: "Changed in HubSpot after this submission created it.",
            },
          });
        else add(op);
        if (changed) s.archiveConflicts++;
        else s.archive++;
      }
      continue;
    }
    const before = r.baseline?.values;
    const props = Object.keys(r.sent).filter((p) => before && p in before);
    if (!props.length) {
      skipped(r, "NO_BEFORE_VALUES");
      continue;
    }
    if (!now) {
      skipped(r, "GONE");
      continue;
    }
    const restore: Record<string, string> = {};
    const seen: Record<string, string | null> = {};
    const changedSince: string[] = [];
    for (const p of props) {
      const value = norm(before![p]);
      const holds = now.properties[p];
      if (norm(holds) === value) continue;
      restore[p] = value;
      seen[p] = holds ?? null;
      const left = r.after && p in r.after.properties ? r.after.properties[p] : r.sent[p];
      if (norm(holds) !== norm(left))
        changedSince.push(`${label(p)} is now ${show(holds)} (the submission set ${show(left)})`);
    }
    if (!Object.keys(restore).length) {
      skipped(r, "ALREADY_RESTORED");
      continue;
    }
    const op: RowOperation = {
      rowKey: r.rowKey,
      kind: "update",
      id,
      properties: restore,
      label: r.label ?? undefined,
      // The record as read now: a change made between this preview and the run is caught by the engine.
      // asOf = the later of its own updatedAt and the read's load time: any change the read missed
      // is stamped after both (see RowBaseline.asOf).
      baseline: { updatedAt: now.updatedAt, asOf: asOfAt(now.updatedAt, opts.loadedAt), values: seen },
    };
    if (changedSince.length) {
      add(op, {
        status: "conflict",
        current: now,
        error: {
          category: "CONFLICT",
          code: "CHANGED_SINCE",
          message: `Changed in HubSpot since the submission: ${changedSince.join("; ")}.`,
        },
      });
      continue;
    }
    add(op);
    s.restore++;
    s.values += Object.keys(restore).length;
  }
  return plan;
}
