import { describe, expect, it } from "vitest";
import { filterMeaning, filterProblem, type MeaningContext } from "./filter-meaning";
import type { ViewFilter } from "./filters";

const BERLIN: MeaningContext = { timeZone: "Europe/Berlin", now: Date.parse("2026-06-15T10:00:00Z") };
const ms = (iso: string) => Date.parse(iso);
const DAY = 86_400_000;

describe("dates (stored as midnight UTC of their day)", () => {
  const m = (f: Omit<ViewFilter, "property">) => filterMeaning({ property: "d", ...f }, "date", BERLIN);

  it("on, before, after a day: whatever the user's zone", () => {
    expect(m({ operator: "eq", value: "2026-03-03" })).toEqual({
      kind: "between",
      low: ms("2026-03-03T00:00:00Z"),
      high: ms("2026-03-03T00:00:00Z"),
    });
    expect(m({ operator: "lt", value: "2026-03-03" })).toEqual({ kind: "lt", value: ms("2026-03-03T00:00:00Z") });
    expect(m({ operator: "gt", value: "2026-03-03" })).toEqual({ kind: "gte", value: ms("2026-03-04T00:00:00Z") });
  });

  it("between is inclusive of both days", () => {
    const r = m({ operator: "between", value: "2026-03-01", highValue: "2026-03-31" });
    expect(r).toEqual({ kind: "between", low: ms("2026-03-01T00:00:00Z"), high: ms("2026-04-01T00:00:00Z") - 1 });
  });

  it("last/next N days count from today in the user's zone", () => {
    // 23:30 UTC on 15 June is already 16 June in Berlin.
    const late = { ...BERLIN, now: ms("2026-06-15T23:30:00Z") };
    const last = filterMeaning({ property: "d", operator: "in_last_days", value: "7" }, "date", late);
    expect(last).toEqual({ kind: "between", low: ms("2026-06-09T00:00:00Z"), high: ms("2026-06-16T00:00:00Z") });
    const next = filterMeaning({ property: "d", operator: "in_next_days", value: "7" }, "date", late);
    expect(next).toEqual({ kind: "between", low: ms("2026-06-16T00:00:00Z"), high: ms("2026-06-23T00:00:00Z") });
  });
});

describe("date-times compared by day, in the user's zone", () => {
  const m = (f: Omit<ViewFilter, "property">, ctx = BERLIN) => filterMeaning({ property: "t", ...f }, "datetime", ctx);

  it("a summer day in Berlin starts at 22:00 UTC the day before", () => {
    expect(m({ operator: "eq", value: "2026-06-10" })).toEqual({
      kind: "between",
      low: ms("2026-06-09T22:00:00Z"),
      high: ms("2026-06-10T22:00:00Z") - 1,
    });
    expect(m({ operator: "lt", value: "2026-06-10" })).toEqual({ kind: "lt", value: ms("2026-06-09T22:00:00Z") });
    expect(m({ operator: "gt", value: "2026-06-10" })).toEqual({ kind: "gte", value: ms("2026-06-10T22:00:00Z") });
  });

  it("the spring DST day has 23 hours, the autumn one 25", () => {
    const spring = m({ operator: "eq", value: "2026-03-29" });
    expect(spring).toEqual({ kind: "between", low: ms("2026-03-28T23:00:00Z"), high: ms("2026-03-29T22:00:00Z") - 1 });
    const autumn = m({ operator: "eq", value: "2026-10-25" });
    expect(autumn).toEqual({ kind: "between", low: ms("2026-10-24T22:00:00Z"), high: ms("2026-10-25T23:00:00Z") - 1 });
  });

  it("between two days takes the whole of both", () => {
    const r = m({ operator: "between", value: "2026-01-01", highValue: "2026-01-02" });
    expect(r).toEqual({ kind: "between", low: ms("2025-12-31T23:00:00Z"), high: ms("2026-01-02T23:00:00Z") - 1 });
  });

  it("an exact instant means that instant", () => {
    const t = "2026-06-10T08:30:00.000Z";
    expect(m({ operator: "eq", value: t })).toEqual({ kind: "between", low: ms(t), high: ms(t) });
  });

  it("last/next N days are N × 24 h from now", () => {
    expect(m({ operator: "in_last_days", value: "2" })).toEqual({
      kind: "between",
      low: BERLIN.now - 2 * DAY,
      high: BERLIN.now,
    });
    expect(m({ operator: "in_next_days", value: "0" })).toEqual({ kind: "between", low: BERLIN.now, high: BERLIN.now });
  });

  it("New York's day is five hours behind UTC in winter", () => {
    const ny = { timeZone: "America/New_York", now: 0 };
    expect(m({ operator: "eq", value: "2026-01-15" }, ny)).toEqual({
      kind: "between",
      low: ms("2026-01-15T05:00:00Z"),
      high: ms("2026-01-16T05:00:00Z") - 1,
    });
  });
});

describe("other types", () => {
  it("numbers", () => {
    expect(filterMeaning({ property: "n", operator: "gte", value: "2.5" }, "number", BERLIN)).toEqual({
      kind: "gte",
      value: 2.5,
    });
    expect(
      filterMeaning({ property: "n", operator: "between", value: "10", highValue: "20" }, "number", BERLIN),
    ).toEqual({ kind: "between", low: 10, high: 20 });
  });

  it("text, options and empty tests", () => {
    expect(filterMeaning({ property: "x", operator: "starts_with", value: "Ac" }, "text", BERLIN)).toEqual({
      kind: "startsWith",
      value: "Ac",
    });
    expect(filterMeaning({ property: "x", operator: "none_of", values: ["a"] }, "multi", BERLIN)).toEqual({
      kind: "notIn",
      values: ["a"],
    });
    expect(filterMeaning({ property: "x", operator: "is_not_empty" }, "bool", BERLIN)).toEqual({ kind: "notEmpty" });
  });

  it("refuses an operator the type does not take", () => {
    expect(() => filterMeaning({ property: "x", operator: "lt", value: "1" }, "bool", BERLIN)).toThrow();
  });
});

describe("filterProblem", () => {
  it("says why a filter cannot apply", () => {
    expect(filterProblem({ property: "x", operator: "is_empty" }, undefined)).toMatch(/no column/);
    expect(filterProblem({ property: "x", operator: "contains", value: "a" }, "number")).toMatch(/does not apply/);
    expect(filterProblem({ property: "x", operator: "gt", value: "ten" }, "number")).toBe("Not a number");
    expect(filterProblem({ property: "x", operator: "gt", value: "03/01/2026" }, "date")).toMatch(/Not a date/);
    expect(filterProblem({ property: "x", operator: "gt", value: "2026-13-45" }, "date")).toMatch(/Not a date/);
    expect(filterProblem({ property: "x", operator: "eq", value: "yes" }, "bool")).toBe("Yes or No");
    expect(filterProblem({ property: "x", operator: "gt", value: "2026-01-01" }, "datetime")).toBeUndefined();
    expect(filterProblem({ property: "x", operator: "eq", value: "true" }, "bool")).toBeUndefined();
    expect(filterProblem({ property: "x", operator: "any_of", values: ["EUR"] }, "currency")).toBeUndefined();
  });
});
