"use client";

import { useCallback, useLayoutEffect, useMemo, useRef, useState, type Ref } from "react";
import { DataGrid, type Column, type DataGridHandle, type FillEvent, type SortColumn } from "react-data-grid";
import "react-data-grid/lib/styles.css";
import { editorFor } from "./editors";
import { renderGridCell } from "./grid-cell";
import { handleGridKeyDown } from "./grid-keyboard";
import "./grid.css";
import { clearChanges, copyRange, fillDownChanges, notLoadedIn, pasteChanges } from "./range-ops";
import { boundsOf, collapsed } from "./selection";
import { parseTsv } from "./tsv";
import { cellValue, type CellChange, type CellMeta, type GridColumn, type GridRow } from "./types";
import { usePendingPaste } from "./use-pending-paste";
import { useRangeSelection } from "./use-range-selection";
import { useSelectionFollowsColumns } from "./use-selection-follows-columns";
import { useUndoHistory, type HistoryStep } from "./use-undo-history";
import { formatCellValue, parseCellText, sameCellValue } from "./values";
import { FilteredHeader } from "./filtered-header";

export interface SpreadsheetGridProps {
  label: string;
  columns: readonly GridColumn[];
  rows: readonly GridRow[];
  /** Rows that exist, including those not loaded yet (aria-rowcount). */
  totalRows?: number;
  /** Rows are still loading behind the last one: a paste reaching past it waits for them. */
  moreRowsComing?: boolean;
  /** Every write (edit, paste, fill, clear, undo) arrives here as one array: one state update. */
  onCellsChange: (changes: CellChange[]) => void;
  cellMeta?: (rowId: string, key: string) => CellMeta | undefined;
  rowClass?: (row: GridRow) => string | undefined;
  sortColumns?: readonly SortColumn[];
  onSortColumnsChange?: (cols: SortColumn[]) => void;
  gridRef?: Ref<DataGridHandle>;
  /**
   * A row by id. Give it when `rows` is a window onto a larger view (an array-like whose `length`
   * is the view's; see components/records/window-rows.ts): the grid then never iterates `rows`.
   */
  findRow?: (id: string) => GridRow | undefined;
  /** The first and last row index drawn, reported as the user scrolls (windowed grids load around them). */
  onVisibleRowsChange?: (top: number, bottom: number) => void;
}

const ROW_HEIGHT = 34;

/**
 * The spreadsheet layer over react-data-grid: range selection, clipboard, fill, clear and undo,
 * for any rows of string values described by a `GridColumn` model. The owner keeps the data and
 * decides what a write means (pending edits, validation); this component only reports writes.
 */
export function SpreadsheetGrid(props: SpreadsheetGridProps) {
  const { columns, rows, onCellsChange, cellMeta } = props;
  const handle = useRef<DataGridHandle | null>(null);
  const { selection, selectionRef, select, pointerDown, pointerEnter } = useRangeSelection();
  const latest = useRef({ rows, columns, findRow: props.findRow });
  latest.current = { rows, columns, findRow: props.findRow };
  const [notice, setNotice] = useState<string | null>(null);

  const history = useUndoHistory(onCellsChange);

  useSelectionFollowsColumns(columns, selectionRef, select, handle);

  /** Records the step for undo (values before, by row id) and hands the writes to the owner. */
  const commit = useCallback(
    (changes: CellChange[]) => {
      if (changes.length === 0) return;
      const { rows, findRow } = latest.current;
      const rowOf =
        findRow ??
        (
          (byId) => (id: string) =>
            byId.get(id)
        )(new Map(rows.map((r) => [r.id, r])));
      const step: HistoryStep = changes.map((c) => {
        const row = rowOf(c.rowId);
        return { ...c, before: row ? cellValue(row, c.key) : "", after: c.value };
      });
      history.record(step);
      onCellsChange(changes);
    },
    [history, onCellsChange],
  );

  /** Rows of a windowed grid not loaded yet are left out of a range action: say how many. */
  const reportNotLoaded = useCallback((b: { top: number; bottom: number }, what: string) => {
    const n = notLoadedIn(latest.current.rows, b.top, b.bottom);
    setNotice(
      n === 0
        ? null
        : `${n.toLocaleString("en-US")} row${n === 1 ? " is" : "s are"} not loaded yet and ${n === 1 ? "was" : "were"} left out of the ${what}. Scroll to them to load them, or narrow the view with filters.`,
    );
  }, []);

  const rangeAction = useCallback(
    (op: typeof clearChanges, what: string) => {
      const sel = selectionRef.current;
      if (!sel) return;
      commit(op(latest.current.rows, latest.current.columns, boundsOf(sel)));
      reportNotLoaded(boundsOf(sel), what);
    },
    [commit, selectionRef, reportNotLoaded],
  );

  const rdgColumns = useMemo<Column<GridRow>[]>(
    () =>
      columns.map((def) => ({
        key: def.key,
        name: def.filtered ? <FilteredHeader label={def.label} /> : def.label,
        width: def.width,
        frozen: def.frozen,
        resizable: true,
        sortable: def.sortable ?? false,
        editable: def.readOnly ? false : (row: GridRow) => !row.loading,
        renderEditCell: editorFor(def),
        renderCell: ({ row }) => (def.render ? def.render(row) : formatCellValue(def, cellValue(row, def.key))),
      })),
    [columns],
  );

  const bounds = selection ? boundsOf(selection) : null;
  const renderers = useMemo(
    () => ({
      renderCell: renderGridCell({
        columns,
        // A single cell is rdg's active cell already; only real ranges need marking.
        bounds: bounds && (bounds.top !== bounds.bottom || bounds.left !== bounds.right) ? bounds : null,
        cellMeta,
        onPointerEnter: (rowIdx, idx, buttons) => pointerEnter({ rowIdx, idx }, buttons),
      }),
    }),
    [columns, bounds?.top, bounds?.bottom, bounds?.left, bounds?.right, cellMeta, pointerEnter],
  );

  // rdg has no prop for it; a range of cells can be selected, so say so to assistive technology.
  useLayoutEffect(() => {
    handle.current?.element?.setAttribute("aria-multiselectable", "true");
  });

  // Which rows are drawn: the header row is as tall as a row, so the first row starts one below.
  const onVisible = props.onVisibleRowsChange;
  const reportVisible = useCallback(
    (el: HTMLElement) => {
      if (!onVisible) return;
      const top = Math.max(0, Math.floor(el.scrollTop / ROW_HEIGHT));
      onVisible(top, top + Math.ceil(el.clientHeight / ROW_HEIGHT));
    },
    [onVisible],
  );
  useLayoutEffect(() => {
    const el = handle.current?.element;
    if (el) reportVisible(el);
  }, [reportVisible]);

  const setRef = useCallback(
    (h: DataGridHandle | null) => {
      handle.current = h;
      const r = props.gridRef;
      if (typeof r === "function") r(h);
      else if (r) (r as React.RefObject<DataGridHandle | null>).current = h;
    },
    [props.gridRef],
  );

  /** Editor commits and rdg's fill handle: diff the changed rows into cell writes. */
  const onRowsChange = useCallback(
    (next: GridRow[], data: { indexes: number[] }) => {
      const changes: CellChange[] = [];
      for (const i of data.indexes) {
        const before = latest.current.rows[i];
        const after = next[i];
        if (!before || !after) continue;
        for (const def of latest.current.columns) {
          if (def.readOnly || after.values[def.key] === before.values[def.key]) continue;
          const value = parseCellText(def, after.values[def.key] ?? "");
          if (!sameCellValue(def, value, cellValue(before, def.key)))
            changes.push({ rowId: before.id, key: def.key, value });
        }
      }
      commit(changes);
    },
    [commit],
  );

  /** The fill handle copies every selected column of the active row, not only the active one. */
  const onFill = useCallback(
    ({ columnKey, sourceRow, targetRow }: FillEvent<GridRow>) => {
      const sel = selectionRef.current;
      const b = sel ? boundsOf(sel) : null;
      const cols = latest.current.columns;
      const keys = b
        ? cols.slice(b.left, b.right + 1).map((c, i) => (c.readOnly ? null : cols[b.left + i]!.key))
        : [columnKey];
      const values = { ...targetRow.values };
      for (const k of keys.includes(columnKey) ? keys : [columnKey]) if (k) values[k] = cellValue(sourceRow, k);
      return { ...targetRow, values };
    },
    [selectionRef],
  );

  const pasting = usePendingPaste(
    ({ matrix, bounds, anchor }) => {
      const { changes, target } = pasteChanges(latest.current.rows, latest.current.columns, matrix, bounds);
      commit(changes);
      reportNotLoaded(target, "paste");
      select({
        anchor,
        focus: {
          rowIdx: anchor.rowIdx === target.top ? target.bottom : target.top,
          idx: anchor.idx === target.left ? target.right : target.left,
        },
      });
    },
    rows.length,
    props.moreRowsComing ?? false,
    columns.length,
  );

  const onPasteCapture = useCallback(
    (e: React.ClipboardEvent) => {
      if ((e.target as HTMLElement).closest("input, select, textarea")) return; // an editor's own paste
      const sel = selectionRef.current;
      if (!sel) return;
      e.preventDefault();
      e.stopPropagation();
      pasting.paste({
        matrix: parseTsv(e.clipboardData.getData("text/plain")),
        bounds: boundsOf(sel),
        anchor: sel.anchor,
      });
    },
    [pasting, selectionRef],
  );

  const keyActions = {
    grid: () => handle.current,
    selection: () => selectionRef.current,
    select,
    rowCount: () => latest.current.rows.length,
    colCount: () => latest.current.columns.length,
    clear: () => rangeAction(clearChanges, "clear"),
    fillDown: () => rangeAction(fillDownChanges, "fill"),
    undo: () => history.undo(),
    redo: () => history.redo(),
  };

  return (
    <div className="bb-grid flex min-h-0 flex-1 flex-col" onPasteCapture={onPasteCapture}>
      {notice && (
        <div
          role="status"
          aria-label="Rows not loaded"
          className="flex items-center gap-3 border-b border-amber-200 bg-amber-50 px-3 py-1.5 text-sm text-amber-900"
        >
          <span>{notice}</span>
          <button
            type="button"
            className="ml-auto rounded border border-amber-300 bg-white px-2 py-0.5"
            onClick={() => setNotice(null)}
          >
            Dismiss
          </button>
        </div>
      )}
      {pasting.notice && (
        <div
          role="status"
          aria-label="Paste"
          className="flex items-center gap-3 border-b border-amber-200 bg-amber-50 px-3 py-1.5 text-sm text-amber-900"
        >
          <span>{pasting.notice}</span>
          <button
            type="button"
            className="ml-auto rounded border border-amber-300 bg-white px-2 py-0.5"
            onClick={pasting.waiting ? pasting.cancel : pasting.dismiss}
          >
            {pasting.waiting ? "Cancel paste" : "Dismiss"}
          </button>
        </div>
      )}
      <DataGrid<GridRow, unknown, string>
        ref={setRef}
        aria-label={props.label}
        aria-rowcount={(props.totalRows ?? rows.length) + 1}
        className="rdg-light h-full min-h-0 flex-1 text-sm"
        columns={rdgColumns}
        rows={rows}
        rowKeyGetter={(r) => r.id}
        rowHeight={ROW_HEIGHT}
        onScroll={(e) => reportVisible(e.currentTarget)}
        rowClass={props.rowClass}
        renderers={renderers}
        sortColumns={props.sortColumns}
        onSortColumnsChange={props.onSortColumnsChange}
        onRowsChange={onRowsChange}
        onFill={onFill}
        onCellMouseDown={(args, event) => {
          if (pointerDown({ rowIdx: args.rowIdx, idx: args.column.idx }, event.shiftKey)) {
            // Shift+click extends the range; the active cell (anchor) stays where it was.
            event.preventGridDefault();
            event.preventDefault();
          }
        }}
        onActivePositionChange={({ rowIdx, column }) => {
          if (rowIdx >= 0 && column) select(collapsed({ rowIdx, idx: column.idx }));
        }}
        onCellKeyDown={(args, event) => handleGridKeyDown(keyActions, args, event)}
        onCellCopy={(_args, event) => {
          const sel = selectionRef.current;
          if (!sel) return;
          event.clipboardData.setData(
            "text/plain",
            copyRange(latest.current.rows, latest.current.columns, boundsOf(sel)),
          );
          event.preventDefault();
          reportNotLoaded(boundsOf(sel), "copy");
        }}
      />
    </div>
  );
}
