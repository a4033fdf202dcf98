import { z } from "zod";

/** How many rows of a group the page lists (and so the most a user can select in it). */
export const SHOWN_ROWS = 100;

/** A group of failed items: one resource, one kind of error (kinds.ts: HubSpot's category|code|property). */
const FailedGroupSchema = z.object({ resource: z.string().max(200), kind: z.string().max(600) });
export type FailedGroupKey = z.infer<typeof FailedGroupSchema>;

/** One failed item, as the client names it: which submission, which row. */
const FailedItemRefSchema = z.object({
  submissionId: z.string().uuid("Not a submission id"),
  rowKey: z.string().min(1).max(500),
});
export type FailedItemRef = z.infer<typeof FailedItemRefSchema>;

/**
 * A group, or some of its items. `items` absent means the whole group; when present it is never
 * empty (an empty selection must not widen to the whole group) and the server still keeps only
 * the items that are open items of this group of the session's portal.
 */
export const FailedSelectionSchema = FailedGroupSchema.extend({
  items: z
    .array(FailedItemRefSchema)
    .min(1, "Select at least one row")
    .max(SHOWN_ROWS, `Select at most ${SHOWN_ROWS} rows`)
    .optional(),
});
export type FailedSelection = z.infer<typeof FailedSelectionSchema>;

/** An item in a URL (the export link): `<submission id>:<row key>`; a uuid has no colon, so the first one splits. */
export const itemParam = (i: FailedItemRef) => `${i.submissionId}:${i.rowKey}`;

export function parseItemParam(s: string): { submissionId: string; rowKey: string } {
  const at = s.indexOf(":");
  return at < 0 ? { submissionId: s, rowKey: "" } : { submissionId: s.slice(0, at), rowKey: s.slice(at + 1) };
}

/** The export link of a group or of the selected items in it. */
export function exportHref(group: FailedGroupKey, format: "csv" | "xlsx", items: readonly FailedItemRef[] = []) {
  const q = new URLSearchParams({ ...group, format });
  for (const i of items) q.append("item", itemParam(i));
  return `/api/failed-items/export?${q}`;
}
