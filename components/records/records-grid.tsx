"use client";

import { useMemo, type Ref } from "react";
import type { DataGridHandle, SortColumn } from "react-data-grid";
import { SpreadsheetGrid } from "@/components/grid/spreadsheet-grid";
import type { CellChange, CellMeta, GridColumn, GridRow } from "@/components/grid/types";
import { campaignColumn, UPDATED_AT_COLUMN } from "./campaign-columns";
import { CAMPAIGN_COLUMNS } from "./columns";
import { isCreateKey } from "./edits/types";

interface Props {
  rows: readonly GridRow[];
  /** All matching campaigns, including those not loaded yet (for aria-rowcount). */
  total: number;
  visibleColumns: readonly string[];
  sort: string | undefined;
  onSortChange: (sort: string | undefined) => void;
  onCellsChange: (changes: CellChange[]) => void;
  cellMeta: (rowId: string, key: string) => CellMeta | undefined;
  /** The submission status column, shown once something was submitted. */
  statusColumn?: GridColumn;
  gridRef?: Ref<DataGridHandle>;
}

const toSortColumns = (sort: string | undefined): SortColumn[] =>
  sort ? [{ columnKey: sort.replace(/^-/, ""), direction: sort.startsWith("-") ? "DESC" : "ASC" }] : [];

/**
 * The campaigns grid: the generic spreadsheet layer with campaign columns. Sorting is done by
 * HubSpot (the list may not be fully loaded yet), so the grid only reports header clicks.
 */
export default function CampaignsGrid({ rows, total, visibleColumns, sort, onSortChange, onCellsChange, cellMeta, statusColumn, gridRef }: Props) {
  const columns = useMemo<GridColumn[]>(() => {
    const defs = CAMPAIGN_COLUMNS.filter((d) => d.name === "hs_name" || visibleColumns.includes(d.name));
    const cols = defs.map(campaignColumn);
    return statusColumn ? [cols[0]!, statusColumn, ...cols.slice(1), UPDATED_AT_COLUMN] : [...cols, UPDATED_AT_COLUMN];
  }, [visibleColumns, statusColumn]);

  return (
    <SpreadsheetGrid
      label="Campaigns"
      gridRef={gridRef}
      columns={columns}
      rows={rows}
      totalRows={total + rows.filter((r) => isCreateKey(r.id)).length}
      onCellsChange={onCellsChange}
      cellMeta={cellMeta}
      rowClass={(r) => (isCreateKey(r.id) ? "bb-row-new" : undefined)}
      sortColumns={toSortColumns(sort)}
      onSortColumnsChange={(cols) => {
        const c = cols[0];
        onSortChange(c ? `${c.direction === "DESC" ? "-" : ""}${c.columnKey}` : undefined);
      }}
    />
  );
}
