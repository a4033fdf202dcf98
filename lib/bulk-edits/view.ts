import "server-only";
import { eq } from "drizzle-orm";
import type { Actor } from "../auth/actor";
import { db, tables } from "../db";
import { viewQueryToParams } from "../records/filters";
import { describe } from "../resources/registry";
import { describeEdit } from "./edit";
import { ownBulkEdit } from "./service";
import type { BulkEditRow } from "./store";
import type { BulkEditCounts, SampleLine } from "./types";

/** A bulk edit as its page shows it: small and serialisable. */
export interface BulkEditView {
  id: string;
  state: BulkEditRow["state"];
  message: string | null;
  /** "Set Lifecycle stage to “lead”". */
  description: string;
  /** "contacts". */
  nounPlural: string;
  gridPath: string;
  counts: BulkEditCounts;
  sample: SampleLine[];
  readStartedAt: string | null;
  submissionId: string | null;
  /** While preparing the run: changes copied into its submission so far (of `counts.change`). */
  prepared: number;
}

export function toView(row: BulkEditRow, prepared = 0): BulkEditView {
  const { request } = row;
  const d = describe({ type: "crm", objectType: request.target.objectType });
  return {
    id: row.id,
    state: row.state,
    message: row.message,
    description: describeEdit(request.edit, row.propertyLabel ?? request.edit.property),
    nounPlural: d.nounPlural,
    // Back to the view it was made from (its filters and search).
    gridPath: `${d.gridPath}${viewQueryToParams(request.query).size ? `?${viewQueryToParams(request.query)}` : ""}`,
    counts: {
      read: row.read,
      total: row.total ?? 0,
      change: row.willChange,
      same: row.alreadySet,
      refused: row.cannotChange,
    },
    sample: row.sample ?? [],
    readStartedAt: row.readStartedAt?.toISOString() ?? null,
    submissionId: row.submissionId,
    prepared,
  };
}

export async function bulkEditView(actor: Actor, id: string): Promise<BulkEditView> {
  const row = await ownBulkEdit(actor, id);
  if (row.state !== "preparing" || !row.submissionId) return toView(row);
  // The run's draft counts the rows copied so far (run-job.ts).
  const [draft] = await (
    await db()
  )
    .select({ copied: tables.submissions.totalRows })
    .from(tables.submissions)
    .where(eq(tables.submissions.id, row.submissionId));
  return toView(row, draft?.copied ?? 0);
}
