import { describe, expect, it } from "vitest";
import type { PropertyType } from "@/lib/properties/types";
import type { FilterGroups, ViewFilter } from "./filters";
import { rowMatcher } from "./match-filters";

const TYPES: Record<string, PropertyType> = {
  name: "text",
  notes: "longText",
  amount: "number",
  currency: "currency",
  start: "date",
  created: "datetime",
  stage: "enum",
  units: "multi",
  done: "bool",
};
const ctx = { timeZone: "Europe/Berlin", now: Date.parse("2026-06-15T10:00:00Z") };
const typeOf = (p: string) => TYPES[p];

/** Which of `values` a single filter keeps. */
function keeps(f: ViewFilter, values: (string | null | undefined)[]): (string | null | undefined)[] {
  const { matches, problems } = rowMatcher([[f]], typeOf, ctx);
  expect(problems).toEqual([]);
  return values.filter((v) => matches({ [f.property]: v }));
}

describe("text", () => {
  const names = ["Acme Ltd", "acme ltd", "Beta", "", null, undefined];
  it("is / is not: case-insensitive; is not keeps empty values", () => {
    expect(keeps({ property: "name", operator: "eq", value: "ACME LTD" }, names)).toEqual(["Acme Ltd", "acme ltd"]);
    expect(keeps({ property: "name", operator: "neq", value: "acme ltd" }, names)).toEqual([
      "Beta",
      "",
      null,
      undefined,
    ]);
  });
  it("contains / starts with", () => {
    expect(keeps({ property: "name", operator: "contains", value: "LTD" }, names)).toEqual(["Acme Ltd", "acme ltd"]);
    expect(keeps({ property: "notes", operator: "starts_with", value: "be" }, ["Beta", "alphabet", ""])).toEqual([
      "Beta",
    ]);
  });
  it("is empty / is not empty", () => {
    expect(keeps({ property: "name", operator: "is_empty" }, names)).toEqual(["", null, undefined]);
    expect(keeps({ property: "name", operator: "is_not_empty" }, names)).toEqual(["Acme Ltd", "acme ltd", "Beta"]);
  });
});

describe("numbers", () => {
  const amounts = ["5", "10", "10.50", "20", "21", "", null, "n/a"];
  it("compares by value", () => {
    expect(keeps({ property: "amount", operator: "eq", value: "10.5" }, amounts)).toEqual(["10.50"]);
    expect(keeps({ property: "amount", operator: "neq", value: "10.5" }, amounts)).toEqual([
      "5",
      "10",
      "20",
      "21",
      "",
      null,
      "n/a",
    ]);
    expect(keeps({ property: "amount", operator: "lt", value: "10" }, amounts)).toEqual(["5"]);
    expect(keeps({ property: "amount", operator: "lte", value: "10" }, amounts)).toEqual(["5", "10"]);
    expect(keeps({ property: "amount", operator: "gt", value: "20" }, amounts)).toEqual(["21"]);
    expect(keeps({ property: "amount", operator: "gte", value: "20" }, amounts)).toEqual(["20", "21"]);
  });
  it("between is inclusive at both ends", () => {
    expect(keeps({ property: "amount", operator: "between", value: "10", highValue: "20" }, amounts)).toEqual([
      "10",
      "10.50",
      "20",
    ]);
  });
});

describe("dates and date-times", () => {
  it("dates: on, before, after, between, last/next N days", () => {
    const days = ["2026-06-01", "2026-06-08", "2026-06-15", "2026-06-16", "2026-06-22", "2026-06-23", ""];
    expect(keeps({ property: "start", operator: "eq", value: "2026-06-15" }, days)).toEqual(["2026-06-15"]);
    expect(keeps({ property: "start", operator: "lt", value: "2026-06-15" }, days)).toEqual([
      "2026-06-01",
      "2026-06-08",
    ]);
    expect(keeps({ property: "start", operator: "gt", value: "2026-06-16" }, days)).toEqual([
      "2026-06-22",
      "2026-06-23",
    ]);
    expect(
      keeps({ property: "start", operator: "between", value: "2026-06-08", highValue: "2026-06-15" }, days),
    ).toEqual(["2026-06-08", "2026-06-15"]);
    expect(keeps({ property: "start", operator: "in_last_days", value: "7" }, days)).toEqual([
      "2026-06-08",
      "2026-06-15",
    ]);
    expect(keeps({ property: "start", operator: "in_next_days", value: "7" }, days)).toEqual([
      "2026-06-15",
      "2026-06-16",
      "2026-06-22",
    ]);
  });

  it("date-times by the user's day, stored as ISO instants or epoch milliseconds", () => {
    const times = [
      "2026-06-09T21:59:59.999Z", // 9 June 23:59 in Berlin
      "2026-06-09T22:00:00.000Z", // 10 June 00:00 in Berlin
      String(Date.parse("2026-06-10T12:00:00Z")),
      "2026-06-10T21:59:59.999Z",
      "2026-06-10T22:00:00.000Z", // 11 June
    ];
    expect(keeps({ property: "created", operator: "eq", value: "2026-06-10" }, times)).toEqual(times.slice(1, 4));
    expect(keeps({ property: "created", operator: "lt", value: "2026-06-10" }, times)).toEqual(times.slice(0, 1));
    expect(keeps({ property: "created", operator: "gt", value: "2026-06-10" }, times)).toEqual(times.slice(4));
    expect(
      keeps({ property: "created", operator: "in_last_days", value: "1" }, [
        "2026-06-14T11:00:00Z",
        "2026-06-14T09:00:00Z",
      ]),
    ).toEqual(["2026-06-14T11:00:00Z"]);
    expect(keeps({ property: "created", operator: "is_empty" }, ["", "2026-06-14T11:00:00Z"])).toEqual([""]);
  });
});

describe("options", () => {
  it("select: any of / none of (none of keeps empty values)", () => {
    const stages = ["lead", "customer", "other", ""];
    expect(keeps({ property: "stage", operator: "any_of", values: ["lead", "customer"] }, stages)).toEqual([
      "lead",
      "customer",
    ]);
    expect(keeps({ property: "stage", operator: "none_of", values: ["lead"] }, stages)).toEqual([
      "customer",
      "other",
      "",
    ]);
    expect(keeps({ property: "currency", operator: "any_of", values: ["EUR"] }, ["EUR", "USD"])).toEqual(["EUR"]);
  });

  it("multi-select: any of its values listed", () => {
    const units = ["north;south", "south", "east", "", "north"];
    expect(keeps({ property: "units", operator: "any_of", values: ["north"] }, units)).toEqual([
      "north;south",
      "north",
    ]);
    expect(keeps({ property: "units", operator: "none_of", values: ["north"] }, units)).toEqual(["south", "east", ""]);
    expect(keeps({ property: "units", operator: "is_empty" }, units)).toEqual([""]);
  });

  it("bool: is Yes / is No / empty", () => {
    const done = ["true", "false", ""];
    expect(keeps({ property: "done", operator: "eq", value: "true" }, done)).toEqual(["true"]);
    expect(keeps({ property: "done", operator: "eq", value: "false" }, done)).toEqual(["false"]);
    expect(keeps({ property: "done", operator: "is_not_empty" }, done)).toEqual(["true", "false"]);
  });
});

describe("groups", () => {
  const rows = [
    { stage: "lead", amount: "5" },
    { stage: "lead", amount: "50" },
    { stage: "customer", amount: "5" },
    { stage: "other", amount: "500" },
  ];
  it("ANDs within a group and ORs groups; no groups keeps every row", () => {
    const groups: FilterGroups = [
      [
        { property: "stage", operator: "any_of", values: ["lead"] },
        { property: "amount", operator: "gt", value: "10" },
      ],
      [{ property: "stage", operator: "any_of", values: ["customer"] }],
    ];
    const { matches } = rowMatcher(groups, typeOf, ctx);
    expect(rows.filter(matches)).toEqual([rows[1], rows[2]]);
    expect(rows.filter(rowMatcher([], typeOf, ctx).matches)).toEqual(rows);
  });

  it("a filter it cannot apply matches nothing and says why", () => {
    const { matches, problems } = rowMatcher(
      [[{ property: "gone", operator: "is_empty" }], [{ property: "amount", operator: "gt", value: "x" }]],
      typeOf,
      ctx,
    );
    expect(rows.filter(matches)).toEqual([]);
    expect(problems).toEqual(['gone: There is no column "gone"', "amount: Not a number"]);
  });
});
