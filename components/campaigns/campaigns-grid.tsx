"use client";

import { useMemo } from "react";
import { DataGrid, type Column, type SortColumn } from "react-data-grid";
import "react-data-grid/lib/styles.css";
import type { CampaignRow } from "@/lib/campaigns/query";
import { CAMPAIGN_COLUMNS, columnWidth, displayValue } from "./columns";

interface Props {
  rows: readonly CampaignRow[];
  /** All matching campaigns, including those not loaded yet (for aria-rowcount). */
  total: number;
  visibleColumns: readonly string[];
  sort: string | undefined;
  onSortChange: (sort: string | undefined) => void;
}

const toSortColumns = (sort: string | undefined): SortColumn[] =>
  sort ? [{ columnKey: sort.replace(/^-/, ""), direction: sort.startsWith("-") ? "DESC" : "ASC" }] : [];

/**
 * The campaigns grid: react-data-grid (virtualised DOM rows, ARIA grid roles, keyboard navigation).
 * Sorting is done by HubSpot (the list may not be fully loaded yet), so the grid only reports clicks.
 */
export default function CampaignsGrid({ rows, total, visibleColumns, sort, onSortChange }: Props) {
  const columns = useMemo<Column<CampaignRow>[]>(() => {
    const defs = CAMPAIGN_COLUMNS.filter((d) => d.name === "hs_name" || visibleColumns.includes(d.name));
    const cols: Column<CampaignRow>[] = defs.map((def) => ({
      key: def.name,
      name: def.label,
      width: columnWidth(def),
      resizable: true,
      sortable: true,
      frozen: def.name === "hs_name",
      headerCellClass: def.readOnly ? "text-slate-500" : undefined,
      cellClass: def.readOnly ? "text-slate-500 bg-slate-50" : undefined,
      renderCell: ({ row }) => displayValue(def, row.properties[def.name]),
    }));
    cols.push({
      key: "updatedAt",
      name: "Last updated",
      width: 180,
      sortable: true,
      renderCell: ({ row }) => new Date(row.updatedAt).toLocaleString(),
    });
    return cols;
  }, [visibleColumns]);

  return (
    <DataGrid
      aria-label="Campaigns"
      aria-rowcount={total + 1}
      className="rdg-light h-full min-h-0 flex-1 text-sm"
      columns={columns}
      rows={rows}
      rowKeyGetter={(r) => r.id}
      rowHeight={34}
      sortColumns={toSortColumns(sort)}
      onSortColumnsChange={(cols) => {
        const c = cols[0];
        onSortChange(c ? `${c.direction === "DESC" ? "-" : ""}${c.columnKey}` : undefined);
      }}
    />
  );
}
