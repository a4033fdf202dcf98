import "server-only";
import type { HubSpotHttpClient } from "./http-client";
import { CrmPropertyListSchema, type CrmPropertyDefinition } from "./schemas/crm";

/**
 * A CRM object type's property definitions, as the grid needs them to build its columns and to
 * validate cells: label, type and control, the options of a select, whether HubSpot lets the value
 * be written (read-only and calculated properties are locked), and whether it is unique (a record
 * can be addressed by it, e.g. a contact's email).
 */
export interface CrmColumnDefinition {
  name: string;
  label: string;
  /** string, number, date, datetime, enumeration, bool, phone_number… */
  type: string;
  /** The UI control: text, textarea, select, radio, checkbox, booleancheckbox, date, number… */
  fieldType: string;
  groupName: string;
  description: string;
  /** Visible options only, in display order; `value` is what the API takes, `label` what people see. */
  options: { label: string; value: string }[];
  /** HubSpot sets the value (system fields, calculated properties): never sent in a write. */
  readOnly: boolean;
  calculated: boolean;
  hasUniqueValue: boolean;
  hidden: boolean;
  /** Kept for cell validation details (textDisplayHint "email", numberDisplayHint "currency"…). */
  definition: CrmPropertyDefinition;
}

const crmPropertiesPath = (objectType: string) => `/crm/properties/2026-03/${encodeURIComponent(objectType)}`;

function toColumnDefinition(d: CrmPropertyDefinition): CrmColumnDefinition {
  const calculated = d.calculated ?? false;
  return {
    name: d.name,
    label: d.label,
    type: d.type,
    fieldType: d.fieldType,
    groupName: d.groupName,
    description: d.description,
    options: d.options
      .filter((o) => !o.hidden)
      .sort((a, b) => (a.displayOrder ?? 0) - (b.displayOrder ?? 0))
      .map((o) => ({ label: o.label, value: o.value })),
    readOnly: calculated || (d.modificationMetadata?.readOnlyValue ?? false),
    calculated,
    hasUniqueValue: d.hasUniqueValue ?? false,
    hidden: d.hidden ?? false,
    definition: d,
  };
}

/** Every (non-archived) property of an object type: GET /crm/properties/2026-03/{objectType}. */
export async function listCrmProperties(
  client: Pick<HubSpotHttpClient, "request">,
  objectType: string,
  signal?: AbortSignal,
): Promise<CrmColumnDefinition[]> {
  const res = await client.request(crmPropertiesPath(objectType), { schema: CrmPropertyListSchema, signal });
  return res.results.map(toColumnDefinition);
}
