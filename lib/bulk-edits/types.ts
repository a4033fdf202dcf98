import { z } from "zod";
import { ViewQuerySchema } from "../records/filters";
import { CrmObjectTypeSchema } from "../resources/ref";
import { BulkEditSchema } from "./edit";

/**
 * What the user asks for: an edit of every record of a view. The view is the grid's (object type,
 * the URL's query) with the user's time zone, which date-time filters "by day" need. Only CRM
 * objects today; campaigns and marketing events would add a variant of `target` and a reader of
 * their view (their lists are filtered in memory, lib/records/match-filters.ts).
 */
export const BulkEditRequestSchema = z.object({
  target: z.object({ type: z.literal("crm"), objectType: CrmObjectTypeSchema }),
  query: ViewQuerySchema,
  timeZone: z.string().min(1).max(64),
  edit: BulkEditSchema,
});
export type BulkEditRequest = z.infer<typeof BulkEditRequestSchema>;

/** One record of the fixed set: its id, name, the value read at the dry run (the baseline) and the new one. */
export interface PlannedChange {
  id: string;
  label: string | null;
  old: string | null;
  new: string;
  /** The record's updatedAt when read. */
  updatedAt: string;
  /**
   * The baseline's asOf (RowBaseline.asOf): the later of `updatedAt` and its page's load time (before
   * the search, less the search's lag margin). Absent in sets stored before it existed, or while
   * HubSpot's clock was unknown: the run then checks the record with a batch read.
   */
  asOf?: string;
}

/** A line of the dry run's sample: a change, or a record that cannot change and why. */
export interface SampleLine {
  id: string;
  label: string | null;
  old: string | null;
  new: string | null;
  reason?: string;
}

/** The dry run's counts: records read, and of them those that change, already hold the value, cannot change. */
export interface BulkEditCounts {
  read: number;
  total: number;
  change: number;
  same: number;
  refused: number;
}
