import "server-only";
import type { BatchAdapter } from "../batch/adapter";
import type { PropertyType, ResourceProperty } from "../resources/descriptor";
import type { ResourceRef } from "../resources/ref";
import { campaignBatchAdapter } from "./campaign-batch-adapter";
import { clientForConnection } from "./client-for-connection";
import { crmBatchAdapter } from "./crm-batch-adapter";
import { listCrmProperties, type CrmColumnDefinition } from "./crm-properties";
import { EVENT_FIELDS, EVENT_READ_ONLY_LABELS, eventFieldLabel } from "./marketing-event-fields";
import { marketingEventBatchAdapter } from "./marketing-event-batch-adapter";
import { CAMPAIGN_PROPERTIES, CAMPAIGN_PROPERTY_BY_NAME, type CampaignPropertyType } from "./schemas/campaign-properties";

type Connection = { id: string; apiBase: string };

/** HubSpot's side of one resource: how it takes writes, and its properties in Batchboard's terms. */
interface HubSpotResource<R extends ResourceRef> {
  adapter(ref: R): BatchAdapter;
  /** Every property with its label (read from HubSpot for CRM types, which may fail: callers decide). */
  properties(ref: R, connection: Connection): Promise<ResourceProperty[]>;
  /** A property's label where known without reading HubSpot (campaigns, events); else its name. */
  knownLabel(ref: R): (property: string) => string;
}

type Registry = { [T in ResourceRef["type"]]: HubSpotResource<Extract<ResourceRef, { type: T }>> };

const CAMPAIGN_TYPES: Record<CampaignPropertyType, PropertyType> = {
  string: "text", text: "longText", date: "date", enumeration: "enum", currency: "currency", number: "number", multi: "multi",
};

function crmType(c: CrmColumnDefinition): PropertyType {
  if (c.type === "number") return "number";
  if (c.type === "date") return "date";
  if (c.type === "datetime") return "datetime";
  if (c.type === "bool" || c.fieldType === "booleancheckbox") return "bool";
  if (c.type === "enumeration") return c.fieldType === "checkbox" ? "multi" : "enum";
  return c.fieldType === "textarea" ? "longText" : "text";
}

/**
 * Registered against the resource registry's types (lib/resources/registry.ts): the only place
 * that maps "what the user edits" to "how HubSpot takes it". Submissions, uploads, retries and
 * reverts get their adapter here; history pages and uploads their property labels and types.
 */
const HUBSPOT_RESOURCES: Registry = {
  campaigns: {
    adapter: () => campaignBatchAdapter,
    knownLabel: () => (p) => CAMPAIGN_PROPERTY_BY_NAME.get(p)?.label ?? p,
    properties: async () => CAMPAIGN_PROPERTIES.map((p) => ({
      key: p.name, label: p.label, type: CAMPAIGN_TYPES[p.type], options: p.options, readOnly: p.readOnly, requiredOnCreate: p.requiredOnCreate, notMappable: p.deprecated,
    })),
  },
  "marketing-events": {
    adapter: (ref) => marketingEventBatchAdapter({ apiVersion: ref.apiVersion }),
    knownLabel: () => eventFieldLabel,
    properties: async () => [
      ...EVENT_FIELDS.map((f): ResourceProperty => ({
        key: f.name, label: f.label, type: f.kind === "datetime" ? "datetime" : f.kind === "bool" ? "bool" : f.name === "eventDescription" ? "longText" : "text",
      })),
      // Set by HubSpot: labelled in history, never mapped from a file.
      ...Object.entries(EVENT_READ_ONLY_LABELS).map(([key, label]): ResourceProperty => ({ key, label, type: "text", readOnly: true, notMappable: true })),
    ],
  },
  crm: {
    knownLabel: () => (p) => p,
    adapter: (ref) => crmBatchAdapter({ objectType: ref.objectType, idProperty: ref.idProperty, uniqueProperty: ref.uniqueProperty }),
    // Hidden properties left out, as HubSpot's own UI does; the record id is mapped as the id column instead.
    properties: async (ref, connection) => (await listCrmProperties(clientForConnection(connection), ref.objectType)).filter((c) => !c.hidden).map((c) => ({
      key: c.name, label: c.label, type: crmType(c), options: c.options.map((o) => ({ label: o.label, value: o.value })), readOnly: c.readOnly, notMappable: c.name === "hs_object_id",
    })),
  },
};

const hubspotResource = (ref: ResourceRef) => HUBSPOT_RESOURCES[ref.type] as HubSpotResource<ResourceRef>;

/** The batch adapter for a resource ref. */
export const adapterFor = (ref: ResourceRef): BatchAdapter => hubspotResource(ref).adapter(ref);

/** A resource's properties in Batchboard's terms (labels, column types, options). */
export const resourceProperties = (ref: ResourceRef, connection: Connection): Promise<ResourceProperty[]> => hubspotResource(ref).properties(ref, connection);

/** A property's label without reading HubSpot: campaigns' and events' are known; a CRM type's name is given as is. */
export const knownPropertyLabel = (ref: ResourceRef): ((property: string) => string) => hubspotResource(ref).knownLabel(ref);
