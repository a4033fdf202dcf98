import "server-only";
import type { BatchAdapter } from "../batch/adapter";
import { campaignProperty, crmPropertyType, eventFieldType } from "../properties/column-type";
import type { ResourceProperty } from "../resources/descriptor";
import type { ResourceRef } from "../resources/ref";
import { campaignBatchAdapter } from "./campaign-batch-adapter";
import { crmBatchAdapter } from "./crm-batch-adapter";
import type { HubSpotHttpClient } from "./http-client";
import { listCrmProperties } from "./crm-properties";
import { EVENT_FIELDS, EVENT_READ_ONLY_LABELS, eventFieldLabel } from "./marketing-event-fields";
import { marketingEventBatchAdapter } from "./marketing-event-batch-adapter";
import { CAMPAIGN_PROPERTIES, CAMPAIGN_PROPERTY_BY_NAME } from "./schemas/campaign-properties";

/** HubSpot's side of one resource: how it takes writes, and its properties in Batchboard's terms. */
interface HubSpotResource<R extends ResourceRef> {
  adapter(ref: R): BatchAdapter;
  /** Every property with its label (read from HubSpot for CRM types, which may fail: callers decide). */
  properties(ref: R, client: () => HubSpotHttpClient): Promise<ResourceProperty[]>;
  /** A property's label where known without reading HubSpot (campaigns, events); else its name. */
  knownLabel(ref: R): (property: string) => string;
}

type Registry = { [T in ResourceRef["type"]]: HubSpotResource<Extract<ResourceRef, { type: T }>> };

/**
 * Registered against the resource registry's types (lib/resources/registry.ts): the only place
 * that maps "what the user edits" to "how HubSpot takes it". Submissions, uploads, retries and
 * reverts get their adapter here; history pages and uploads their property labels and types.
 */
const HUBSPOT_RESOURCES: Registry = {
  campaigns: {
    adapter: () => campaignBatchAdapter,
    knownLabel: () => (p) => CAMPAIGN_PROPERTY_BY_NAME.get(p)?.label ?? p,
    properties: async () =>
      CAMPAIGN_PROPERTIES.map((p) => ({
        key: p.name,
        label: p.label,
        ...campaignProperty(p),
        options: p.options,
        readOnly: p.readOnly,
        requiredOnCreate: p.requiredOnCreate,
        notMappable: p.deprecated,
      })),
  },
  "marketing-events": {
    adapter: (ref) => marketingEventBatchAdapter({ apiVersion: ref.apiVersion }),
    knownLabel: () => eventFieldLabel,
    properties: async () => [
      ...EVENT_FIELDS.map((f): ResourceProperty => ({
        key: f.name,
        label: f.label,
        ...eventFieldType(f),
      })),
      // Set by HubSpot: labelled in history, never mapped from a file.
      ...Object.entries(EVENT_READ_ONLY_LABELS).map(([key, label]): ResourceProperty => ({
        key,
        label,
        type: "text",
        readOnly: true,
        notMappable: true,
      })),
    ],
  },
  crm: {
    knownLabel: () => (p) => p,
    adapter: (ref) =>
      crmBatchAdapter({ objectType: ref.objectType, idProperty: ref.idProperty, uniqueProperty: ref.uniqueProperty }),
    // Hidden properties left out, as HubSpot's own UI does; the record id is mapped as the id column instead.
    properties: async (ref, client) =>
      (await listCrmProperties(client(), ref.objectType))
        .filter((c) => !c.hidden)
        .map((c) => ({
          key: c.name,
          label: c.label,
          options: c.options.map((o) => ({ label: o.label, value: o.value })),
          ...crmPropertyType(c),
          readOnly: c.readOnly,
          notMappable: c.name === "hs_object_id",
        })),
  },
};

const hubspotResource = (ref: ResourceRef) => HUBSPOT_RESOURCES[ref.type] as HubSpotResource<ResourceRef>;

/** The batch adapter for a resource ref. */
export const adapterFor = (ref: ResourceRef): BatchAdapter => hubspotResource(ref).adapter(ref);

/** A resource's properties in Batchboard's terms (labels, column types, options). */
/** `client` is asked for only when HubSpot must be read (CRM types). */
export const resourceProperties = (ref: ResourceRef, client: () => HubSpotHttpClient): Promise<ResourceProperty[]> =>
  hubspotResource(ref).properties(ref, client);

/** A property's label without reading HubSpot: campaigns' and events' are known; a CRM type's name is given as is. */
export const knownPropertyLabel = (ref: ResourceRef): ((property: string) => string) =>
  hubspotResource(ref).knownLabel(ref);
