import "server-only";
import { z } from "zod";
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

export const CrmPageInputSchema = z.object({
  objectType: OfferedObjectTypeSchema,
  properties: z.array(PropertyNameSchema).max(MAX_CRM_PAGE_PROPERTIES),
  after: z.string().max(500).optional(),
});
export type CrmPageInput = z.infer<typeof CrmPageInputSchema>;

export const CrmColumnsInputSchema = z.object({ objectType: OfferedObjectTypeSchema });
