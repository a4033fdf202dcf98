/**
 * A view's filters as HubSpot's search takes them (`filterGroups`), via their meaning
 * (lib/records/filter-meaning.ts). HubSpot compares dates as epoch milliseconds, text
 * case-insensitively, and matches text by token: "contains" is CONTAINS_TOKEN with wildcards
 * (`*ltd*`), so it finds words and parts of words, not spans across spaces.
 */
import type { PropertyType } from "@/lib/properties/types";
import { filterMeaning, filterProblem, type MeaningContext } from "@/lib/records/filter-meaning";
import type { FilterGroups } from "@/lib/records/filters";
import type { SearchFilter } from "./schemas/crm";

/** HubSpot's id property: always present, numeric, sortable; the reader pages past 10,000 by it. */
export const RECORD_ID_PROPERTY = "hs_object_id";

function toSearchFilter(property: string, m: ReturnType<typeof filterMeaning>): SearchFilter {
  const propertyName = property;
  switch (m.kind) {
    case "empty":
      return { propertyName, operator: "NOT_HAS_PROPERTY" };
    case "notEmpty":
      return { propertyName, operator: "HAS_PROPERTY" };
    case "eq":
      return { propertyName, operator: "EQ", value: m.value };
    case "neq":
      return { propertyName, operator: "NEQ", value: m.value };
    case "contains":
      return { propertyName, operator: "CONTAINS_TOKEN", value: `*${m.value}*` };
    case "startsWith":
      return { propertyName, operator: "CONTAINS_TOKEN", value: `${m.value}*` };
    case "lt":
      return { propertyName, operator: "LT", value: String(m.value) };
    case "lte":
      return { propertyName, operator: "LTE", value: String(m.value) };
    case "gt":
      return { propertyName, operator: "GT", value: String(m.value) };
    case "gte":
      return { propertyName, operator: "GTE", value: String(m.value) };
    case "between":
      return { propertyName, operator: "BETWEEN", value: String(m.low), highValue: String(m.high) };
    case "in":
      return { propertyName, operator: "IN", values: m.values };
    case "notIn":
      return { propertyName, operator: "NOT_IN", values: m.values };
  }
}

export class FilterError extends Error {}

/**
 * `groups` as HubSpot `filterGroups`, each group with `extra` filters ANDed in (the reader's
 * `hs_object_id > last id`). With no groups and an extra filter, that filter is the one group.
 * Throws FilterError for a filter its column cannot take (see filterProblem).
 */
export function toSearchFilterGroups(
  groups: FilterGroups,
  typeOf: (property: string) => PropertyType | undefined,
  ctx: MeaningContext,
  extra: SearchFilter[] = [],
): { filters: SearchFilter[] }[] {
  const out = groups.map((g) => ({
    filters: [
      ...g.map((f) => {
        const type = typeOf(f.property);
        const problem = filterProblem(f, type);
        if (problem) throw new FilterError(`${f.property}: ${problem}`);
        return toSearchFilter(f.property, filterMeaning(f, type!, ctx));
      }),
      ...extra,
    ],
  }));
  return out.length === 0 && extra.length > 0 ? [{ filters: extra }] : out;
}
