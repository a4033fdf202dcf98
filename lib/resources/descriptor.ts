import type { ResourceRef } from "./ref";

import type { PropertyDef } from "../properties/types";

export type { PropertyType } from "../properties/types";

/**
 * One property of a resource as Batchboard sees it, whatever HubSpot's own shape for it: built by
 * lib/hubspot/resources.ts from campaign properties, event fields or CRM property definitions
 * (their types through lib/properties/column-type.ts, the one mapping).
 */
export interface ResourceProperty extends PropertyDef {
  /** Labelled in history, never offered as an upload target (deprecated, or the record id itself). */
  notMappable?: boolean;
}

/**
 * What Batchboard knows about one resource (one ref), apart from how HubSpot stores and takes it
 * (lib/hubspot/resources.ts). Pure data: client components read it too. Built by `describe`
 * (registry.ts) from the resource's own file (campaigns.ts, marketing-events.ts, crm.ts).
 */
export interface ResourceDescriptor {
  /** Short stable name for lists, filters, templates and stored edits: campaigns, marketing-events, crm:contacts. */
  name: string;
  /** Unique per resource and API version, for pickers that offer both versions: campaigns, marketing-events:v3, crm:contacts. */
  key: string;
  /** Its entry in such a picker: "Campaigns", "Marketing events (2026-03)", "Contacts". */
  pickerLabel: string;
  /** How people read it: "Campaigns", "Marketing events (v3 API)", "Contacts", "Projects". */
  title: string;
  /** One record, lower case: "campaign", "event", "contact". */
  noun: string;
  /** Several, lower case: "campaigns", "events", "contacts". */
  nounPlural: string;
  /** The grid page, where failed or invalid rows are taken back to be fixed. */
  gridPath: string;
  /** The property that names a row for people (hs_name, eventName); undefined where it depends on the type's columns (CRM). */
  nameKey?: string;
  /** The property a created record is found by, so a lost create answer is looked up, not resent. */
  uniqueKey?: string;
  /** Records can be created here; marketing events are created by their event app. */
  canCreate: boolean;
  /** Why not, in words, when they cannot: "Marketing events are created by their event app". */
  whyNoCreate?: string;
  /** Records can be updated by any unique property (CRM: email); otherwise by record id only. */
  updatesByProperty: boolean;
  /** Rows of this ref are addressed by a unique value, not a record id: the grid cannot place them. */
  addressedByValue: boolean;
  /**
   * Browser storage names kept from before the generic ones (batchboard:edits:v1:<name>…), so an
   * upgrade loses nobody's pending edits or column choice: `edits` is followed by :portal:user.
   */
  legacyStorage?: { edits: string; columns: string };
  /** The upload mapping's label for the record id column: "Campaign ID". */
  idLabel: string;
  /** Headers people write for a property that neither its name nor label matches ("Campaign name", "Start"). */
  synonyms: Readonly<Record<string, readonly string[]>>;
  /** The ref an upload writes with when its rows are identified by `property` instead of the record id. */
  keyedBy(property: string, mode: "create" | "update" | "upsert"): ResourceRef;
  /** The ref a revert writes with: always by record id, whatever the original was addressed by. */
  revertRef: ResourceRef;
  /** Two refs write to the same resource (settings such as idProperty aside). */
  sameResource(other: ResourceRef): boolean;
}
