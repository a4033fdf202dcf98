import type { Portal } from "../core/state";

/*
 * The CRM object types the sandbox knows, and how a path's `{objectType}` resolves to one.
 * HubSpot accepts a type's name (contacts), its id (0-1) or, for custom objects, the fully
 * qualified name (p{portalId}_projects) or the short `p_projects` form.
 */

export interface CrmObjectType {
  /** The key used in data slots and records providers (`/__sandbox/records/{key}`). */
  key: string;
  objectTypeId: string;
  /** Name in API paths and error messages (CONTACT, COMPANY...). */
  singular: string;
  readScopes: string[];
  writeScopes: string[];
  /** Returned when the caller asks for no properties. */
  defaultProperties: string[];
  /** Names of the system timestamps; contacts use `lastmodifieddate`, the rest `hs_lastmodifieddate`. */
  createdProp: string;
  modifiedProp: string;
  /** Properties the search `query` matches. */
  searchable: string[];
  /** First id handed out; ranges differ per type so a test notices an id used with the wrong type. */
  idBase: number;
  custom?: { name: string; fqn: (portal: Portal) => string };
}

const scopes = (name: string) => ({
  readScopes: [`crm.objects.${name}.read`, `crm.objects.${name}.write`],
  writeScopes: [`crm.objects.${name}.write`],
});

export const CRM_TYPES: CrmObjectType[] = [
  {
    key: "contacts",
    objectTypeId: "0-1",
    singular: "CONTACT",
    ...scopes("contacts"),
    defaultProperties: ["createdate", "email", "firstname", "hs_object_id", "lastmodifieddate", "lastname"],
    createdProp: "createdate",
    modifiedProp: "lastmodifieddate",
    searchable: ["firstname", "lastname", "email", "phone", "company"],
    idBase: 10_000_001,
  },
  {
    key: "companies",
    objectTypeId: "0-2",
    singular: "COMPANY",
    ...scopes("companies"),
    defaultProperties: ["createdate", "domain", "hs_lastmodifieddate", "hs_object_id", "name"],
    createdProp: "createdate",
    modifiedProp: "hs_lastmodifieddate",
    searchable: ["name", "domain", "city"],
    idBase: 20_000_001,
  },
  {
    key: "deals",
    objectTypeId: "0-3",
    singular: "DEAL",
    ...scopes("deals"),
    defaultProperties: [
      "amount",
      "closedate",
      "createdate",
      "dealname",
      "dealstage",
      "hs_lastmodifieddate",
      "hs_object_id",
      "pipeline",
    ],
    createdProp: "createdate",
    modifiedProp: "hs_lastmodifieddate",
    searchable: ["dealname"],
    idBase: 30_000_001,
  },
  {
    // HubSpot has one scope, `tickets`, for reading and writing tickets.
    key: "tickets",
    objectTypeId: "0-5",
    singular: "TICKET",
    readScopes: ["tickets"],
    writeScopes: ["tickets"],
    defaultProperties: [
      "content",
      "createdate",
      "hs_lastmodifieddate",
      "hs_object_id",
      "hs_pipeline",
      "hs_pipeline_stage",
      "hs_ticket_priority",
      "subject",
    ],
    createdProp: "createdate",
    modifiedProp: "hs_lastmodifieddate",
    searchable: ["subject", "content"],
    idBase: 40_000_001,
  },
  {
    key: "p_projects",
    objectTypeId: "2-90000001",
    singular: "P_PROJECTS",
    ...scopes("custom"),
    defaultProperties: ["hs_createdate", "hs_lastmodifieddate", "hs_object_id"],
    createdProp: "hs_createdate",
    modifiedProp: "hs_lastmodifieddate",
    searchable: ["project_name"],
    idBase: 50_000_001,
    custom: { name: "projects", fqn: (portal) => `p${portal.id}_projects` },
  },
];

/** Resolve `{objectType}` from a path: name, id, `p_name` or `p{portalId}_name`, case-insensitively. */
export function resolveCrmType(raw: string | undefined, portal: Portal | undefined): CrmObjectType | undefined {
  if (!raw) return undefined;
  const s = raw.toLowerCase();
  return CRM_TYPES.find((t) => {
    if (t.key === s || t.objectTypeId === s) return true;
    if (!t.custom) return false;
    if (portal && s === t.custom.fqn(portal).toLowerCase()) return true;
    // The bare name ("projects") is not accepted: HubSpot reserves it for its own projects object.
    return false;
  });
}

/** HubSpot's answer for an `{objectType}` it cannot resolve. */
export const unknownTypeMessage = (raw: string) => `Unable to infer object type from: ${raw}`;
