"use client";

import { useEffect, useMemo, type Ref } from "react";
import type { DataGridHandle, SortColumn } from "react-data-grid";
import { SpreadsheetGrid } from "@/components/grid/spreadsheet-grid";
import type { CellChange, CellMeta, GridColumn, GridRow } from "@/components/grid/types";
import { isCreateKey } from "./edits/types";
import { firstContentDrawn } from "@/components/layout/after-first-content";
import type { GridResource } from "./resource";

interface Props {
  resource: GridResource;
  rows: readonly GridRow[];
  /** All matching records, including those not loaded yet (for aria-rowcount); null when unknown. */
  total: number | null;
  visibleColumns: readonly string[];
  sort?: string;
  onSortChange?: (sort: string | undefined) => void;
  onCellsChange: (changes: CellChange[]) => void;
  cellMeta: (rowId: string, key: string) => CellMeta | undefined;
  /** More rows are loading after the last one (a paste past it waits for them). */
  moreRowsComing?: boolean;
  /** The submission status column, shown once something was submitted. */
  statusColumn?: GridColumn;
  gridRef?: Ref<DataGridHandle>;
  /** Columns a filter of the view reads (their headers show a filter mark). */
  filtered?: ReadonlySet<string>;
  /** A row by id, for grids whose rows are a window onto a larger view (see SpreadsheetGrid). */
  findRow?: (id: string) => GridRow | undefined;
  /** The first and last row drawn, as the user scrolls (windowed grids load around them). */
  onVisibleRowsChange?: (top: number, bottom: number) => void;
}

// One function for the grid's life: a new one each render would draw every visible row again.
const rowClass = (r: GridRow) => (r.loading ? "bb-row-loading" : isCreateKey(r.id) ? "bb-row-new" : undefined);

const toSortColumns = (sort: string | undefined): SortColumn[] =>
  sort ? [{ columnKey: sort.replace(/^-/, ""), direction: sort.startsWith("-") ? "DESC" : "ASC" }] : [];

/**
 * A resource's records in the generic spreadsheet layer: its name column (frozen), the chosen
 * columns, the status column after a submission. Sorting, where the resource has it, is done by
 * HubSpot (the list may not be fully loaded yet), so the grid only reports header clicks.
 */
export default function RecordsGrid({
  resource,
  rows,
  total,
  visibleColumns,
  sort,
  onSortChange,
  onCellsChange,
  cellMeta,
  statusColumn,
  gridRef,
  moreRowsComing,
  filtered,
  findRow,
  onVisibleRowsChange,
}: Props) {
  const columns = useMemo<GridColumn[]>(() => {
    const cols = resource.columns
      .filter((c) => c.key === resource.nameKey || visibleColumns.includes(c.key))
      .map((c) => ({
        ...c,
        frozen: c.key === resource.nameKey,
        sortable: resource.sortable && c.sortable !== false,
        filtered: filtered?.has(c.key),
      }));
    const name = cols.findIndex((c) => c.key === resource.nameKey);
    if (name > 0) cols.unshift(...cols.splice(name, 1));
    const trailing = (resource.trailingColumns ?? []).map((c) => ({
      ...c,
      sortable: resource.sortable && c.sortable !== false,
      filtered: filtered?.has(c.key),
    }));
    return statusColumn ? [cols[0]!, statusColumn, ...cols.slice(1), ...trailing] : [...cols, ...trailing];
  }, [resource, visibleColumns, statusColumn, filtered]);

  const sortColumns = useMemo(() => toSortColumns(sort), [sort]);
  // The first rows are on screen: the header's links may prefetch their routes now.
  const hasRows = rows.length > 0;
  useEffect(() => {
    if (hasRows) firstContentDrawn();
  }, [hasRows]);
  // Only counted when the rows are the whole list (a windowed grid's length is its total already).
  const added = total === null ? 0 : rows.filter((r) => isCreateKey(r.id)).length;
  return (
    <SpreadsheetGrid
      label={resource.title}
      gridRef={gridRef}
      columns={columns}
      rows={rows}
      totalRows={total === null ? rows.length : total + added}
      moreRowsComing={moreRowsComing}
      findRow={findRow}
      onVisibleRowsChange={onVisibleRowsChange}
      onCellsChange={onCellsChange}
      cellMeta={cellMeta}
      rowClass={rowClass}
      sortColumns={sortColumns}
      onSortColumnsChange={(cols) => {
        const c = cols[0];
        onSortChange?.(c ? `${c.direction === "DESC" ? "-" : ""}${c.columnKey}` : undefined);
      }}
    />
  );
}
