import type { Bounds } from "./selection";
import { toTsv } from "./tsv";
import { cellValue, type CellChange, type GridColumn, type GridRow } from "./types";
import { formatCellValue, parseCellText, sameCellValue } from "./values";

/**
 * The range operations as pure functions over the rows in display order: each returns the cell
 * writes for one user action, skipping read-only columns and cells whose value would not change.
 */
function collect(
  rows: readonly GridRow[],
  columns: readonly GridColumn[],
  write: (r: number, c: number) => string | undefined,
  b: Bounds,
): CellChange[] {
  const changes: CellChange[] = [];
  for (let r = b.top; r <= b.bottom && r < rows.length; r++) {
    const row = rows[r]!;
    if (row.loading) continue;
    for (let c = b.left; c <= b.right && c < columns.length; c++) {
      const col = columns[c]!;
      if (col.readOnly) continue;
      const value = write(r, c);
      if (value !== undefined && !sameCellValue(col, value, cellValue(row, col.key)))
        changes.push({ rowId: row.id, key: col.key, value });
    }
  }
  return changes;
}

/** Placeholders (rows of a windowed grid not loaded yet) between two row indexes: range operations skip them. */
export function notLoadedIn(rows: readonly GridRow[], top: number, bottom: number): number {
  let n = 0;
  for (let r = top; r <= bottom && r < rows.length; r++) if (rows[r]?.loading) n++;
  return n;
}

export function copyRange(rows: readonly GridRow[], columns: readonly GridColumn[], b: Bounds): string {
  const out: string[][] = [];
  for (let r = b.top; r <= b.bottom && r < rows.length; r++) {
    if (rows[r]!.loading) continue;
    const line: string[] = [];
    for (let c = b.left; c <= b.right && c < columns.length; c++)
      line.push(formatCellValue(columns[c]!, cellValue(rows[r]!, columns[c]!.key)));
    out.push(line);
  }
  return toTsv(out);
}

/**
 * Where a clipboard block lands: one value fills the whole selection; a block that divides the
 * selection evenly is tiled across it (as Excel does); otherwise it is pasted at full size from
 * the selection's top-left corner, clipped at the grid's edges.
 */
function pasteTarget(matrix: readonly (readonly string[])[], b: Bounds): Bounds {
  const h = matrix.length;
  const w = Math.max(...matrix.map((r) => r.length));
  const selH = b.bottom - b.top + 1;
  const selW = b.right - b.left + 1;
  if (selH % h === 0 && selW % w === 0) return b;
  return { top: b.top, left: b.left, bottom: b.top + h - 1, right: b.left + w - 1 };
}

export function pasteChanges(
  rows: readonly GridRow[],
  columns: readonly GridColumn[],
  matrix: readonly (readonly string[])[],
  b: Bounds,
) {
  const target = pasteTarget(matrix, b);
  const h = matrix.length;
  const changes = collect(
    rows,
    columns,
    (r, c) => {
      const line = matrix[(r - target.top) % h]!;
      const text = line[(c - target.left) % Math.max(1, line.length)];
      return text === undefined ? undefined : parseCellText(columns[c]!, text);
    },
    target,
  );
  const clipped = {
    ...target,
    bottom: Math.min(target.bottom, rows.length - 1),
    right: Math.min(target.right, columns.length - 1),
  };
  return { changes, target: clipped };
}

/** Ctrl+D: the range's top row is copied into the rows below it; a one-row range copies the row above. */
export function fillDownChanges(rows: readonly GridRow[], columns: readonly GridColumn[], b: Bounds): CellChange[] {
  const source = b.top === b.bottom ? b.top - 1 : b.top;
  if (source < 0) return [];
  const targets = { ...b, top: source + 1 };
  if (rows[source]?.loading) return [];
  return collect(rows, columns, (_r, c) => cellValue(rows[source]!, columns[c]!.key), targets);
}

/** Delete / Backspace. */
export function clearChanges(rows: readonly GridRow[], columns: readonly GridColumn[], b: Bounds): CellChange[] {
  return collect(rows, columns, () => "", b);
}

/**
 * What of a paste has no cell to land on: rows past the grid's last row (or its last loaded row),
 * columns past its last column. A paste is never cut short without saying so (see usePendingPaste).
 */
export function pasteShortfall(matrix: readonly (readonly string[])[], b: Bounds, rowCount: number, colCount: number) {
  const t = pasteTarget(matrix, b);
  const rows = t.bottom - t.top + 1;
  const cols = t.right - t.left + 1;
  return {
    rows,
    cols,
    rowsOut: Math.max(0, t.bottom - (rowCount - 1)),
    colsOut: Math.max(0, t.right - (colCount - 1)),
  };
}

/** The plain-words report of a paste that did not fully fit, or null when it did. */
export function shortfallMessage(s: ReturnType<typeof pasteShortfall>): string | null {
  const n = (k: number, w: string) => `${k.toLocaleString("en-US")} ${w}${k === 1 ? "" : "s"}`;
  const parts: string[] = [];
  const reach = (k: number) => (k === 1 ? "reaches" : "reach");
  if (s.rowsOut > 0)
    parts.push(`the last ${n(s.rowsOut, "row")} of ${n(s.rows, "row")} ${reach(s.rowsOut)} past the end of the grid`);
  if (s.colsOut > 0)
    parts.push(`the last ${n(s.colsOut, "column")} of ${n(s.cols, "column")} ${reach(s.colsOut)} past its last column`);
  if (!parts.length) return null;
  const applied = `Pasted ${n(s.rows - s.rowsOut, "row")}${s.colsOut ? ` × ${n(s.cols - s.colsOut, "column")}` : ""}`;
  return `${applied}; not pasted: ${parts.join(", and ")}. Add rows or paste from a higher cell for the rest.`;
}
