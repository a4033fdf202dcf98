/**
 * HubSpot's property types → the one PropertyType the grid and the uploads share. Before this
 * file there were three mappings (upload targets, the CRM grid, the campaign grid) plus the event
 * grid's, and they disagreed about booleans: now a yes/no property is "bool" everywhere, with its
 * own option labels (HubSpot's booleancheckbox ones) or Yes/No.
 */
import type { EventField } from "@/lib/hubspot/marketing-event-fields";
import type { CampaignPropertyDefinition, CampaignPropertyType } from "@/lib/hubspot/schemas/campaign-properties";
import type { PropertyOption, PropertyType } from "./types";

export const YES_NO: readonly PropertyOption[] = [
  { value: "true", label: "Yes" },
  { value: "false", label: "No" },
];

const CAMPAIGN_TYPES: Record<CampaignPropertyType, PropertyType> = {
  string: "text",
  text: "longText",
  date: "date",
  enumeration: "enum",
  currency: "currency",
  number: "number",
  multi: "multi",
};

export const campaignPropertyType = (type: CampaignPropertyType): PropertyType => CAMPAIGN_TYPES[type];

/** A campaign property's type and its own length limit (hs_name: 256). */
export const campaignProperty = (def: CampaignPropertyDefinition) => ({
  type: CAMPAIGN_TYPES[def.type],
  ...(def.maxLength !== undefined ? { maxLength: def.maxLength } : {}),
});

/** What a CRM property definition says: its type, its UI field type and options. */
export interface CrmPropertyShape {
  type: string;
  fieldType: string;
  options: readonly PropertyOption[];
}

/** A CRM property's type and options: checkboxes are multiple choice, booleancheckbox a yes/no. */
export function crmPropertyType(c: CrmPropertyShape): { type: PropertyType; options?: readonly PropertyOption[] } {
  switch (c.type) {
    case "number":
    case "date":
    case "datetime":
      return { type: c.type };
    case "bool":
      return { type: "bool", options: c.options.length ? c.options : YES_NO };
    case "enumeration":
      if (c.fieldType === "booleancheckbox") return { type: "bool", options: c.options.length ? c.options : YES_NO };
      return { type: c.fieldType === "checkbox" ? "multi" : "enum", options: c.options };
    default:
      if (c.fieldType === "booleancheckbox") return { type: "bool", options: c.options.length ? c.options : YES_NO };
      return { type: c.fieldType === "textarea" ? "longText" : "text" };
  }
}

/** A marketing event's standard field: a URL is text with its own rule (eventFieldProblem). */
export function eventFieldType(f: EventField): {
  type: PropertyType;
  options?: readonly PropertyOption[];
  url?: boolean;
} {
  if (f.kind === "bool") return { type: "bool", options: YES_NO };
  if (f.kind === "url") return { type: "text", url: true };
  if (f.kind === "datetime") return { type: "datetime" };
  return { type: f.name === "eventDescription" ? "longText" : "text" };
}
