import { z } from "zod";

/**
 * Which HubSpot resource a submission (or, later, an upload or a revert) writes to, with the
 * settings its adapter needs. Stored with every submission, so a resumed or retried run talks to
 * the same API version and addresses records the same way as the original.
 */
export const MarketingEventApiVersionSchema = z.enum(["2026-03", "v3"]);
export type MarketingEventApiVersion = z.infer<typeof MarketingEventApiVersionSchema>;

/** contacts, 0-1, p_projects, p123_projects, 2-123…: what HubSpot takes as `{objectType}` in a path. */
export const CrmObjectTypeSchema = z.string().regex(/^(?:[a-z][a-z0-9_]{0,99}|\d-\d{1,12})$/i, "Not an object type HubSpot knows how to address");
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

/** A short stable name for lists and filters: campaigns, marketing-events, crm:contacts. */
export function resourceName(ref: ResourceRef): string {
  if (ref.type === "crm") return `crm:${ref.objectType.toLowerCase()}`;
  return ref.type;
}

const CRM_TITLES: Record<string, string> = { contacts: "Contacts", companies: "Companies", deals: "Deals", tickets: "Tickets" };

/** How people read the resource: "Campaigns", "Marketing events (v3 API)", "Contacts", "Projects (p_projects)". */
export function resourceTitle(ref: ResourceRef): string {
  if (ref.type === "campaigns") return "Campaigns";
  if (ref.type === "marketing-events") return ref.apiVersion === "v3" ? "Marketing events (v3 API)" : "Marketing events";
  return CRM_TITLES[ref.objectType.toLowerCase()] ?? crmCustomTitle(ref.objectType);
}

/** p_projects → "Projects"; anything else as given. */
export function crmCustomTitle(objectType: string): string {
  const m = /^p\d*_(.+)$/i.exec(objectType);
  if (!m) return objectType;
  const words = m[1]!.replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * The ref of a submission stored before refs existed (only campaigns then), or of one stored with a
 * ref: old rows keep working after the upgrade.
 */
export function parseStoredRef(resource: string, stored: unknown): ResourceRef {
  const parsed = ResourceRefSchema.safeParse(stored);
  if (parsed.success) return parsed.data;
  if (resource === "campaigns") return { type: "campaigns" };
  throw new Error(`submission has no usable resource ref (${resource})`);
}

/** The grid page of a resource: where failed or invalid rows are taken back to be fixed. */
export function gridPathFor(ref: ResourceRef): string {
  if (ref.type === "campaigns") return "/campaigns";
  if (ref.type === "marketing-events") return "/marketing-events";
  return `/crm/${encodeURIComponent(ref.objectType)}`;
}
