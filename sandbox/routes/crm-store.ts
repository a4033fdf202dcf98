/*
 * In-memory CRM records for one portal (the `crm-objects` data slot): records by id per object
 * type, plus an index of unique-property values so `idProperty` look-ups and unique-value
 * conflict checks stay O(1) with 20,000+ contacts.
 */
import type { CrmObject, CrmPropertyDefinition } from "../../lib/hubspot/schemas/crm";
import type { Portal } from "../core/state";
import { propertyDefinitions } from "./crm-properties";
import type { CrmObjectType } from "./crm-types";
import { noteWrite, type Lag } from "./search-lag";

export const OBJECTS_MODULE = "crm-objects";

export interface CrmRecord {
  id: string;
  /** Only set values; an unset property reads back as null. */
  properties: Record<string, string>;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
  archivedAt?: string;
}

export interface TypeStore {
  records: Map<string, CrmRecord>;
  /** property name -> normalized value -> record id, for every property with hasUniqueValue. */
  unique: Map<string, Map<string, string>>;
  nextId: number;
  /** Writes not yet visible to search (see search-lag.ts), and the delay that applies to new ones. */
  lag: Map<string, Lag>;
  searchDelayMs?: number;
}

export type CrmStore = Map<string, TypeStore>;

/** Unique values compare case-insensitively (HubSpot treats Jane@X.com and jane@x.com as one contact). */
export const normUnique = (v: string) => v.trim().toLowerCase();

function uniqueProps(defs: CrmPropertyDefinition[]): string[] {
  return defs.filter((d) => d.hasUniqueValue).map((d) => d.name);
}

export function emptyTypeStore(type: CrmObjectType, defs: CrmPropertyDefinition[]): TypeStore {
  return {
    records: new Map(),
    unique: new Map(uniqueProps(defs).map((p) => [p, new Map()])),
    nextId: type.idBase,
    lag: new Map(),
  };
}

/**
 * The slot holds either the store or a function building it: seeding is deferred to the first
 * request touching the portal, so a reset with 20,000 contacts costs nothing for portals a test
 * never uses. The seed's rng stream is private to this module and portal, so the data is the
 * same whenever it is built.
 */
function crmStore(portal: Portal): CrmStore {
  let slot = portal.data.get(OBJECTS_MODULE) as CrmStore | (() => CrmStore) | undefined;
  if (typeof slot === "function") portal.data.set(OBJECTS_MODULE, (slot = slot()));
  return slot ?? new Map();
}

export function typeStore(portal: Portal, type: CrmObjectType): TypeStore {
  let store = portal.data.has(OBJECTS_MODULE) ? crmStore(portal) : undefined;
  if (!store) {
    store = new Map();
    portal.data.set(OBJECTS_MODULE, store);
  }
  let ts = store.get(type.key);
  if (!ts) {
    ts = emptyTypeStore(type, propertyDefinitions(portal, type));
    store.set(type.key, ts);
  }
  return ts;
}

/** Add or replace a record, keeping the unique index in step with its values. */
export function putRecord(ts: TypeStore, rec: CrmRecord, previous?: Record<string, string>) {
  for (const [prop, index] of ts.unique) {
    const old = previous?.[prop];
    if (old) index.delete(normUnique(old));
    const now = rec.archived ? undefined : rec.properties[prop];
    if (now) index.set(normUnique(now), rec.id);
  }
  noteWrite(ts, rec.id);
  ts.records.set(rec.id, rec);
}

/** Find a live record by id, or by the value of a unique property (`idProperty`). */
export function findRecord(ts: TypeStore, id: string, idProperty?: string, archived = false): CrmRecord | undefined {
  let rec: CrmRecord | undefined;
  if (!idProperty || idProperty === "hs_object_id") rec = ts.records.get(id.trim());
  else {
    const found = ts.unique.get(idProperty)?.get(normUnique(id));
    rec = found === undefined ? undefined : ts.records.get(found);
    if (!rec && archived)
      rec = [...ts.records.values()].find(
        (r) =>
          r.archived &&
          r.properties[idProperty] !== undefined &&
          normUnique(r.properties[idProperty]!) === normUnique(id),
      );
  }
  return rec && rec.archived === archived ? rec : undefined;
}

/**
 * The API shape of a record. HubSpot always adds hs_object_id and the create/modify dates to
 * the properties asked for; names that are not properties of the type are silently dropped.
 */
export function toApiObject(
  type: CrmObjectType,
  defs: Set<string>,
  rec: CrmRecord,
  requested?: string[],
  extra: Partial<CrmObject> & { new?: boolean } = {},
): CrmObject & { new?: boolean } {
  const names =
    requested && requested.length > 0
      ? [...new Set([...requested, "hs_object_id", type.createdProp, type.modifiedProp])]
      : type.defaultProperties;
  const properties: Record<string, string | null> = {};
  for (const n of names) if (defs.has(n)) properties[n] = rec.properties[n] ?? null;
  return {
    id: rec.id,
    properties,
    createdAt: rec.createdAt,
    updatedAt: rec.updatedAt,
    archived: rec.archived,
    ...(rec.archivedAt ? { archivedAt: rec.archivedAt } : {}),
    ...extra,
  };
}
