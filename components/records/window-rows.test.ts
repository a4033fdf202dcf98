import { describe, expect, it } from "vitest";
import { copyRange, clearChanges, notLoadedIn } from "@/components/grid/range-ops";
import type { GridColumn, GridRow } from "@/components/grid/types";
import { windowGridRows } from "./window-rows";

const row = (id: string, name = `n${id}`): GridRow => ({ id, values: { name } });
const loaded = new Map([
  [0, row("100")],
  [1, row("101")],
  [999_999, row("last")],
]);
const make = (placeholders = new Map<number, GridRow>()) =>
  windowGridRows([row("new-1", "added")], 1_000_000, (p) => loaded.get(p), placeholders, "name");

describe("windowGridRows", () => {
  it("is as long as the view plus added rows, with added rows first and loaded rows at their positions", () => {
    const rows = make();
    expect(rows.length).toBe(1_000_001);
    expect(rows[0]!.id).toBe("new-1");
    expect(rows[1]!.id).toBe("100");
    expect(rows[1_000_000]!.id).toBe("last");
    expect(rows[1_000_001]).toBeUndefined();
    expect(1_000_000 in rows).toBe(true);
  });

  it("makes read-only loading placeholders on demand, the same object while cached, and keeps at most 2,000", () => {
    const placeholders = new Map<number, GridRow>();
    const rows = make(placeholders);
    const p = rows[500]!;
    expect(p).toMatchObject({ id: "loading-499", loading: true, values: { name: "Loading…" } });
    expect(rows[500]).toBe(p);
    for (let i = 2; i < 5_000; i++) void rows[i];
    expect(placeholders.size).toBeLessThanOrEqual(2_000);
  });

  it("replaces one row with `with` (an editor's commit) without copying the others", () => {
    const rows = make();
    const edited = row("101", "changed");
    const next = rows.with(2, edited);
    expect(next[2]).toBe(edited);
    expect(next[1]).toBe(rows[1]);
    expect(next.length).toBe(rows.length);
  });

  it("lets range operations skip rows not loaded, and count them", () => {
    const rows = make();
    const cols: GridColumn[] = [{ key: "name", label: "Name", type: "text" }];
    const b = { top: 1, bottom: 5, left: 0, right: 0 };
    expect(notLoadedIn(rows, 1, 5)).toBe(3);
    expect(copyRange(rows, cols, b)).toBe("n100\nn101");
    expect(clearChanges(rows, cols, b).map((c) => c.rowId)).toEqual(["100", "101"]);
  });
});
