import { describeCampaigns } from "./campaigns";
import { describeCrm } from "./crm";
import type { ResourceDescriptor } from "./descriptor";
import { describeMarketingEvents } from "./marketing-events";
import { ResourceRefSchema, type ResourceRef } from "./ref";

export type { ResourceDescriptor, ResourceProperty, PropertyType } from "./descriptor";

type Describers = { [T in ResourceRef["type"]]: (ref: Extract<ResourceRef, { type: T }>) => ResourceDescriptor };

/**
 * Every resource Batchboard edits, by ref type: the one place that knows them all (ARCHITECTURE.md,
 * "Adding a resource"). HubSpot's side of each (adapter, property definitions) is registered under
 * the same types in lib/hubspot/resources.ts.
 */
const DESCRIBERS: Describers = {
  campaigns: describeCampaigns,
  "marketing-events": describeMarketingEvents,
  crm: describeCrm,
};

export function describe(ref: ResourceRef): ResourceDescriptor {
  return (DESCRIBERS[ref.type] as (r: ResourceRef) => ResourceDescriptor)(ref);
}

/** A short stable name for lists and filters: campaigns, marketing-events, crm:contacts. */
export const resourceName = (ref: ResourceRef) => describe(ref).name;

/** How people read the resource: "Campaigns", "Marketing events (v3 API)", "Contacts", "Projects (p_projects)". */
export const resourceTitle = (ref: ResourceRef) => describe(ref).title;

/** The grid page of a resource: where failed or invalid rows are taken back to be fixed. */
export const gridPathFor = (ref: ResourceRef) => describe(ref).gridPath;

/** The refs that need no settings but an API version: offered as they are wherever a resource is picked (uploads). */
export const FIXED_REFS: readonly ResourceRef[] = [
  { type: "campaigns" },
  { type: "marketing-events", apiVersion: "2026-03" },
  { type: "marketing-events", apiVersion: "v3" },
];

/** Browser storage names kept from before the generic ones, by resource name (campaigns). */
export const LEGACY_STORAGE: Readonly<Record<string, NonNullable<ResourceDescriptor["legacyStorage"]>>> =
  Object.fromEntries(
    FIXED_REFS.flatMap((ref) => {
      const { name, legacyStorage } = describe(ref);
      return legacyStorage ? [[name, legacyStorage]] : [];
    }),
  );

/** Submissions stored before refs existed were all campaigns, stored under this resource name. */
const REFS_BEFORE_REFS: Readonly<Record<string, ResourceRef>> = { campaigns: { type: "campaigns" } };

/**
 * The ref of a submission stored before refs existed (only campaigns then), or of one stored with a
 * ref: old rows keep working after the upgrade.
 */
export function parseStoredRef(resource: string, stored: unknown): ResourceRef {
  const parsed = ResourceRefSchema.safeParse(stored);
  if (parsed.success) return parsed.data;
  const legacy = REFS_BEFORE_REFS[resource];
  if (legacy) return legacy;
  throw new Error(`submission has no usable resource ref (${resource})`);
}

/**
 * The unique property of resources whose refs do not carry one, by resource name (campaigns:
 * hs_name), for queries that read it from the stored ref (lib/failed-items/store.ts).
 */
export const IMPLICIT_UNIQUE_KEYS: Readonly<Record<string, string>> = Object.fromEntries(
  FIXED_REFS.flatMap((ref) => {
    const { name, uniqueKey } = describe(ref);
    return uniqueKey ? [[name, uniqueKey]] : [];
  }),
);
