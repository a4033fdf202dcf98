import type { RenderEditCellProps } from "react-data-grid";
import type { GridColumn, GridRow } from "../types";

/** What every editor gets: rdg's edit props plus our column model. */
export type EditorProps = RenderEditCellProps<GridRow> & { def: GridColumn };

export const editorValue = ({ row, column }: EditorProps) => row.values[column.key] ?? "";

export const withValue = (row: GridRow, key: string, value: string): GridRow => ({
  ...row,
  values: { ...row.values, [key]: value },
});

/** Focus and select on mount so that the first typed key replaces the cell, as in Excel. */
export function focusAndSelect(el: HTMLInputElement | HTMLTextAreaElement | null) {
  if (!el || el === document.activeElement) return;
  el.focus();
  el.select();
}

export const inputClass = "h-full w-full border-0 bg-white px-2 text-sm outline-none ring-2 ring-inset ring-blue-500";
