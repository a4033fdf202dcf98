import { describe, expect, it } from "vitest";
import { MAX_FILTER_GROUPS, MAX_FILTERS_PER_GROUP, type FilterGroups, type ViewFilter } from "@/lib/records/filters";
import { putFilter, removeFilter } from "./edit-groups";

const f = (property: string): ViewFilter => ({ property, operator: "is_empty" });

describe("putFilter", () => {
  it("appends to a group, starts a new OR group, replaces a filter", () => {
    const one: FilterGroups = [[f("a")]];
    expect(putFilter(one, { group: 0 }, f("b"))).toEqual({ groups: [[f("a"), f("b")]] });
    expect(putFilter(one, { group: 1 }, f("b"))).toEqual({ groups: [[f("a")], [f("b")]] });
    expect(putFilter(one, { group: 0, index: 0 }, f("c"))).toEqual({ groups: [[f("c")]] });
    expect(putFilter([], { group: 0 }, f("a"))).toEqual({ groups: [[f("a")]] });
  });

  it("refuses past the bounds with a reason the user can act on", () => {
    const full = [Array.from({ length: MAX_FILTERS_PER_GROUP }, (_, i) => f(`p${i}`))];
    expect(putFilter(full, { group: 0 }, f("x"))).toEqual({ error: expect.stringMatching(/add an OR group/) });
    // Replacing within a full group is fine.
    expect("groups" in putFilter(full, { group: 0, index: 0 }, f("x"))).toBe(true);
    const groups = Array.from({ length: MAX_FILTER_GROUPS }, (_, i) => [f(`g${i}`)]);
    expect(putFilter(groups, { group: MAX_FILTER_GROUPS }, f("x"))).toEqual({ error: "At most 5 OR groups." });
    const twenty = Array.from({ length: 5 }, (_, g) => Array.from({ length: 4 }, (_, i) => f(`${g}-${i}`)));
    expect(putFilter(twenty, { group: 0 }, f("x"))).toEqual({ error: "At most 20 filters in all." });
  });
});

describe("removeFilter", () => {
  it("removes one filter, and a group left empty", () => {
    expect(removeFilter([[f("a"), f("b")], [f("c")]], 0, 0)).toEqual([[f("b")], [f("c")]]);
    expect(removeFilter([[f("a")], [f("c")]], 0, 0)).toEqual([[f("c")]]);
  });
});
