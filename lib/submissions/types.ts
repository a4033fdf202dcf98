import { z } from "zod";
import type { RowOutcome, RowStatus } from "../batch/types";
import { ResourceRefSchema } from "../resources/ref";
import type { StoredRowStatus, SubmissionSource, SubmissionState } from "../db/values";

/**
 * What the grid sends when the user submits: only changed properties per row. The same schema
 * validates the server action's input (and later job payloads).
 */
const RowBaselineSchema = z.object({
  updatedAt: z.string(),
  values: z.record(z.string(), z.string().nullable()),
  /** See RowBaseline.asOf: every change the baseline's values miss is stamped after it (usually the load time). */
  asOf: z.iso.datetime({ offset: true }).optional(),
});

const RowOperationSchema = z.discriminatedUnion("kind", [
  z.object({
    rowKey: z.string().min(1).max(100),
    kind: z.literal("update"),
    label: z.string().max(300).optional(),
    id: z.string().min(1).max(100),
    properties: z.record(z.string(), z.string()),
    baseline: RowBaselineSchema.optional(),
    /** The user chose "apply mine" on a conflict: write even though HubSpot changed it since. */
    force: z.boolean().optional(),
  }),
  z.object({
    rowKey: z.string().min(1).max(100),
    kind: z.literal("create"),
    label: z.string().max(300).optional(),
    properties: z.record(z.string(), z.string()),
  }),
]);

/** A row the grid sends: an update or a create (archives only come from reverts, on the server). */
export type EditOperation = z.infer<typeof RowOperationSchema>;

export const SubmitEditsInputSchema = z.object({
  resource: ResourceRefSchema,
  operations: z.array(RowOperationSchema).min(1).max(20_000),
});
export type SubmitEditsInput = z.infer<typeof SubmitEditsInputSchema>;

export type { StoredRowStatus, SubmissionSource, SubmissionState } from "../db/values";

// The stored statuses (lib/db/values.ts) must hold every status the engine gives a row.
const _engineStatusesStored: readonly StoredRowStatus[] = [] as readonly RowStatus[];
void _engineStatusesStored;

/** A submission as the grid and the history page see it (small and serialisable). */
export interface SubmissionView {
  id: string;
  resource: string;
  /** How people read the resource ("Contacts", "Marketing events (v3 API)"). */
  resourceTitle: string;
  state: SubmissionState;
  pausedReason: string | null;
  /** Running, but its worker stopped beating (lease.ts): shown as "Stalled" until another process takes it over. */
  stalled: boolean;
  source: SubmissionSource;
  createdAt: string;
  finishedAt: string | null;
  counts: Record<StoredRowStatus, number>;
  /** Outcomes of finished rows (after the requested cursor); rows not in here are still pending or saving. */
  outcomes: RowOutcome[];
  /** Pass back as `after` to receive only outcomes that finished since this answer. */
  cursor: number;
}
