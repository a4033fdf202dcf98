import { crmCustomTitle, CrmObjectTypeSchema } from "../resources/ref";
import type { CrmColumn } from "./properties";

/**
 * The CRM object types the grid's picker offers, and what the grid needs to know about each.
 * Pure data and functions (no env, no server-only), so client components can import it too; the
 * server decides which types are offered (offered-types.ts) and hands them over as plain objects.
 */
export interface CrmObjectTypeOption {
  /** As HubSpot takes it in a path: contacts, p_projects, 2-123. */
  objectType: string;
  /** "Contacts", "Projects". */
  title: string;
  /** One record, lower case: "contact", "project". */
  noun: string;
  custom: boolean;
  /**
   * The property that names a record for people (review dialog, messages). Custom types: unknown
   * until their columns are read, so undefined here; `withColumns` fills it in.
   */
  nameProperty?: string;
  /** The writable unique property a created record can be found by (a lost create answer is looked up, not resent). */
  uniqueProperty?: string;
  /** Columns a new grid shows; empty for custom types until `withColumns`. */
  defaultColumns: string[];
}

/** Defaults follow the properties HubSpot (and the sandbox, sandbox/routes/crm-property-defs.ts) define. */
export const STANDARD_CRM_OBJECT_TYPES: readonly CrmObjectTypeOption[] = [
  {
    objectType: "contacts", title: "Contacts", noun: "contact", custom: false, nameProperty: "email", uniqueProperty: "email",
    defaultColumns: ["email", "firstname", "lastname", "company", "jobtitle", "phone", "lifecyclestage", "hs_lead_status"],
  },
  {
    objectType: "companies", title: "Companies", noun: "company", custom: false, nameProperty: "name", uniqueProperty: "domain",
    defaultColumns: ["name", "domain", "industry", "numberofemployees", "annualrevenue", "city", "country", "phone"],
  },
  {
    // Deals and tickets have no unique property: a create whose answer is lost fails as UNKNOWN_OUTCOME.
    objectType: "deals", title: "Deals", noun: "deal", custom: false, nameProperty: "dealname",
    defaultColumns: ["dealname", "amount", "dealstage", "pipeline", "closedate", "hs_priority"],
  },
  {
    objectType: "tickets", title: "Tickets", noun: "ticket", custom: false, nameProperty: "subject",
    defaultColumns: ["subject", "content", "hs_pipeline", "hs_pipeline_stage", "hs_ticket_priority"],
  },
];

/** What the sandbox seeds as its one custom object type. */
export const SANDBOX_CUSTOM_OBJECT_TYPES = ["p_projects"];

/** p_projects → "project", p123_cars → "car"; ids such as 2-123 say nothing, so "record". */
export function customNoun(objectType: string): string {
  const title = crmCustomTitle(objectType);
  if (title === objectType) return "record";
  const plural = title.toLowerCase();
  if (/[^aeiou]ies$/.test(plural)) return plural.slice(0, -3) + "y";
  if (/(ss|x|ch|sh)es$/.test(plural)) return plural.slice(0, -2);
  if (/[^s]s$/.test(plural)) return plural.slice(0, -1);
  return plural;
}

export function customCrmObjectType(objectType: string): CrmObjectTypeOption {
  return { objectType, title: crmCustomTitle(objectType), noun: customNoun(objectType), custom: true, defaultColumns: [] };
}

/**
 * The custom types of a CRM_CUSTOM_OBJECT_TYPES setting: unset means the sandbox's own (what it
 * seeds) or none with HubSpot, whose schemas API Batchboard does not read; "" means none. A
 * malformed entry throws: a typo should be seen at once, not become a type that never loads.
 */
export function customObjectTypesFrom(setting: string | undefined, target: "sandbox" | "hubspot"): string[] {
  if (setting === undefined) return target === "sandbox" ? [...SANDBOX_CUSTOM_OBJECT_TYPES] : [];
  const entries = setting.split(/[\s,]+/).filter(Boolean);
  for (const e of entries) {
    if (!CrmObjectTypeSchema.safeParse(e).success) throw new Error(`CRM_CUSTOM_OBJECT_TYPES: "${e}" is not an object type HubSpot can address (p_projects, p123_cars, 2-123…)`);
  }
  return entries;
}

/** Standard types first, then the custom ones; a name given twice (or a standard one) is offered once. */
export function offeredCrmObjectTypes(opts: { customObjectTypes: string | undefined; target: "sandbox" | "hubspot" }): CrmObjectTypeOption[] {
  const out = STANDARD_CRM_OBJECT_TYPES.map((t) => ({ ...t, defaultColumns: [...t.defaultColumns] }));
  for (const t of customObjectTypesFrom(opts.customObjectTypes, opts.target)) {
    if (!out.some((o) => o.objectType.toLowerCase() === t.toLowerCase())) out.push(customCrmObjectType(t));
  }
  return out;
}

/** The offered entry for an object type (HubSpot's names are case-insensitive), or undefined. */
export function findCrmObjectType(offered: readonly CrmObjectTypeOption[], objectType: string): CrmObjectTypeOption | undefined {
  return offered.find((o) => o.objectType.toLowerCase() === objectType.toLowerCase());
}

const CUSTOM_DEFAULT_COLUMNS = 6;

/**
 * An entry completed from its type's columns (crmColumnsFor): custom types get the first writable
 * unique property as name and unique property (else the record id names them), and their first
 * writable properties as default columns; every type's defaults keep only columns the portal has.
 */
export function withColumns(option: CrmObjectTypeOption, columns: readonly Pick<CrmColumn, "name" | "hasUniqueValue" | "readOnly">[]): CrmObjectTypeOption {
  const names = new Set(columns.map((c) => c.name));
  const unique = option.custom ? columns.find((c) => c.hasUniqueValue && !c.readOnly)?.name : option.uniqueProperty;
  const nameProperty = option.nameProperty ?? unique ?? "hs_object_id";
  const defaults = option.custom
    ? [nameProperty, ...columns.filter((c) => !c.readOnly && c.name !== nameProperty).map((c) => c.name)].slice(0, CUSTOM_DEFAULT_COLUMNS)
    : option.defaultColumns.filter((n) => names.has(n));
  return { ...option, nameProperty, ...(unique ? { uniqueProperty: unique } : {}), defaultColumns: defaults };
}
