/*
 * CRM search: filterGroups are ORed, filters inside a group ANDed (meaning in crm-search-match.ts);
 * `query` matches the type's default searchable properties; one sort; `after` is an offset, and
 * HubSpot stops paging at 10,000 results. `total` is always exact.
 *
 * Built for 1,000,000 records: seeded rows are tested on their columns, records written since
 * (few) as objects. Rows are in id order, so the id-paging query the app uses past the cap
 * (sorted by hs_object_id, `hs_object_id GT last`) starts at the bound found by arithmetic, stops
 * collecting once the page is full and only counts the rest. Other sorts keep the best
 * offset+limit (≤ 10,200) matches in a heap instead of sorting every match.
 */
import type { CrmPropertyDefinition, CrmSearchRequest, SearchFilter } from "../../lib/hubspot/schemas/crm";
import { materialize } from "./crm-columns";
import { compileRow, compileTerm, matchValue, typed, type RowTest } from "./crm-search-match";
import type { CrmRecord } from "./crm-store";
import type { CrmObjectType } from "./crm-types";
import type { SearchSource } from "./search-lag";
import { topK } from "./top-k";

export const SEARCH_PAGING_CAP = 10_000;
/** HubSpot's documented search limits: filter groups, filters per group, filters in all. */
const MAX_GROUPS = 5;
const MAX_PER_GROUP = 10;
const MAX_FILTERS = 25;

/** HubSpot's 400 wording when a search has too many filter groups or filters; shared by every search route. */
export function limitError(groups: { filters: unknown[] }[]): string | undefined {
  if (groups.length > MAX_GROUPS) return `Too many filter groups: ${groups.length} (at most ${MAX_GROUPS})`;
  const big = groups.find((g) => g.filters.length > MAX_PER_GROUP);
  if (big) return `Too many filters in a filter group: ${big.filters.length} (at most ${MAX_PER_GROUP})`;
  const all = groups.reduce((n, g) => n + g.filters.length, 0);
  if (all > MAX_FILTERS) return `Too many filters: ${all} across all filter groups (at most ${MAX_FILTERS})`;
  return undefined;
}

/** The lowest id any group can match, from its hs_object_id bounds (-Infinity when unbounded). */
function idFloor(groups: { filters: SearchFilter[] }[]): number {
  if (groups.length === 0) return -Infinity;
  let floor = Infinity;
  for (const g of groups) {
    let lo = -Infinity;
    for (const f of g.filters) {
      if (f.propertyName !== "hs_object_id") continue;
      const v = Number(f.value);
      if (Number.isNaN(v)) continue;
      if (f.operator === "GT") lo = Math.max(lo, Math.floor(v) + 1);
      if (f.operator === "GTE" || f.operator === "EQ" || f.operator === "BETWEEN") lo = Math.max(lo, Math.ceil(v));
    }
    floor = Math.min(floor, lo);
  }
  return floor;
}

/** A search's first sort as [property, descending]: HubSpot takes `"-prop"` strings and `{ propertyName, direction }`. */
export function searchSort(req: Pick<CrmSearchRequest, "sorts">): [string, boolean] {
  const sort = req.sorts?.[0];
  if (typeof sort === "string") return [sort.replace(/^-/, ""), sort.startsWith("-")];
  return sort ? [sort.propertyName, sort.direction === "DESCENDING"] : ["hs_object_id", false];
}

export type SearchOutcome =
  { ok: true; total: number; page: CrmRecord[]; nextAfter?: string } | { ok: false; message: string };

export function search(
  src: SearchSource,
  req: CrmSearchRequest,
  defs: Map<string, CrmPropertyDefinition>,
  type: CrmObjectType,
): SearchOutcome {
  const groups = req.filterGroups ?? [];
  const tooMany = limitError(groups);
  if (tooMany) return { ok: false, message: tooMany };
  for (const f of groups.flatMap((g) => g.filters)) {
    if (!defs.has(f.propertyName))
      return { ok: false, message: `Invalid filter: property "${f.propertyName}" does not exist for ${type.singular}` };
    if (["IN", "NOT_IN"].includes(f.operator) && !f.values)
      return { ok: false, message: `Filter on "${f.propertyName}" with operator ${f.operator} needs "values"` };
  }
  const offset = Number(req.after ?? 0) || 0;
  if (offset >= SEARCH_PAGING_CAP)
    return {
      ok: false,
      message: `Paging past ${SEARCH_PAGING_CAP} results is not supported; narrow the filters instead`,
    };
  const limit = req.limit ?? 10;
  const terms = (req.query ?? "").toLowerCase().split(/\s+/).filter(Boolean);
  const { table, shadowed, created } = src;
  const n = table.n;

  // Tests for seeded rows (on columns) and for written records (on their properties).
  const rowGroups: RowTest[][] = groups.map((g) =>
    g.filters.map((f) => compileRow(table, f, defs.get(f.propertyName))),
  );
  const rowTerms: RowTest[][] = terms.map((t) => type.searchable.map((p) => compileTerm(table, p, t)));
  const rowOk = (row: number) =>
    (rowGroups.length === 0 || rowGroups.some((g) => g.every((test) => test(row)))) &&
    rowTerms.every((alts) => alts.some((test) => test(row)));
  const recOk = (rec: CrmRecord) =>
    !rec.archived &&
    (groups.length === 0 ||
      groups.some((g) =>
        g.filters.every((f) => matchValue(rec.properties[f.propertyName], f, defs.get(f.propertyName))),
      )) &&
    terms.every((t) => type.searchable.some((p) => rec.properties[p]?.toLowerCase().includes(t)));

  // A match is a ref: a seeded row (< n), or n + its index in `written`.
  const written: CrmRecord[] = [];
  const test = (row: number): number => {
    if (!shadowed[row]) return rowOk(row) ? row : -1;
    const rec = src.written(row);
    if (!rec || !recOk(rec)) return -1;
    return n + written.push(rec) - 1;
  };
  const testCreated = (rec: CrmRecord): number => (recOk(rec) ? n + written.push(rec) - 1 : -1);

  const [prop, desc] = searchSort(req);
  const want = offset + limit;
  let total = 0;
  let refs: number[];

  const floor = idFloor(groups);
  const first = Math.max(0, Math.min(n, Number.isFinite(floor) ? floor - table.idBase : 0));
  const createdFrom = created.findIndex((r) => Number(r.id) >= floor);
  const liveCreated = createdFrom < 0 ? [] : created.slice(createdFrom);
  if (prop === "hs_object_id") {
    // Rows are in id order: keep the first `want` matches (either direction), count the rest.
    refs = [];
    const take = (ref: number) => {
      if (ref < 0) return;
      total++;
      if (refs.length < want) refs.push(ref);
    };
    if (!desc) {
      for (let row = first; row < n; row++) take(test(row));
      for (const rec of liveCreated) take(testCreated(rec));
    } else {
      for (let k = liveCreated.length - 1; k >= 0; k--) take(testCreated(liveCreated[k]!));
      for (let row = n - 1; row >= first; row--) take(test(row));
    }
  } else {
    const def = defs.get(prop);
    const key = sortKey(src, written, prop, def);
    const best = topK(want, key, desc);
    const add = (ref: number) => {
      if (ref < 0) return;
      total++;
      best.offer(ref);
    };
    for (let row = first; row < n; row++) add(test(row));
    for (const rec of liveCreated) add(testCreated(rec));
    refs = best.sorted();
  }

  const page = refs.slice(offset, want).map((ref) => (ref < n ? materialize(table, ref) : written[ref - n]!));
  return {
    ok: true,
    total,
    page,
    nextAfter: want < total && want < SEARCH_PAGING_CAP ? String(want) : undefined,
  };
}

/** A ref's sort key: its typed value (undefined when unset) and its id for ties. */
function sortKey(src: SearchSource, written: CrmRecord[], prop: string, def: CrmPropertyDefinition | undefined) {
  const { table } = src;
  const n = table.n;
  const col = table.columns.get(prop);
  const poolKeys: (number | string | undefined)[] = [];
  const seeded = (row: number): number | string | undefined => {
    if (!col) return undefined;
    if (col.kind === "num") {
      const x = col.vals[row]!;
      return x === x ? x : undefined;
    }
    const code = col.codes[row]!;
    if (code === 0) return undefined;
    let k = poolKeys[code];
    if (k === undefined) poolKeys[code] = k = typed(def, col.pool[code]!);
    return k;
  };
  return {
    value: (ref: number) => {
      if (ref < n) return seeded(ref);
      const v = written[ref - n]!.properties[prop];
      return v === undefined ? undefined : typed(def, v);
    },
    id: (ref: number) => (ref < n ? table.idBase + ref : Number(written[ref - n]!.id)),
  };
}
