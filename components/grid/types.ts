import type { ReactNode } from "react";
import type { PropertyOption, PropertyType } from "@/lib/properties/types";

/**
 * The generic spreadsheet layer's model. Values are strings, as HubSpot stores every property
 * ("" means empty), so one grid serves campaigns, marketing events and CRM records alike.
 */
/** The shared property types (lib/properties/types.ts); "datetime" is shown and typed in the user's zone. */
export type GridColumnType = PropertyType;
type GridOption = PropertyOption;

export interface GridColumn {
  key: string;
  label: string;
  type: GridColumnType;
  /** Shown but never edited, pasted, filled or cleared. */
  readOnly?: boolean;
  options?: readonly GridOption[];
  width?: number;
  frozen?: boolean;
  sortable?: boolean;
  /** A filter of the view reads this column: its header shows a mark (and says so to screen readers). */
  filtered?: boolean;
  /** Stored value → cell text (labels for enumerations). Defaults per type in `values.ts`. */
  format?: (value: string) => string;
  /** Typed or pasted text → stored value. Unparseable text is kept as typed so validation can say why. */
  parse?: (text: string) => string;
  /** Per-cell rule used when the owner gives no issue of its own (see `CellMeta`). */
  validate?: (value: string, row: GridRow) => string | null;
  /** Custom cell content (status badges and the like); read-only columns only. */
  render?: (row: GridRow) => ReactNode;
}

export interface GridRow {
  id: string;
  values: Readonly<Record<string, string | null | undefined>>;
  /** A placeholder for a row not loaded yet (windowed grids): read-only, skipped by range operations. */
  loading?: boolean;
}

/** One cell write. Every user action (edit, paste, fill, clear, undo) is one array of these. */
export interface CellChange {
  rowId: string;
  key: string;
  value: string;
}

/** What the owner knows about a cell: edited (with the value it had) and/or invalid (with why). */
export interface CellMeta {
  original?: string | null;
  issue?: string;
}

export const cellValue = (row: GridRow, key: string): string => row.values[key] ?? "";
