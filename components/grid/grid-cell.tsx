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

/**
 * Wraps rdg's memoised Cell to add what rdg lacks: aria-selected on every cell of the range,
 * aria-invalid with the reason in the title, and the edited mark with the original value.
 * Extra props are primitives, so only cells whose state changed re-render.
 */
export function renderGridCell(ctx: CellRenderContext) {
  return function renderCell(key: React.Key, props: CellRendererProps<GridRow, unknown>) {
    const { row, rowIdx, column } = props;
    const def = ctx.columns[column.idx];
    const meta = def ? ctx.cellMeta?.(row.id, def.key) : undefined;
    const edited = meta !== undefined && meta.original !== undefined;
    const issue =
      meta?.issue ?? (edited && def?.validate ? (def.validate(cellValue(row, def.key), row) ?? undefined) : undefined);
    const selected = props.isCellActive || (ctx.bounds !== null && inBounds(ctx.bounds, rowIdx, column.idx));
    const was = edited && def ? `Was: ${formatCellValue(def, meta.original ?? "") || "(empty)"}` : "";
    const title = [issue, was].filter(Boolean).join(" — ") || undefined;
    const className =
      [selected && !props.isCellActive && "bb-cell-in-range", edited && "bb-cell-edited", issue && "bb-cell-invalid"]
        .filter(Boolean)
        .join(" ") || undefined;
    return (
      <Cell
        key={key}
        {...props}
        aria-selected={selected}
        aria-invalid={issue ? true : undefined}
        title={title}
        className={className}
        onPointerEnter={(e) => ctx.onPointerEnter(rowIdx, column.idx, e.buttons)}
      />
    );
  };
}
