import type { ResourceDescriptor } from "./descriptor";
import type { ResourceRef } from "./ref";

type Ref = Extract<ResourceRef, { type: "crm" }>;

/**
 * The CRM object types the grid's picker offers, and what the grid needs to know about each.
 * Pure data and functions (no env, no server-only), so client components can import it too; the
 * server decides which types are offered (lib/crm/offered-types.ts) and hands them over as plain objects.
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
    objectType: "contacts",
    title: "Contacts",
    noun: "contact",
    custom: false,
    nameProperty: "email",
    uniqueProperty: "email",
    defaultColumns: [
      "email",
      "firstname",
      "lastname",
      "company",
      "jobtitle",
      "phone",
      "lifecyclestage",
      "hs_lead_status",
    ],
  },
  {
    objectType: "companies",
    title: "Companies",
    noun: "company",
    custom: false,
    nameProperty: "name",
    uniqueProperty: "domain",
    defaultColumns: ["name", "domain", "industry", "numberofemployees", "annualrevenue", "city", "country", "phone"],
  },
  {
    // Deals and tickets have no unique property: a create whose answer is lost fails as UNKNOWN_OUTCOME.
    objectType: "deals",
    title: "Deals",
    noun: "deal",
    custom: false,
    nameProperty: "dealname",
    defaultColumns: ["dealname", "amount", "dealstage", "pipeline", "closedate", "hs_priority"],
  },
  {
    objectType: "tickets",
    title: "Tickets",
    noun: "ticket",
    custom: false,
    nameProperty: "subject",
    defaultColumns: ["subject", "content", "hs_pipeline", "hs_pipeline_stage", "hs_ticket_priority"],
  },
];

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

/** p_projects → "Projects"; anything else as given. */
export function crmCustomTitle(objectType: string): string {
  const m = /^p\d*_(.+)$/i.exec(objectType);
  if (!m) return objectType;
  const words = m[1]!.replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const standardType = (objectType: string) =>
  STANDARD_CRM_OBJECT_TYPES.find((t) => t.objectType === objectType.toLowerCase());

/**
 * A CRM object type, standard or custom. Its name property and unique property depend on the type's
 * columns (crm/object-types.ts `withColumns`), so only the ref's own uniqueProperty is known here.
 * Uploads may address records by any unique property (email), carried in the ref as idProperty.
 */
export const describeCrm = (ref: Ref): ResourceDescriptor => {
  const title = standardType(ref.objectType)?.title ?? crmCustomTitle(ref.objectType);
  return {
    name: `crm:${ref.objectType.toLowerCase()}`,
    key: `crm:${ref.objectType}`,
    pickerLabel: title,
    title,
    noun: standardType(ref.objectType)?.noun ?? customNoun(ref.objectType),
    nounPlural: title.toLowerCase(),
    gridPath: `/crm/${encodeURIComponent(ref.objectType)}`,
    uniqueKey: ref.uniqueProperty,
    canCreate: true,
    updatesByProperty: true,
    addressedByValue: !!ref.idProperty,
    idLabel: "Record ID",
    synonyms: {},
    keyedBy: (property, mode) =>
      mode === "update"
        ? { ...ref, idProperty: property, uniqueProperty: property }
        : { ...ref, uniqueProperty: property },
    revertRef: { type: "crm", objectType: ref.objectType },
    sameResource: (other) => other.type === "crm" && other.objectType.toLowerCase() === ref.objectType.toLowerCase(),
  };
};
