/*
 * In-memory CRM records for one portal (the `crm-objects` data slot), per object type: the
 * seeded rows by column (crm-columns.ts, compact enough for 1,000,000 contacts), the records
 * written since (updates shadow their seeded row, creates get ids past the seeded ones), and an
 * index of unique-property values so `idProperty` look-ups and conflict checks stay O(1).
 */
import type { CrmObject, CrmPropertyDefinition } from "../../lib/hubspot/schemas/crm";
import type { Portal } from "../core/state";
import { materialize, seededRow, type CrmRecord, type SeedTable } from "./crm-columns";
import { propertyDefinitions } from "./crm-properties";
import type { CrmObjectType } from "./crm-types";
import { noteWrite, type Lag } from "./search-lag";

export const OBJECTS_MODULE = "crm-objects";

export type { CrmRecord };

export interface TypeStore {
  /** Rows seeded at reset, ids idBase..idBase+n-1; never modified. */
  seeded: SeedTable;
  /** 1 for a seeded row that `records` holds a newer version of. */
  shadowed: Uint8Array;
  /** Records written since the seed (updated seeded rows and created records); they win over seeded rows. */
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

export function emptyTypeStore(
  type: CrmObjectType,
  defs: CrmPropertyDefinition[],
  seeded: SeedTable = emptyTable(type),
): TypeStore {
  return {
    seeded,
    shadowed: new Uint8Array(seeded.n),
    records: new Map(),
    unique: new Map(uniqueProps(defs).map((p) => [p, new Map()])),
    nextId: type.idBase + seeded.n,
    lag: new Map(),
  };
}

const emptyTable = (type: CrmObjectType): SeedTable => ({
  n: 0,
  idBase: type.idBase,
  columns: new Map(),
  createdProp: type.createdProp,
  modifiedProp: type.modifiedProp,
});

/** The current version of a record (archived or not), by its id. */
export function getRecord(ts: TypeStore, id: string): CrmRecord | undefined {
  const rec = ts.records.get(id);
  if (rec) return rec;
  const row = seededRow(ts.seeded, id);
  return row === undefined ? undefined : materialize(ts.seeded, row);
}

/** Every record (archived too) in id order, from `fromId` on: seeded rows, then created records. */
export function* eachRecord(ts: TypeStore, fromId = 0): Generator<CrmRecord> {
  const { n, idBase } = ts.seeded;
  for (let row = Math.max(0, fromId - idBase); row < n; row++)
    yield ts.shadowed[row] ? ts.records.get(String(idBase + row))! : materialize(ts.seeded, row);
  // Created ids only grow, and Map keeps insertion order, so these come in id order too.
  for (const rec of ts.records.values()) {
    const id = Number(rec.id);
    if (id >= idBase + n && id >= fromId) yield rec;
  }
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
  if ((ts.searchDelayMs ?? 0) > 0) noteWrite(ts, rec.id, getRecord(ts, rec.id));
  ts.records.set(rec.id, rec);
  const row = seededRow(ts.seeded, rec.id);
  if (row !== undefined) ts.shadowed[row] = 1;
}

/** Find a live record by id, or by the value of a unique property (`idProperty`). */
export function findRecord(ts: TypeStore, id: string, idProperty?: string, archived = false): CrmRecord | undefined {
  let rec: CrmRecord | undefined;
  if (!idProperty || idProperty === "hs_object_id") rec = getRecord(ts, id.trim());
  else {
    const found = ts.unique.get(idProperty)?.get(normUnique(id));
    rec = found === undefined ? undefined : getRecord(ts, found);
    // Archived records were written, so they are all in `records`.
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
