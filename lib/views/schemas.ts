import { z } from "zod";
import { ViewQuerySchema } from "../records/filters";

/** How many views one grid of a portal may have, and how many columns a view may show. */
export const MAX_VIEWS_PER_RESOURCE = 200;
export const MAX_VIEW_COLUMNS = 300;
export const MAX_VIEW_NAME = 100;

/** A grid's resource key (lib/resources/registry.ts `resourceName`): campaigns, marketing-events, crm:contacts. */
export const ViewResourceSchema = z
  .string()
  .regex(/^(?:campaigns|marketing-events|crm:(?:[a-z][a-z0-9_]{0,99}|\d-\d{1,12}))$/, "Not a grid's resource key");

/** Names are compared ignoring case and surrounding spaces, so "Leads" and "leads " are one name. */
export const ViewNameSchema = z
  .string()
  .trim()
  .min(1, "Give the view a name")
  .max(MAX_VIEW_NAME, `A view name has at most ${MAX_VIEW_NAME} characters`);

/** Visible columns: property names (campaigns' hs_name, events' eventName, CRM's firstname). */
export const ViewColumnsSchema = z
  .array(z.string().regex(/^[A-Za-z0-9_.-]{1,100}$/, "Not a property name"))
  .max(MAX_VIEW_COLUMNS, `A view shows at most ${MAX_VIEW_COLUMNS} columns`);

export const ViewIdSchema = z.object({ id: z.string().uuid("Not a view id") });

export const CreateViewSchema = z.object({
  resource: ViewResourceSchema,
  name: ViewNameSchema,
  query: ViewQuerySchema,
  columns: ViewColumnsSchema,
});
export type CreateViewInput = z.infer<typeof CreateViewSchema>;

/** Rename, or save the grid's current query and columns into the view (any of the three). */
export const UpdateViewSchema = ViewIdSchema.extend({
  name: ViewNameSchema.optional(),
  query: ViewQuerySchema.optional(),
  columns: ViewColumnsSchema.optional(),
});
export type UpdateViewInput = z.infer<typeof UpdateViewSchema>;

/** A saved view as the browser gets it. */
export interface SavedView {
  id: string;
  resource: string;
  name: string;
  query: z.infer<typeof ViewQuerySchema>;
  columns: string[];
  createdBy: string | null;
  updatedBy: string | null;
  createdAt: string;
  updatedAt: string;
}
