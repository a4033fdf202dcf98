"use client";

import { Cell, type CellRendererProps } from "react-data-grid";
import type { Bounds } from "./selection";
import { inBounds } from "./selection";
import { cellValue, type CellMeta, type GridColumn, type GridRow } from "./types";
import { formatCellValue } from "./values";

export interface CellRenderContext {
  columns: readonly GridColumn[];
  bounds: Bounds | null;
  cellMeta?: (rowId: string, key: string) => CellMeta | undefined;
  onPointerEnter: (rowIdx: number, idx: number, buttons: number) => void;
}

/** The edited, invalid and "Was:" marks of one cell, or null for a plain cell (most of them). */
function marks(def: GridColumn, row: GridRow, meta: CellMeta): { title?: string; className?: string; issue?: string } {
  const edited = meta.original !== undefined;
  const issue =
    meta.issue ?? (edited && def.validate ? (def.validate(cellValue(row, def.key), row) ?? undefined) : undefined);
  const was = edited ? `Was: ${formatCellValue(def, meta.original ?? "") || "(empty)"}` : "";
  return {
    issue,
    title: issue && was ? `${issue} — ${was}` : issue || was || undefined,
    className:
      edited && issue
        ? "bb-cell-edited bb-cell-invalid"
        : edited
          ? "bb-cell-edited"
          : issue
            ? "bb-cell-invalid"
            : undefined,
  };
}

/**
 * Wraps rdg's memoised Cell to add what rdg lacks: aria-selected on every cell of the range,
 * aria-invalid with the reason in the title, and the edited mark with the original value.
 * Extra props are primitives and one handler shared by every cell (it reads the cell's position
 * from data attributes), so a row drawn again re-renders only the cells whose state changed, and
 * a plain cell allocates nothing beyond rdg's own props.
 */
export function renderGridCell(ctx: CellRenderContext) {
  const { columns, bounds, cellMeta } = ctx;
  const onPointerEnter = (e: React.PointerEvent<HTMLDivElement>) => {
    const { rowIdx, idx } = e.currentTarget.dataset;
    ctx.onPointerEnter(Number(rowIdx), Number(idx), e.buttons);
  };
  return function renderCell(key: React.Key, props: CellRendererProps<GridRow, unknown>) {
    const { row, rowIdx, column, isCellActive } = props;
    const def = columns[column.idx];
    const meta = def && cellMeta ? cellMeta(row.id, def.key) : undefined;
    const m = meta && def ? marks(def, row, meta) : null;
    const inRange = !isCellActive && bounds !== null && inBounds(bounds, rowIdx, column.idx);
    const className = inRange ? (m?.className ? `bb-cell-in-range ${m.className}` : "bb-cell-in-range") : m?.className;
    return (
      <Cell
        key={key}
        {...props}
        aria-selected={isCellActive || inRange}
        aria-invalid={m?.issue ? true : undefined}
        title={m?.title}
        className={className}
        data-row-idx={rowIdx}
        data-idx={column.idx}
        onPointerEnter={onPointerEnter}
      />
    );
  };
}
