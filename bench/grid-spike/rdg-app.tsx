// react-data-grid harness component (also imported by ssr-check.tsx).
import { useCallback, useMemo, useRef, useState } from "react";
import {
  DataGrid,
  renderTextEditor,
  type Column,
  type DataGridHandle,
  type FillEvent,
  type PositionChangeArgs,
  type RenderEditCellProps,
} from "react-data-grid";
import { COLUMNS, STATUSES, makeRows, parseTsv, type CampaignRow } from "./data";

function StatusEditor({ row, onRowChange }: RenderEditCellProps<CampaignRow>) {
  return (
    <select
      data-testid="status-editor"
      aria-label="Status"
      autoFocus
      value={row.status}
      onChange={(e) => onRowChange({ ...row, status: e.target.value }, true)}
    >
      {STATUSES.map((s) => (
        <option key={s}>{s}</option>
      ))}
    </select>
  );
}

const NUMERIC = new Set<keyof CampaignRow>(["budget", "spend"]);
function coerce(key: keyof CampaignRow, v: string): string | number {
  return NUMERIC.has(key) ? Number(v) || 0 : v;
}

export function RdgApp({ initialRows }: { initialRows?: CampaignRow[] }) {
  const [rows, setRows] = useState<CampaignRow[]>(() => initialRows ?? makeRows());
  const rowsRef = useRef(rows);
  rowsRef.current = rows;
  const active = useRef<{ rowIdx: number; idx: number }>({ rowIdx: -1, idx: -1 });
  const gridRef = useRef<DataGridHandle>(null);
  if (typeof window !== "undefined") (window as any).__getRows = () => rowsRef.current;

  const columns = useMemo<Column<CampaignRow>[]>(
    () =>
      COLUMNS.map((c) => ({
        key: c.key,
        name: c.name,
        width: c.width,
        resizable: true,
        renderEditCell: c.key === "status" ? StatusEditor : renderTextEditor,
      })),
    [],
  );

  const onFill = useCallback(
    ({ columnKey, sourceRow, targetRow }: FillEvent<CampaignRow>) => ({
      ...targetRow,
      [columnKey]: sourceRow[columnKey as keyof CampaignRow],
    }),
    [],
  );

  // Built-in paste is single-cell (onCellPaste returns ONE row). Multi-cell TSV paste has to be done
  // by us: intercept the paste in the capture phase on a wrapper and apply the matrix from the active cell.
  const onPasteCapture = useCallback((e: React.ClipboardEvent) => {
    const text = e.clipboardData.getData("text/plain");
    if (!/[\t\n]/.test(text.replace(/\n$/, ""))) return; // single value -> let the grid handle it
    const { rowIdx, idx } = active.current;
    if (rowIdx < 0 || idx < 0) return;
    if ((e.target as HTMLElement).closest("input,select,textarea")) return; // editing
    e.preventDefault();
    e.stopPropagation();
    const matrix = parseTsv(text);
    setRows((prev) => {
      const next = prev.slice();
      matrix.forEach((cells, dr) => {
        const r = rowIdx + dr;
        if (r >= next.length) return;
        const updated = { ...next[r] } as any;
        cells.forEach((v, dc) => {
          const col = COLUMNS[idx + dc];
          if (col) updated[col.key] = coerce(col.key, v);
        });
        next[r] = updated;
      });
      return next;
    });
  }, []);

  return (
    <div onPasteCapture={onPasteCapture} style={{ height: "100%" }}>
      <DataGrid
        ref={gridRef}
        aria-label="Campaigns"
        className="rdg-light"
        style={{ height: "100%", blockSize: "100%" }}
        columns={columns}
        rows={rows}
        rowKeyGetter={(r) => r.id}
        rowHeight={32}
        onRowsChange={setRows}
        onFill={onFill}
        onActivePositionChange={(a: PositionChangeArgs<CampaignRow>) => {
          active.current = { rowIdx: a.rowIdx, idx: a.column?.idx ?? -1 };
        }}
        onCellCopy={({ row, column }, event) => {
          event.clipboardData.setData("text/plain", String(row[column.key as keyof CampaignRow]));
          event.preventDefault();
        }}
        onCellPaste={({ row, column }, event) => {
          const key = column.key as keyof CampaignRow;
          return { ...row, [key]: coerce(key, event.clipboardData.getData("text/plain")) };
        }}
      />
    </div>
  );
}
