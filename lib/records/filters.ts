/**
 * A view's query: which records (filters), in what order (sort), matching what free text (q).
 * One shape for every resource and every place it travels: the URL, saved views, the CRM search
 * reader, bulk edits and exports. Pure (no HubSpot, no server), so the browser uses it too.
 *
 * Filters combine as HubSpot's do: the filters of a group are ANDed, groups are ORed. The bounds
 * leave room below HubSpot's search limits (5 groups, 10 filters a group, 25 in all) for the one
 * filter per group the reader adds itself when it pages past 10,000 results by record id
 * (`hs_object_id > last id seen`): so 9 a group and 20 in all here.
 */
import { z } from "zod";
import type { PropertyType } from "@/lib/properties/types";

export const MAX_FILTER_GROUPS = 5;
export const MAX_FILTERS_PER_GROUP = 9;
export const MAX_FILTERS = 20;
export const MAX_FILTER_VALUES = 100;
const MAX_VALUE_CHARS = 500;

/**
 * Operators in the user's terms. The HubSpot search translation is lib/hubspot/search-filters.ts;
 * the in-browser matcher (campaigns and marketing events, whose list APIs have no filters) applies
 * the same meaning to loaded rows.
 */
export const FILTER_OPERATORS = [
  // any type
  "is_empty",
  "is_not_empty",
  // text, number, bool, date ("on")
  "eq",
  "neq",
  // text
  "contains",
  "starts_with",
  // number, date, datetime ("before"/"after" are lt/gt)
  "lt",
  "lte",
  "gt",
  "gte",
  "between",
  // date, datetime: value = N days
  "in_last_days",
  "in_next_days",
  // enum, multi, currency (codes)
  "any_of",
  "none_of",
] as const;
export type FilterOperator = (typeof FILTER_OPERATORS)[number];

/** Which operators each column type offers, in the order a menu lists them. */
export const OPERATORS_BY_TYPE: Record<PropertyType, readonly FilterOperator[]> = {
  text: ["eq", "neq", "contains", "starts_with", "is_empty", "is_not_empty"],
  longText: ["eq", "neq", "contains", "starts_with", "is_empty", "is_not_empty"],
  number: ["eq", "neq", "lt", "lte", "gt", "gte", "between", "is_empty", "is_not_empty"],
  // A currency column holds a currency code (EUR, USD), chosen from a list: not an amount.
  currency: ["any_of", "none_of", "is_empty", "is_not_empty"],
  date: ["eq", "lt", "gt", "between", "in_last_days", "in_next_days", "is_empty", "is_not_empty"],
  datetime: ["eq", "lt", "gt", "between", "in_last_days", "in_next_days", "is_empty", "is_not_empty"],
  enum: ["any_of", "none_of", "is_empty", "is_not_empty"],
  multi: ["any_of", "none_of", "is_empty", "is_not_empty"],
  bool: ["eq", "is_empty", "is_not_empty"],
};

/** Operators that take no value, one, two (`value`..`highValue`), or a list (`values`). */
const NO_VALUE: readonly FilterOperator[] = ["is_empty", "is_not_empty"];
const LIST_VALUE: readonly FilterOperator[] = ["any_of", "none_of"];

const Value = z.string().max(MAX_VALUE_CHARS);

/**
 * One filter. Values are stored values as the grid keeps them (lib/properties/types.ts): dates
 * YYYY-MM-DD, date-times UTC ISO instants, numbers with ".", bools "true"/"false", options by value.
 * For a date-time compared by day ("on", "before", "after" a date), `value` is a YYYY-MM-DD date and
 * the day is the user's (the view's `timeZone`).
 */
export const ViewFilterSchema = z
  .object({
    property: z.string().min(1).max(100),
    operator: z.enum(FILTER_OPERATORS),
    value: Value.optional(),
    highValue: Value.optional(),
    values: z.array(Value).max(MAX_FILTER_VALUES).optional(),
  })
  .superRefine((f, ctx) => {
    if (NO_VALUE.includes(f.operator)) return;
    if (LIST_VALUE.includes(f.operator)) {
      if (!f.values?.length) ctx.addIssue({ code: "custom", message: `"${f.operator}" needs at least one value` });
      return;
    }
    if (f.value === undefined || f.value === "")
      ctx.addIssue({ code: "custom", message: `"${f.operator}" needs a value` });
    if (f.operator === "between" && (f.highValue === undefined || f.highValue === ""))
      ctx.addIssue({ code: "custom", message: `"between" needs a second value` });
    if ((f.operator === "in_last_days" || f.operator === "in_next_days") && !/^\d{1,5}$/.test(f.value ?? ""))
      ctx.addIssue({ code: "custom", message: "A number of days (0–99999) is needed" });
  });
export type ViewFilter = z.infer<typeof ViewFilterSchema>;

export const FilterGroupsSchema = z
  .array(z.array(ViewFilterSchema).min(1).max(MAX_FILTERS_PER_GROUP))
  .max(MAX_FILTER_GROUPS)
  .refine((gs) => gs.reduce((n, g) => n + g.length, 0) <= MAX_FILTERS, `At most ${MAX_FILTERS} filters in all`);
/** OR of ANDs; [] = every record. */
export type FilterGroups = z.infer<typeof FilterGroupsSchema>;

/** Sort: a property key, `-` first for descending (as campaigns' `?sort=` has always been). */
const SortSchema = z.string().regex(/^-?[A-Za-z0-9_.]{1,100}$/, "Not a sort key");

export const ViewQuerySchema = z.object({
  filters: FilterGroupsSchema.default([]),
  sort: SortSchema.optional(),
  /** Free-text search (CRM: HubSpot's `query`; campaigns: the name search). */
  q: z.string().max(200).optional(),
});
export type ViewQuery = z.infer<typeof ViewQuerySchema>;

export const EMPTY_VIEW_QUERY: ViewQuery = { filters: [] };

// ---------- the URL ----------

/** URL parameter names: `?filters=<JSON>&sort=-name&q=text&view=<saved view id>`. */
export const VIEW_PARAMS = { filters: "filters", sort: "sort", q: "q", view: "view" } as const;

export type ParsedViewQuery = { query: ViewQuery; error?: string };

/**
 * The view query in URL parameters. A hand-edited or outdated `filters` parameter never breaks the
 * page: it is dropped, and `error` says why (the filter bar shows it).
 */
export function viewQueryFromParams(params: { get(name: string): string | null }): ParsedViewQuery {
  const sort = params.get(VIEW_PARAMS.sort) || undefined;
  const q = params.get(VIEW_PARAMS.q) || undefined;
  const raw = params.get(VIEW_PARAMS.filters);
  let filters: FilterGroups = [];
  let error: string | undefined;
  if (raw) {
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      json = undefined;
    }
    const parsed = FilterGroupsSchema.safeParse(json);
    if (parsed.success) filters = parsed.data;
    else error = "The filters in this link could not be read, so they were left out.";
  }
  // A bad sort or search is dropped on its own: the rest of the link still applies.
  const query: ViewQuery = { filters };
  const problems = error ? [error] : [];
  for (const [key, value] of [["sort", sort] as const, ["q", q] as const]) {
    if (value === undefined) continue;
    const one = ViewQuerySchema.shape[key].safeParse(value);
    if (one.success) query[key] = one.data;
    else
      problems.push(
        key === "sort" ? "The sort in this link could not be read." : "The search in this link is too long.",
      );
  }
  return { query, error: problems.length ? problems.join(" ") : undefined };
}

/** The parameters for a view query (empty parts are left out, so "All" is a bare path). */
export function viewQueryToParams(query: ViewQuery, into = new URLSearchParams()): URLSearchParams {
  const set = (k: string, v: string | undefined) => (v ? into.set(k, v) : into.delete(k));
  set(VIEW_PARAMS.filters, query.filters.length ? JSON.stringify(query.filters) : undefined);
  set(VIEW_PARAMS.sort, query.sort);
  set(VIEW_PARAMS.q, query.q);
  return into;
}

/** Every property a query reads (to fetch it, or to check it still exists). */
export const filterProperties = (groups: FilterGroups): string[] => [
  ...new Set(groups.flatMap((g) => g.map((f) => f.property))),
];
