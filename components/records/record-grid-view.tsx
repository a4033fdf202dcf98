"use client";

import dynamic from "next/dynamic";
import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useMemo, useRef, useState, type ReactNode } from "react";
import type { DataGridHandle } from "react-data-grid";
import type { GridRow } from "@/components/grid/types";
import { DateOrderSelect, useDateOrderSetting } from "@/components/grid/date-order-select";
import { SavedViewPicker } from "@/components/views/saved-view-picker";
import { ExportButton } from "@/components/exports/export-button";
import { ActionErrorAlert } from "./action-error-alert";
import { ChangesBar } from "./changes-bar";
import { ColumnChooser } from "./column-chooser";
import { FilterBar } from "./filters/filter-bar";
import { FilterEmptyState, MatchCount } from "./filters/filter-status";
import { useLoadedFilter } from "./filters/use-loaded-filter";
import { useRecordEdits } from "./edits/use-record-edits";
import { LoadStatus } from "./load-status";
import type { GridResource } from "./resource";
import { ReviewDialog } from "./review/review-dialog";
import { statusColumn } from "./submission/status-column";
import { SubmissionPanel } from "./submission/submission-panel";
import { useSubmissionActions } from "./submission/use-submission-actions";
import type { RecordList } from "./use-record-list";
import { useViewQuery } from "./use-view-query";
import { useVisibleColumns } from "./use-visible-columns";
import { windowGridRows } from "./window-rows";

// react-data-grid uses iterator helpers that Node 20 lacks, so the grid renders in the browser only.
// Its chunk is asked for as soon as this module runs in the browser (while the page hydrates), not
// only when the grid first renders after hydration: the same import, so next/dynamic reuses it.
if (typeof window !== "undefined") void import("./records-grid");
const RecordsGrid = dynamic(() => import("./records-grid"), {
  ssr: false,
  loading: () => <p className="p-4 text-sm text-slate-500">Loading grid…</p>,
});

interface Props {
  resource: GridResource;
  list: RecordList;
  portalId: number;
  userId: string;
  /** Resource-specific controls next to the title (search, API version, object type). */
  toolbar?: ReactNode;
  sort?: string;
  onSortChange?: (sort: string | undefined) => void;
  /** What the empty state says (e.g. "No campaign name contains …"). */
  emptyText: string;
  /** Column choice owned by the page, when the list depends on it (CRM asks HubSpot for shown properties only). */
  columnChoice?: readonly [readonly string[], (key: string, on: boolean) => void];
  /** Filter the loaded rows here (campaigns, marketing events); CRM grids' filters are read by HubSpot's search. */
  filterLoadedRows?: boolean;
  /** A line under the toolbar (e.g. why the view's sort is not kept). */
  notice?: ReactNode;
}

/**
 * One resource's spreadsheet: load status, pending changes, review, submission results and the
 * grid. Everything here works from the GridResource; pages only add their own toolbar. Mount it
 * with `key={resource.key}` where the resource can change under it (the CRM object-type picker).
 */
export function RecordGridView({
  resource,
  list,
  portalId,
  userId,
  toolbar,
  sort,
  onSortChange,
  emptyText,
  columnChoice,
  filterLoadedRows = false,
  notice,
}: Props) {
  const allKeys = useMemo(() => resource.columns.map((c) => c.key), [resource]);
  const own = useVisibleColumns(resource.key, allKeys, resource.defaultColumns);
  const [visible, toggleColumn] = columnChoice ?? own;
  const edits = useRecordEdits(resource, portalId, userId, list.rows);
  const gridRef = useRef<DataGridHandle>(null);
  const actions = useSubmissionActions(resource, edits);
  const [reviewing, setReviewing] = useState(false);
  const [failedOnly, setFailedOnly] = useState(false);
  const { statuses } = edits.state;
  const hasStatuses = Object.keys(statuses).length > 0;
  const view = actions.submission.view;
  const statusCol = useMemo(
    () => (hasStatuses ? statusColumn(statuses, view) : undefined),
    [hasStatuses, statuses, view],
  );
  const viewQuery = useViewQuery();
  const filters = viewQuery.query.filters;
  const filterColumns = useMemo(() => [...resource.columns, ...(resource.trailingColumns ?? [])], [resource]);
  const filteredKeys = useMemo(() => new Set(filters.flat().map((f) => f.property)), [filters]);
  // Campaigns and marketing events filter their loaded rows here; a CRM view is filtered by HubSpot.
  const matched = useLoadedFilter(edits.rows, filterColumns, filters, filterLoadedRows);
  // A windowed list (CRM views) shows every position of the view: added rows first, then the
  // loaded rows with their edits (edits.rows ends with them, in list order) or placeholders.
  const windowed = list.windowed;
  const placeholders = useRef(new Map<number, GridRow>());
  const { head, byId } = useMemo(() => {
    const headLength = edits.rows.length - list.rows.length;
    // edits.rowById is every row of edits.rows by id, kept (and extended) with them.
    return { head: edits.rows.slice(0, headLength), byId: edits.rowById };
  }, [edits.rows, edits.rowById, list.rows.length]);
  const rows = useMemo<readonly GridRow[]>(() => {
    if (failedOnly) return matched.rows.filter((r) => ["failed", "conflict"].includes(statuses[r.id]?.status ?? ""));
    if (!windowed) return matched.rows;
    return windowGridRows(
      head,
      windowed.total,
      (p) => {
        const loaded = windowed.rowAt(p);
        return loaded && byId.get(loaded.id);
      },
      placeholders.current,
      resource.nameKey,
    );
  }, [failedOnly, matched.rows, statuses, windowed, head, byId, resource.nameKey]);
  const findRow = useCallback((id: string) => byId.get(id), [byId, head]);
  const headLength = head.length;
  const onVisibleRows = useCallback(
    (top: number, bottom: number) =>
      windowed?.onVisibleRange(Math.max(0, top - headLength), Math.max(0, bottom - headLength)),
    [windowed, headLength],
  );
  // The grid is drawn again in a new date order (its rows are memoised, their text is not a prop).
  const dateOrder = useDateOrderSetting();
  // Records created from this tab that the loaded list does not hold yet count too, or the header
  // would say "230 campaigns" next to 231 rows until the list is read again.
  const createdHere = edits.bases.length - list.rows.length;
  const total = list.total === null ? null : list.total + createdHere;
  const pathname = usePathname();
  const search = useSearchParams().toString();
  // Signing in again brings the user back to this exact view (sort, search, object type).
  const returnTo = search ? `${pathname}?${search}` : pathname;

  return (
    <div className="flex min-h-0 flex-1 flex-col gap-3 p-4">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-xl font-semibold">{resource.title}</h1>
        {toolbar}
        <SavedViewPicker resource={resource} columns={visible} />
        <LoadStatus
          loaded={windowed ? (total ?? 0) : list.rows.length + createdHere}
          total={total}
          loading={windowed ? list.loading : list.loading || list.loadingMore}
          noun={resource.nounPlural}
        />
        {filterLoadedRows && filters.length > 0 && (
          <MatchCount
            matching={matched.matching}
            of={list.rows.length}
            noun={resource.nounPlural}
            loading={list.loading || list.loadingMore}
          />
        )}
        <div className="ml-auto flex items-center gap-2">
          {resource.canCreate && (
            <button
              type="button"
              className="rounded border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50"
              onClick={() => {
                edits.addRow();
                // The new row is the first one: start typing its name right away.
                requestAnimationFrame(() =>
                  gridRef.current?.setActivePosition({ idx: 0, rowIdx: 0 }, { enableEditor: true }),
                );
              }}
            >
              Add {resource.noun}
            </button>
          )}
          <DateOrderSelect />
          <ExportButton resource={resource} visible={visible} />
          <ColumnChooser
            columns={resource.columns}
            visible={visible}
            locked={resource.nameKey}
            onToggle={toggleColumn}
          />
        </div>
      </div>
      <FilterBar
        columns={filterColumns}
        filters={filters}
        onChange={(next) => viewQuery.update({ filters: next })}
        error={viewQuery.error ?? (matched.problems.length ? matched.problems.join("; ") : undefined)}
      />
      <ChangesBar
        counts={edits.counts}
        submitting={actions.submission.running}
        onReview={() => setReviewing(true)}
        onDiscard={() => edits.store.discard()}
      />
      <SubmissionPanel
        resource={resource}
        state={edits.state}
        view={view}
        error={actions.submission.error}
        running={actions.submission.running}
        nameOf={actions.nameOf}
        failedOnly={failedOnly}
        onFailedOnlyChange={setFailedOnly}
        onKeepTheirs={actions.onKeepTheirs}
        onApplyMine={actions.onApplyMine}
        onDismiss={() => {
          setFailedOnly(false);
          actions.dismiss();
        }}
      />
      <ReviewDialog
        open={reviewing}
        diff={actions.diff}
        noun={resource.noun}
        nounPlural={resource.nounPlural}
        canCreate={resource.canCreate}
        onSubmit={actions.submitReviewed}
        onClose={() => setReviewing(false)}
      />
      {list.error && <ActionErrorAlert error={list.error} returnTo={returnTo} onRetry={() => void list.refetch()} />}
      {notice}
      {!list.loading &&
        !list.error &&
        (windowed ? windowed.total === 0 : matched.rows.length === 0) &&
        !list.loadingMore &&
        (filters.length > 0 ? (
          <FilterEmptyState noun={resource.noun} onClear={() => viewQuery.update({ filters: [] })} />
        ) : (
          <p className="rounded border border-slate-200 bg-white p-6 text-center text-slate-600">{emptyText}</p>
        ))}
      <div className="flex min-h-0 flex-1 flex-col rounded border border-slate-200 bg-white">
        <RecordsGrid
          key={dateOrder}
          resource={resource}
          gridRef={gridRef}
          rows={rows}
          statusColumn={statusCol}
          moreRowsComing={list.loadingMore && !failedOnly && !windowed}
          // Filtered here, the grid holds the matching rows only: its row count is theirs. A windowed
          // grid's rows are already as long as the view.
          total={(windowed && !failedOnly) || (filterLoadedRows && filters.length > 0) ? null : total}
          findRow={windowed ? findRow : undefined}
          onVisibleRowsChange={windowed && !failedOnly ? onVisibleRows : undefined}
          visibleColumns={visible}
          sort={sort}
          onSortChange={onSortChange}
          onCellsChange={edits.apply}
          cellMeta={edits.cellMeta}
          filtered={filteredKeys}
        />
      </div>
    </div>
  );
}
