import { describe, expect, it } from "vitest";
import type { GridRow } from "@/components/grid/types";
import { keepShown } from "./keep-shown";

const row = (id: string, name: string): GridRow => ({ id, values: { name } });
const hasA = (v: GridRow["values"]) => (v.name ?? "").includes("a");

describe("keepShown", () => {
  it("keeps matching rows and counts them", () => {
    const { rows, matching } = keepShown([row("1", "alpha"), row("2", "beta"), row("3", "xyz")], hasA, new Set());
    expect(rows.map((r) => r.id)).toEqual(["1", "2"]);
    expect(matching).toBe(2);
  });

  it("keeps a row shown before even once it stops matching (an edit), until the set is reset", () => {
    const shown = new Set<string>();
    keepShown([row("1", "alpha"), row("2", "xyz")], hasA, shown);
    const after = keepShown([row("1", "edited"), row("2", "xyz")], hasA, shown);
    expect(after.rows.map((r) => r.id)).toEqual(["1"]);
    expect(keepShown([row("1", "edited")], hasA, new Set()).rows).toEqual([]);
  });

  it("always shows rows added in this tab, without counting them as matches", () => {
    const { rows, matching } = keepShown([row("new-1", ""), row("2", "xyz")], hasA, new Set());
    expect(rows.map((r) => r.id)).toEqual(["new-1"]);
    expect(matching).toBe(0);
  });
});
