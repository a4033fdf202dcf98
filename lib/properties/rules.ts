/**
 * The value rules beyond a type, written once for the grid (validate-cells.ts) and the uploads
 * (convert.ts): a property's own length limit and web addresses. HubSpot's adapters and the
 * sandbox apply the same limits server-side (campaign-properties.ts, marketing-event-fields.ts).
 */
import { MarketingEventUrlSchema } from "@/lib/hubspot/schemas/marketing-events";
import type { PropertyDef } from "./types";

/** HubSpot's limit for any string property value. */
export const MAX_TEXT_LENGTH = 65_536;

/** Whether a property has rules beyond HubSpot's general length limit. */
export const hasTextRules = (p: PropertyDef) => p.maxLength !== undefined || p.url === true;

const isWebAddress = (value: string) => MarketingEventUrlSchema.safeParse(value).success;

/** Why a text value breaks its property's own rules, or null (URLs worded as the event grid always has). */
export function textRuleProblem(p: PropertyDef, value: string): string | null {
  const max = p.maxLength;
  if (max !== undefined && value.length > max)
    return `${p.label} is ${value.length.toLocaleString("en")} characters long; the most it takes is ${max.toLocaleString("en")}.`;
  if (p.url && !isWebAddress(value))
    return `${p.label} must be a full web address starting with https:// or http://, not “${value}”.`;
  return null;
}
