import { describe, expect, it } from "vitest";
import {
  FilterGroupsSchema,
  MAX_FILTER_GROUPS,
  MAX_FILTER_VALUES,
  MAX_FILTERS,
  MAX_FILTERS_PER_GROUP,
  OPERATORS_BY_TYPE,
  ViewFilterSchema,
  filterProperties,
  viewQueryFromParams,
  viewQueryToParams,
  type ViewFilter,
  type ViewQuery,
} from "./filters";

const f = (property: string): ViewFilter => ({ property, operator: "is_empty" });
const groups = (sizes: number[]) => sizes.map((n, g) => Array.from({ length: n }, (_, i) => f(`p${g}_${i}`)));

describe("FilterGroupsSchema bounds", () => {
  it("takes up to the bounds and refuses one more", () => {
    expect(FilterGroupsSchema.safeParse(groups([MAX_FILTERS_PER_GROUP])).success).toBe(true);
    expect(FilterGroupsSchema.safeParse(groups([MAX_FILTERS_PER_GROUP + 1])).success).toBe(false);
    expect(FilterGroupsSchema.safeParse(groups(Array(MAX_FILTER_GROUPS).fill(1))).success).toBe(true);
    expect(FilterGroupsSchema.safeParse(groups(Array(MAX_FILTER_GROUPS + 1).fill(1))).success).toBe(false);
    // 5 groups of 4 = 20 in all is the most; 21 is refused even though each group is small.
    expect(FilterGroupsSchema.safeParse(groups([4, 4, 4, 4, 4])).success).toBe(true);
    expect(FilterGroupsSchema.safeParse(groups([5, 4, 4, 4, 4])).success).toBe(false);
    expect(MAX_FILTERS).toBe(20);
  });

  it("leaves room below HubSpot's limits for the reader's own id filter in each group", () => {
    expect(MAX_FILTERS_PER_GROUP + 1).toBeLessThanOrEqual(10);
    expect(MAX_FILTERS + MAX_FILTER_GROUPS).toBeLessThanOrEqual(25);
  });

  it("refuses an empty group", () => {
    expect(FilterGroupsSchema.safeParse([[]]).success).toBe(false);
  });
});

describe("ViewFilterSchema", () => {
  it("asks each operator for the values it takes", () => {
    expect(ViewFilterSchema.safeParse({ property: "a", operator: "eq" }).success).toBe(false);
    expect(ViewFilterSchema.safeParse({ property: "a", operator: "eq", value: "" }).success).toBe(false);
    expect(ViewFilterSchema.safeParse({ property: "a", operator: "eq", value: "x" }).success).toBe(true);
    expect(ViewFilterSchema.safeParse({ property: "a", operator: "between", value: "1" }).success).toBe(false);
    expect(ViewFilterSchema.safeParse({ property: "a", operator: "between", value: "1", highValue: "2" }).success).toBe(
      true,
    );
    expect(ViewFilterSchema.safeParse({ property: "a", operator: "any_of", values: [] }).success).toBe(false);
    expect(ViewFilterSchema.safeParse({ property: "a", operator: "any_of", values: ["x"] }).success).toBe(true);
    expect(ViewFilterSchema.safeParse({ property: "a", operator: "is_empty" }).success).toBe(true);
  });

  it("takes a whole number of days for last/next N days", () => {
    for (const value of ["7", "0", "99999"])
      expect(ViewFilterSchema.safeParse({ property: "a", operator: "in_last_days", value }).success).toBe(true);
    for (const value of ["-1", "1.5", "100000", "x"])
      expect(ViewFilterSchema.safeParse({ property: "a", operator: "in_next_days", value }).success).toBe(false);
  });

  it("bounds values: their count, their length, the property name", () => {
    const values = (n: number) => Array.from({ length: n }, (_, i) => String(i));
    expect(
      ViewFilterSchema.safeParse({ property: "a", operator: "any_of", values: values(MAX_FILTER_VALUES) }).success,
    ).toBe(true);
    expect(
      ViewFilterSchema.safeParse({ property: "a", operator: "any_of", values: values(MAX_FILTER_VALUES + 1) }).success,
    ).toBe(false);
    expect(ViewFilterSchema.safeParse({ property: "a", operator: "eq", value: "x".repeat(501) }).success).toBe(false);
    expect(ViewFilterSchema.safeParse({ property: "a".repeat(101), operator: "is_empty" }).success).toBe(false);
    expect(ViewFilterSchema.safeParse({ property: "", operator: "is_empty" }).success).toBe(false);
  });

  it("offers every type a menu of operators, empty tests included", () => {
    for (const ops of Object.values(OPERATORS_BY_TYPE)) {
      expect(ops).toContain("is_empty");
      expect(ops).toContain("is_not_empty");
    }
    // A currency column holds a code (EUR), picked from a list, not an amount.
    expect(OPERATORS_BY_TYPE.currency).toEqual(OPERATORS_BY_TYPE.enum);
  });
});

describe("the URL", () => {
  const query: ViewQuery = {
    filters: [
      [
        { property: "lifecyclestage", operator: "any_of", values: ["lead", "customer"] },
        { property: "createdate", operator: "gt", value: "2026-01-01" },
      ],
      [{ property: "amount", operator: "between", value: "10", highValue: "20" }],
    ],
    sort: "-createdate",
    q: "acme & co",
  };

  it("round-trips a query through URL parameters", () => {
    const params = new URLSearchParams(viewQueryToParams(query).toString());
    expect(viewQueryFromParams(params)).toEqual({ query, error: undefined });
  });

  it("leaves empty parts out (All is a bare path) and keeps other parameters", () => {
    const params = viewQueryToParams({ filters: [] }, new URLSearchParams("view=abc&filters=x&sort=a&q=b"));
    expect(params.toString()).toBe("view=abc");
  });

  it("reads campaigns' old ?sort= and ?q= links", () => {
    expect(viewQueryFromParams(new URLSearchParams("sort=-hs_name&q=launch"))).toEqual({
      query: { filters: [], sort: "-hs_name", q: "launch" },
      error: undefined,
    });
  });

  it("drops unreadable filters with a reason, keeping sort and search", () => {
    for (const bad of [
      "not json",
      "{}",
      '[[{"property":"a","operator":"nope"}]]',
      '[[{"property":"a","operator":"eq"}]]',
      JSON.stringify(groups([MAX_FILTERS_PER_GROUP + 1])),
    ]) {
      const parsed = viewQueryFromParams(new URLSearchParams({ filters: bad, sort: "name", q: "x" }));
      expect(parsed.query).toEqual({ filters: [], sort: "name", q: "x" });
      expect(parsed.error).toMatch(/could not be read/);
    }
  });

  it("drops only a bad sort or search, keeping the rest of the link", () => {
    const filters = JSON.stringify([[f("a")]]);
    const badSort = viewQueryFromParams(new URLSearchParams({ filters, sort: "no spaces allowed", q: "x" }));
    expect(badSort.query).toEqual({ filters: [[f("a")]], q: "x" });
    expect(badSort.error).toMatch(/sort/);
    const longQ = viewQueryFromParams(new URLSearchParams({ filters, sort: "a", q: "x".repeat(201) }));
    expect(longQ.query).toEqual({ filters: [[f("a")]], sort: "a" });
    expect(longQ.error).toMatch(/search/);
  });

  it("lists the properties a query reads, once each", () => {
    expect(filterProperties([[f("a"), f("b")], [f("a")]])).toEqual(["a", "b"]);
  });
});
