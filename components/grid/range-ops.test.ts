import { describe, expect, it } from "vitest";
import { clearChanges, copyRange, fillDownChanges, pasteChanges, pasteShortfall, shortfallMessage } from "./range-ops";
import type { GridColumn, GridRow } from "./types";

const columns: GridColumn[] = [
  { key: "name", label: "Name", type: "text" },
  { key: "owner", label: "Owner", type: "number", readOnly: true },
  {
    key: "status",
    label: "Status",
    type: "enum",
    options: [
      { value: "in_progress", label: "In progress" },
      { value: "paused", label: "Paused" },
    ],
  },
  { key: "start", label: "Start", type: "date" },
];
const rows: GridRow[] = [
  { id: "a", values: { name: "A", owner: "1", status: "paused", start: "2026-01-01" } },
  { id: "b", values: { name: "B", owner: "2", status: null, start: "" } },
  { id: "c", values: { name: "C", owner: "3", status: "paused", start: null } },
];

describe("range operations", () => {
  it("copies a range as TSV with labels", () => {
    expect(copyRange(rows, columns, { top: 0, bottom: 1, left: 0, right: 2 })).toBe("A\t1\tPaused\nB\t2\t");
  });

  it("pastes a block from the top-left corner, converting per column and skipping read-only cells", () => {
    const { changes, target } = pasteChanges(
      rows,
      columns,
      [
        ["X", "99", "In progress"],
        ["Y", "98", "paused"],
      ],
      { top: 1, bottom: 1, left: 0, right: 0 },
    );
    expect(target).toEqual({ top: 1, bottom: 2, left: 0, right: 2 });
    expect(changes).toEqual([
      { rowId: "b", key: "name", value: "X" },
      { rowId: "b", key: "status", value: "in_progress" },
      { rowId: "c", key: "name", value: "Y" },
    ]);
  });

  it("clips a block at the last row", () => {
    const { changes } = pasteChanges(rows, columns, [["1/2/2026"], ["3.4.2026"], ["2026-05-06"]], {
      top: 2,
      bottom: 2,
      left: 3,
      right: 3,
    });
    expect(changes).toEqual([{ rowId: "c", key: "start", value: "2026-01-02" }]);
  });

  it("fills a whole selection with a single value", () => {
    const { changes } = pasteChanges(rows, columns, [["Z"]], { top: 0, bottom: 2, left: 0, right: 0 });
    expect(changes.map((c) => c.value)).toEqual(["Z", "Z", "Z"]);
  });

  it("fills down from the top row of the range, or from the row above a single row", () => {
    expect(fillDownChanges(rows, columns, { top: 0, bottom: 2, left: 2, right: 3 })).toEqual([
      { rowId: "b", key: "status", value: "paused" },
      { rowId: "b", key: "start", value: "2026-01-01" },
      { rowId: "c", key: "start", value: "2026-01-01" },
    ]);
    expect(fillDownChanges(rows, columns, { top: 1, bottom: 1, left: 0, right: 0 })).toEqual([
      { rowId: "b", key: "name", value: "A" },
    ]);
    expect(fillDownChanges(rows, columns, { top: 0, bottom: 0, left: 0, right: 0 })).toEqual([]);
  });

  it("clears editable non-empty cells only", () => {
    expect(clearChanges(rows, columns, { top: 1, bottom: 2, left: 0, right: 3 })).toEqual([
      { rowId: "b", key: "name", value: "" },
      { rowId: "c", key: "name", value: "" },
      { rowId: "c", key: "status", value: "" },
    ]);
  });
});

describe("a paste that does not fit (issue 11, item 12)", () => {
  const block = Array.from({ length: 5 }, (_, r) => [`n${r}`, "x", "y"]);
  it("counts the rows and columns that have no cell to land on", () => {
    expect(pasteShortfall(block, { top: 1, bottom: 1, left: 2, right: 2 }, 3, 4)).toEqual({
      rows: 5,
      cols: 3,
      rowsOut: 3,
      colsOut: 1,
    });
    expect(pasteShortfall(block, { top: 0, bottom: 0, left: 0, right: 0 }, 10, 4)).toEqual({
      rows: 5,
      cols: 3,
      rowsOut: 0,
      colsOut: 0,
    });
  });
  it("says in plain words what was and was not pasted", () => {
    expect(shortfallMessage({ rows: 320, cols: 1, rowsOut: 120, colsOut: 0 })).toBe(
      "Pasted 200 rows; not pasted: the last 120 rows of 320 rows reach past the end of the grid. Add rows or paste from a higher cell for the rest.",
    );
    expect(shortfallMessage({ rows: 5, cols: 3, rowsOut: 3, colsOut: 1 })).toMatch(
      /^Pasted 2 rows × 2 columns; not pasted: the last 3 rows of 5 rows reach past the end of the grid, and the last 1 column of 3 columns reaches past its last column\./,
    );
    expect(shortfallMessage({ rows: 5, cols: 3, rowsOut: 0, colsOut: 0 })).toBeNull();
  });
});
