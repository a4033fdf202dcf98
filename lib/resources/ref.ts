import { z } from "zod";

/**
 * Which HubSpot resource a submission (or, later, an upload or a revert) writes to, with the
 * settings its adapter needs. Stored with every submission, so a resumed or retried run talks to
 * the same API version and addresses records the same way as the original.
 */
export const MarketingEventApiVersionSchema = z.enum(["2026-03", "v3"]);
export type MarketingEventApiVersion = z.infer<typeof MarketingEventApiVersionSchema>;

/** contacts, 0-1, p_projects, p123_projects, 2-123…: what HubSpot takes as `{objectType}` in a path. */
export const CrmObjectTypeSchema = z
  .string()
  .regex(/^(?:[a-z][a-z0-9_]{0,99}|\d-\d{1,12})$/i, "Not an object type HubSpot knows how to address");
const PropertyNameSchema = z.string().regex(/^[a-z0-9_]{1,100}$/i);

export const ResourceRefSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("campaigns") }),
  z.object({ type: z.literal("marketing-events"), apiVersion: MarketingEventApiVersionSchema }),
  z.object({
    type: z.literal("crm"),
    objectType: CrmObjectTypeSchema,
    /** Rows' `id` holds this unique property's value instead of the record id (e.g. email). */
    idProperty: PropertyNameSchema.optional(),
    /** The unique property that identifies a created record, so a lost create answer is looked up, not resent. */
    uniqueProperty: PropertyNameSchema.optional(),
  }),
]);
export type ResourceRef = z.infer<typeof ResourceRefSchema>;
