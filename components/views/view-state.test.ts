import { describe, expect, it } from "vitest";
import { viewQueryFromParams, viewQueryToParams, type ViewQuery } from "@/lib/records/filters";
import { isEmptyQuery, sameColumns, sameQuery } from "./view-state";

const leads: ViewQuery = {
  filters: [[{ property: "lifecyclestage", operator: "any_of", values: ["lead"] }]],
  sort: "-createdate",
};

describe("saved view state", () => {
  it("sees a view's query again after a trip through the URL, and a change to it", () => {
    const back = viewQueryFromParams(viewQueryToParams(leads)).query;
    expect(sameQuery(leads, back)).toBe(true);
    expect(sameQuery(leads, { ...back, q: "" })).toBe(true);
    expect(sameQuery(leads, { ...back, sort: "createdate" })).toBe(false);
    expect(sameQuery(leads, { ...back, q: "ann" })).toBe(false);
    expect(sameQuery(leads, { ...back, filters: [] })).toBe(false);
    expect(isEmptyQuery({ filters: [] })).toBe(true);
    expect(isEmptyQuery(leads)).toBe(false);
  });

  it("compares columns as sets of the grid's columns, the locked one aside", () => {
    const all = ["email", "firstname", "phone"];
    expect(sameColumns(["phone", "email"], ["email", "phone"], all, "email")).toBe(true);
    expect(sameColumns(["phone", "gone"], ["email", "phone"], all, "email")).toBe(true);
    expect(sameColumns(["phone"], ["phone", "firstname"], all, "email")).toBe(false);
  });
});
