import "server-only";
import type { Actor } from "../auth/actor";
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
}

export function toView(row: BulkEditRow): BulkEditView {
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
  };
}

export async function bulkEditView(actor: Actor, id: string): Promise<BulkEditView> {
  return toView(await ownBulkEdit(actor, id));
}
