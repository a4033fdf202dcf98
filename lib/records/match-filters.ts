/**
 * The in-memory reader of a view query, for lists that HubSpot cannot filter (campaigns and
 * marketing events: their list APIs take no filters, and a portal holds thousands at most): the same
 * meaning as the HubSpot translation (filter-meaning.ts), applied to loaded rows' stored values.
 */
import type { PropertyType } from "@/lib/properties/types";
import { filterMeaning, filterProblem, type FilterMeaning, type MeaningContext } from "./filter-meaning";
import type { FilterGroups } from "./filters";

type Values = Readonly<Record<string, string | null | undefined>>;

const DATED: readonly PropertyType[] = ["date", "datetime"];

/** A stored value as a number: numbers as they are, dates and date-times as epoch milliseconds. */
function numeric(raw: string, type: PropertyType): number {
  if (!DATED.includes(type)) return Number(raw);
  if (/^-?\d+$/.test(raw)) return Number(raw);
  return Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(raw) ? `${raw}T00:00:00.000Z` : raw);
}

const parts = (raw: string, type: PropertyType) =>
  (type === "multi" ? raw.split(";") : [raw]).map((v) => v.trim().toLowerCase()).filter(Boolean);

/** Equal as HubSpot compares: numbers by value ("10.50" is 10.5), text case-insensitively. */
const same = (raw: string, value: string, type: PropertyType) =>
  DATED.includes(type) || type === "number"
    ? numeric(raw, type) === Number(value)
    : raw.toLowerCase() === value.toLowerCase();

function holds(m: FilterMeaning, raw: string | null | undefined, type: PropertyType): boolean {
  const has = raw !== undefined && raw !== null && raw !== "";
  switch (m.kind) {
    case "empty":
      return !has;
    case "notEmpty":
      return has;
    case "neq":
      return !has || !same(raw, m.value, type);
    case "notIn": {
      if (!has) return true;
      const wanted = new Set(m.values.map((v) => v.toLowerCase()));
      return !parts(raw, type).some((v) => wanted.has(v));
    }
  }
  if (!has) return false;
  switch (m.kind) {
    case "eq":
      return same(raw, m.value, type);
    case "contains":
      return raw.toLowerCase().includes(m.value.toLowerCase());
    case "startsWith":
      return raw.toLowerCase().startsWith(m.value.toLowerCase());
    case "in": {
      const wanted = new Set(m.values.map((v) => v.toLowerCase()));
      return parts(raw, type).some((v) => wanted.has(v));
    }
  }
  const x = numeric(raw, type);
  if (Number.isNaN(x)) return false;
  switch (m.kind) {
    case "lt":
      return x < m.value;
    case "lte":
      return x <= m.value;
    case "gt":
      return x > m.value;
    case "gte":
      return x >= m.value;
    case "between":
      return x >= m.low && x <= m.high;
  }
}

/**
 * A predicate for rows matching `groups` (OR of ANDs; no groups = every row). Filters on columns it
 * does not know, or that the column cannot take, are reported in `problems` and match nothing, so a
 * stale link shows an empty grid with a reason rather than every record.
 */
export function rowMatcher(
  groups: FilterGroups,
  typeOf: (property: string) => PropertyType | undefined,
  ctx: MeaningContext,
): { matches: (values: Values) => boolean; problems: string[] } {
  const problems: string[] = [];
  const compiled = groups.map((g) =>
    g.map((f) => {
      const type = typeOf(f.property);
      const problem = filterProblem(f, type);
      if (problem) {
        problems.push(`${f.property}: ${problem}`);
        return () => false;
      }
      const m = filterMeaning(f, type!, ctx);
      return (values: Values) => holds(m, values[f.property], type!);
    }),
  );
  return {
    matches: (values) => compiled.length === 0 || compiled.some((g) => g.every((test) => test(values))),
    problems,
  };
}
