/*
 * Seeded CRM records stored by column, so a portal of 1,000,000 contacts fits in a few hundred MB
 * and search scans typed arrays instead of objects. Row i is the record with id idBase + i.
 * - numbers and dates: a Float64Array (NaN = unset; dates as epoch ms, formatted on read);
 * - everything else: a code per row into a pool of distinct strings (code 0 = unset). Search
 *   evaluates a filter once per pool entry, not once per row, for enumerations and names.
 * Seeded rows never change: a write stores the whole record in the type store (crm-store.ts),
 * which then shadows the row.
 */
import type { CrmPropertyDefinition } from "../../lib/hubspot/schemas/crm";

/** One CRM record as the store keeps it. */
export interface CrmRecord {
  id: string;
  /** Only set values; an unset property reads back as null. */
  properties: Record<string, string>;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
  archivedAt?: string;
}

export type Column =
  | { kind: "pool"; codes: Uint32Array; pool: (string | undefined)[] }
  | { kind: "num"; vals: Float64Array; format: (n: number) => string };

export interface SeedTable {
  n: number;
  idBase: number;
  columns: Map<string, Column>;
  createdProp: string;
  modifiedProp: string;
}

const formatFor = (def: CrmPropertyDefinition | undefined): ((n: number) => string) | undefined => {
  if (def?.type === "number") return String;
  if (def?.type === "datetime") return (n) => new Date(n).toISOString();
  if (def?.type === "date") return (n) => new Date(n).toISOString().slice(0, 10);
  return undefined;
};

const MAX_INTERNED = 50_000;

/** Fills a SeedTable row by row; strings are interned except for unique properties (all distinct anyway). */
export class TableBuilder {
  readonly table: SeedTable;
  /** Per property: its column and, for pool columns of non-unique properties, the intern map. */
  private cols = new Map<string, { col: Column; intern?: Map<string, number> }>();
  private defs: Map<string, CrmPropertyDefinition>;

  constructor(n: number, idBase: number, defs: CrmPropertyDefinition[], createdProp: string, modifiedProp: string) {
    this.defs = new Map(defs.map((d) => [d.name, d]));
    this.table = { n, idBase, columns: new Map(), createdProp, modifiedProp };
  }

  private column(prop: string) {
    let c = this.cols.get(prop);
    if (c) return c;
    const def = this.defs.get(prop);
    const format = formatFor(def);
    if (format) c = { col: { kind: "num", vals: new Float64Array(this.table.n).fill(NaN), format } };
    else
      c = {
        col: { kind: "pool", codes: new Uint32Array(this.table.n), pool: [undefined] },
        intern: def?.hasUniqueValue ? undefined : new Map(),
      };
    this.table.columns.set(prop, c.col);
    this.cols.set(prop, c);
    return c;
  }

  /** Numbers and dates take numbers (epoch ms for dates); other properties take strings. */
  set(row: number, prop: string, value: string | number | undefined) {
    if (value === undefined || value === "") return;
    const { col, intern } = this.column(prop);
    if (col.kind === "num") {
      col.vals[row] = typeof value === "number" ? value : Number(value);
      return;
    }
    const s = String(value);
    let code = intern?.get(s);
    if (code === undefined) {
      code = col.pool.length;
      col.pool.push(s);
      // Mostly distinct values (phone numbers) are not worth a map of a million entries.
      if (intern && intern.size < MAX_INTERNED) intern.set(s, code);
    }
    col.codes[row] = code;
  }

  /** The finished table; the intern maps are dropped so only the pools stay in memory. */
  done(): SeedTable {
    this.cols.clear();
    return this.table;
  }
}

/** A property's value in a seeded row, as the API string (undefined when unset). */
export function cellValue(t: SeedTable, row: number, prop: string): string | undefined {
  if (prop === "hs_object_id") return String(t.idBase + row);
  const col = t.columns.get(prop);
  if (!col) return undefined;
  if (col.kind === "pool") return col.pool[col.codes[row]!];
  const v = col.vals[row]!;
  return Number.isNaN(v) ? undefined : col.format(v);
}

/** The record object of a seeded row, built on demand (reads, pages, writes). */
export function materialize(t: SeedTable, row: number): CrmRecord {
  const id = String(t.idBase + row);
  const properties: Record<string, string> = { hs_object_id: id };
  for (const prop of t.columns.keys()) {
    const v = cellValue(t, row, prop);
    if (v !== undefined) properties[prop] = v;
  }
  return {
    id,
    properties,
    createdAt: properties[t.createdProp]!,
    updatedAt: properties[t.modifiedProp]!,
    archived: false,
  };
}

/** The row of a seeded id, or undefined (ids are matched as HubSpot's canonical decimal strings). */
export function seededRow(t: SeedTable | undefined, id: string): number | undefined {
  if (!t || !/^\d{1,15}$/.test(id)) return undefined;
  const row = Number(id) - t.idBase;
  return row >= 0 && row < t.n && String(t.idBase + row) === id ? row : undefined;
}
