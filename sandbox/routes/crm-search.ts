/*
 * CRM search semantics: filterGroups are ORed, filters inside a group ANDed; values compare by
 * the property's type (numbers and dates numerically, strings case-insensitively); `query`
 * matches the type's default searchable properties; one sort; `after` is an offset, and
 * HubSpot stops paging at 10,000 results.
 */
import type { CrmPropertyDefinition, CrmSearchRequest, SearchFilter } from "../../lib/hubspot/schemas/crm";
import type { CrmRecord } from "./crm-store";
import type { CrmObjectType } from "./crm-types";

type Filter = SearchFilter;
const SEARCH_PAGING_CAP = 10_000;
/** HubSpot's documented search limits: filter groups, filters per group, filters in all. */
const MAX_GROUPS = 5;
const MAX_PER_GROUP = 10;
const MAX_FILTERS = 25;

function limitError(groups: { filters: unknown[] }[]): string | undefined {
  if (groups.length > MAX_GROUPS) return `Too many filter groups: ${groups.length} (at most ${MAX_GROUPS})`;
  const big = groups.find((g) => g.filters.length > MAX_PER_GROUP);
  if (big) return `Too many filters in a filter group: ${big.filters.length} (at most ${MAX_PER_GROUP})`;
  const all = groups.reduce((n, g) => n + g.filters.length, 0);
  if (all > MAX_FILTERS) return `Too many filters: ${all} across all filter groups (at most ${MAX_FILTERS})`;
  return undefined;
}

/** A comparable form of a value: number for numeric/date types, lowercase string otherwise. */
function typed(def: CrmPropertyDefinition | undefined, v: string): number | string {
  if (def?.type === "number") return Number(v);
  if (def?.type === "date" || def?.type === "datetime") return /^-?\d+$/.test(v) ? Number(v) : Date.parse(v);
  return v.toLowerCase();
}

function tokens(v: string): string[] {
  return v
    .toLowerCase()
    .split(/[\s,;:/()"]+/)
    .filter(Boolean);
}

function tokenMatch(value: string, needle: string): boolean {
  const n = needle.toLowerCase();
  if (n.includes("*")) {
    const re = new RegExp(
      "^" +
        n
          .split("*")
          .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
          .join(".*") +
        "$",
    );
    return re.test(value.toLowerCase()) || tokens(value).some((t) => re.test(t));
  }
  return value.toLowerCase() === n || tokens(value).includes(n);
}

function matches(rec: CrmRecord, f: Filter, def: CrmPropertyDefinition | undefined): boolean {
  const raw = rec.properties[f.propertyName];
  const has = raw !== undefined && raw !== "";
  switch (f.operator) {
    case "HAS_PROPERTY":
      return has;
    case "NOT_HAS_PROPERTY":
      return !has;
    case "NEQ":
      return !has || typed(def, raw) !== typed(def, f.value ?? "");
    case "NOT_IN":
      return !has || !(f.values ?? []).some((v) => typed(def, v) === typed(def, raw));
    case "NOT_CONTAINS_TOKEN":
      return !has || !tokenMatch(raw, f.value ?? "");
  }
  if (!has) return false;
  const x = typed(def, raw);
  const v = typed(def, f.value ?? "");
  switch (f.operator) {
    case "EQ":
      return x === v;
    case "GT":
      return x > v;
    case "GTE":
      return x >= v;
    case "LT":
      return x < v;
    case "LTE":
      return x <= v;
    case "BETWEEN":
      return x >= v && x <= typed(def, f.highValue ?? "");
    case "IN":
      return (f.values ?? []).some((w) => typed(def, w) === x);
    case "CONTAINS_TOKEN":
      return tokenMatch(raw, f.value ?? "");
  }
  return false;
}

export type SearchOutcome =
  { ok: true; total: number; page: CrmRecord[]; nextAfter?: string } | { ok: false; message: string };

export function search(
  records: Iterable<CrmRecord>,
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
  const terms = (req.query ?? "").toLowerCase().split(/\s+/).filter(Boolean);
  let found: CrmRecord[] = [];
  for (const rec of records) {
    if (rec.archived) continue;
    if (groups.length > 0 && !groups.some((g) => g.filters.every((f) => matches(rec, f, defs.get(f.propertyName)))))
      continue;
    if (
      terms.length > 0 &&
      !terms.every((t) => type.searchable.some((p) => rec.properties[p]?.toLowerCase().includes(t)))
    )
      continue;
    found.push(rec);
  }
  const sort = req.sorts?.[0];
  const [prop, desc] =
    typeof sort === "string"
      ? [sort.replace(/^-/, ""), sort.startsWith("-")]
      : sort
        ? [sort.propertyName, sort.direction === "DESCENDING"]
        : ["hs_object_id", false];
  const def = defs.get(prop);
  found = found.sort((a, b) => {
    const av = a.properties[prop];
    const bv = b.properties[prop];
    if (av === undefined || bv === undefined) return av === bv ? 0 : av === undefined ? 1 : -1; // unset last
    const x = typed(def, av);
    const y = typed(def, bv);
    return (x < y ? -1 : x > y ? 1 : 0) * (desc ? -1 : 1);
  });
  const offset = Number(req.after ?? 0) || 0;
  if (offset >= SEARCH_PAGING_CAP)
    return {
      ok: false,
      message: `Paging past ${SEARCH_PAGING_CAP} results is not supported; narrow the filters instead`,
    };
  const limit = req.limit ?? 10;
  const page = found.slice(offset, offset + limit);
  const next = offset + limit;
  return {
    ok: true,
    total: found.length,
    page,
    nextAfter: next < found.length && next < SEARCH_PAGING_CAP ? String(next) : undefined,
  };
}
