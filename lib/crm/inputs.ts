import "server-only";
import { z } from "zod";
import { TimeZoneSchema } from "../properties/read-options";
import { ViewQuerySchema } from "../records/filters";
import { CrmObjectTypeSchema } from "../resources/ref";
import { offeredCrmObjectType } from "./offered-types";

/**
 * Inputs of the CRM server actions. The object type must be one the picker offers, not merely a
 * well-formed one: the actions only reach types this dashboard was set up for.
 */
const OfferedObjectTypeSchema = CrmObjectTypeSchema.refine(
  (t) => offeredCrmObjectType(t) !== undefined,
  "This object type is not offered here",
);

/** HubSpot's internal property names (contacts' `email`, a custom `project_name`). */
const PropertyNameSchema = z.string().regex(/^[a-z0-9_]{1,100}$/i, "Not a property name");

/** HubSpot's own cap is far above what a URL holds; 300 keeps the list request's query sane. */
export const MAX_CRM_PAGE_PROPERTIES = 300;

/** Far above any portal (HubSpot's largest hold tens of millions), low enough to keep arithmetic exact. */
const MAX_POSITION = 100_000_000;
/** The client sends the anchors nearest the window it asks for; more would only cost bytes. */
export const MAX_WINDOW_ANCHORS = 20;

/** One window of a CRM view (lib/crm/view-window.ts): the rows from `start` on. */
export const CrmWindowInputSchema = z.object({
  objectType: OfferedObjectTypeSchema,
  properties: z.array(PropertyNameSchema).max(MAX_CRM_PAGE_PROPERTIES),
  query: ViewQuerySchema,
  timeZone: TimeZoneSchema,
  start: z.number().int().min(0).max(MAX_POSITION),
  /** The view's total as the client last saw it: lets a window near the end be read backwards. */
  totalHint: z.number().int().min(0).max(MAX_POSITION).optional(),
  anchors: z
    .array(z.object({ position: z.number().int().min(0).max(MAX_POSITION), id: z.string().regex(/^[1-9]\d{0,17}$/) }))
    .max(MAX_WINDOW_ANCHORS)
    .default([]),
});
export type CrmWindowInput = z.infer<typeof CrmWindowInputSchema>;

export const CrmColumnsInputSchema = z.object({ objectType: OfferedObjectTypeSchema });
