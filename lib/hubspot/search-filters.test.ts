import { describe, expect, it } from "vitest";
import type { PropertyType } from "@/lib/properties/types";
import type { ViewFilter } from "@/lib/records/filters";
import { FilterError, RECORD_ID_PROPERTY, toSearchFilterGroups } from "./search-filters";
import type { SearchFilter } from "./schemas/crm";

const TYPES: Record<string, PropertyType> = {
  name: "text",
  amount: "number",
  closedate: "date",
  createdate: "datetime",
  stage: "enum",
  tags: "multi",
  done: "bool",
};
const ctx = { timeZone: "Europe/Berlin", now: Date.parse("2026-06-15T10:00:00Z") };
const one = (f: ViewFilter) => toSearchFilterGroups([[f]], (p) => TYPES[p], ctx)[0]!.filters[0];
const ms = (iso: string) => String(Date.parse(iso));

describe("each operator as HubSpot's filter", () => {
  it.each<[ViewFilter, SearchFilter]>([
    [
      { property: "name", operator: "is_empty" },
      { propertyName: "name", operator: "NOT_HAS_PROPERTY" },
    ],
    [
      { property: "name", operator: "is_not_empty" },
      { propertyName: "name", operator: "HAS_PROPERTY" },
    ],
    [
      { property: "name", operator: "eq", value: "Acme" },
      { propertyName: "name", operator: "EQ", value: "Acme" },
    ],
    [
      { property: "name", operator: "neq", value: "Acme" },
      { propertyName: "name", operator: "NEQ", value: "Acme" },
    ],
    [
      { property: "name", operator: "contains", value: "ltd" },
      { propertyName: "name", operator: "CONTAINS_TOKEN", value: "*ltd*" },
    ],
    [
      { property: "name", operator: "starts_with", value: "Ac" },
      { propertyName: "name", operator: "CONTAINS_TOKEN", value: "Ac*" },
    ],
    [
      { property: "amount", operator: "lt", value: "10" },
      { propertyName: "amount", operator: "LT", value: "10" },
    ],
    [
      { property: "amount", operator: "lte", value: "10" },
      { propertyName: "amount", operator: "LTE", value: "10" },
    ],
    [
      { property: "amount", operator: "gt", value: "10" },
      { propertyName: "amount", operator: "GT", value: "10" },
    ],
    [
      { property: "amount", operator: "gte", value: "10" },
      { propertyName: "amount", operator: "GTE", value: "10" },
    ],
    [
      { property: "amount", operator: "between", value: "10", highValue: "20" },
      { propertyName: "amount", operator: "BETWEEN", value: "10", highValue: "20" },
    ],
    [
      { property: "amount", operator: "eq", value: "10" },
      { propertyName: "amount", operator: "EQ", value: "10" },
    ],
    [
      { property: "stage", operator: "any_of", values: ["lead", "customer"] },
      { propertyName: "stage", operator: "IN", values: ["lead", "customer"] },
    ],
    [
      { property: "tags", operator: "none_of", values: ["a"] },
      { propertyName: "tags", operator: "NOT_IN", values: ["a"] },
    ],
    [
      { property: "done", operator: "eq", value: "true" },
      { propertyName: "done", operator: "EQ", value: "true" },
    ],
    // Dates: midnight UTC of the day; date-times: the day in the user's zone (Berlin, summer: UTC+2).
    [
      { property: "closedate", operator: "eq", value: "2026-03-03" },
      {
        propertyName: "closedate",
        operator: "BETWEEN",
        value: ms("2026-03-03T00:00:00Z"),
        highValue: ms("2026-03-03T00:00:00Z"),
      },
    ],
    [
      { property: "closedate", operator: "lt", value: "2026-03-03" },
      { propertyName: "closedate", operator: "LT", value: ms("2026-03-03T00:00:00Z") },
    ],
    [
      { property: "createdate", operator: "gt", value: "2026-06-10" },
      { propertyName: "createdate", operator: "GTE", value: ms("2026-06-10T22:00:00Z") },
    ],
    [
      { property: "createdate", operator: "between", value: "2026-06-01", highValue: "2026-06-10" },
      {
        propertyName: "createdate",
        operator: "BETWEEN",
        value: ms("2026-05-31T22:00:00Z"),
        highValue: String(Date.parse("2026-06-10T22:00:00Z") - 1),
      },
    ],
    [
      { property: "createdate", operator: "in_last_days", value: "1" },
      {
        propertyName: "createdate",
        operator: "BETWEEN",
        value: String(ctx.now - 86_400_000),
        highValue: String(ctx.now),
      },
    ],
  ])("%j", (f, expected) => {
    expect(one(f)).toEqual(expected);
  });
});

describe("groups", () => {
  const after: SearchFilter = { propertyName: RECORD_ID_PROPERTY, operator: "GT", value: "1000" };
  const typeOf = (p: string) => TYPES[p];

  it("adds the extra filter to every group", () => {
    const groups = toSearchFilterGroups(
      [[{ property: "name", operator: "is_empty" }], [{ property: "amount", operator: "gt", value: "1" }]],
      typeOf,
      ctx,
      [after],
    );
    expect(groups).toEqual([
      { filters: [{ propertyName: "name", operator: "NOT_HAS_PROPERTY" }, after] },
      { filters: [{ propertyName: "amount", operator: "GT", value: "1" }, after] },
    ]);
  });

  it("with no filters, the extra filter is the one group; without it, no groups", () => {
    expect(toSearchFilterGroups([], typeOf, ctx, [after])).toEqual([{ filters: [after] }]);
    expect(toSearchFilterGroups([], typeOf, ctx)).toEqual([]);
  });

  it("refuses a filter its column cannot take", () => {
    expect(() => toSearchFilterGroups([[{ property: "gone", operator: "is_empty" }]], typeOf, ctx)).toThrow(
      FilterError,
    );
    expect(() => toSearchFilterGroups([[{ property: "amount", operator: "gt", value: "ten" }]], typeOf, ctx)).toThrow(
      /Not a number/,
    );
  });
});
