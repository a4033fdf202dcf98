"use client";

import dynamic from "next/dynamic";
import { usePathname, useSearchParams } from "next/navigation";
import { useMemo, useRef, useState } from "react";
import type { DataGridHandle } from "react-data-grid";
import { ChangesBar } from "./changes-bar";
import { ColumnChooser } from "./column-chooser";
import { useCampaignEdits } from "./edits/use-campaign-edits";
import { ReviewDialog } from "./review/review-dialog";
import { statusColumn } from "./submission/status-column";
import { SubmissionPanel } from "./submission/submission-panel";
import { useSubmissionActions } from "./submission/use-submission-actions";
import { ALL_COLUMN_NAMES, CAMPAIGN_COLUMNS, DEFAULT_COLUMNS } from "./columns";
import { LoadStatus } from "./load-status";
import { SearchBox } from "./search-box";
import { useCampaignList } from "./use-campaign-list";
import { useUrlQuery } from "./use-url-query";
import { useVisibleColumns } from "./use-visible-columns";

// react-data-grid uses iterator helpers that Node 20 lacks, so the grid renders in the browser only.
const CampaignsGrid = dynamic(() => import("./campaigns-grid"), {
  ssr: false,
  loading: () => <p className="p-4 text-sm text-slate-500">Loading grid…</p>,
});

export function CampaignsView({ portalId, userId }: { portalId: number; userId: string }) {
  const [query, setQuery] = useUrlQuery();
  const [visible, toggleColumn] = useVisibleColumns(ALL_COLUMN_NAMES, DEFAULT_COLUMNS);
  const list = useCampaignList(portalId, query);
  const edits = useCampaignEdits(portalId, userId, list.rows);
  const gridRef = useRef<DataGridHandle>(null);
  const actions = useSubmissionActions(edits);
  const [reviewing, setReviewing] = useState(false);
  const [failedOnly, setFailedOnly] = useState(false);
  const { statuses } = edits.state;
  const hasStatuses = Object.keys(statuses).length > 0;
  const view = actions.submission.view;
  const statusCol = useMemo(() => (hasStatuses ? statusColumn(statuses, view) : undefined), [hasStatuses, statuses, view]);
  const rows = useMemo(
    () => (failedOnly ? edits.rows.filter((r) => ["failed", "conflict"].includes(statuses[r.id]?.status ?? "")) : edits.rows),
    [failedOnly, edits.rows, statuses],
  );
  const pathname = usePathname();
  const search = useSearchParams().toString();
  // Signing in again brings the user back to this exact view (sort, search).
  const returnTo = search ? `${pathname}?${search}` : pathname;

  return (
    <div className="flex min-h-0 flex-1 flex-col gap-3 p-4">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-xl font-semibold">Campaigns</h1>
        <SearchBox value={query.name ?? ""} onChange={(name) => setQuery({ name })} />
        <LoadStatus loaded={list.rows.length} total={list.total} loading={list.loading || list.loadingMore} />
        <div className="ml-auto flex items-center gap-2">
          <button
            type="button"
            className="rounded border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50"
            onClick={() => {
              edits.addRow();
              // The new row is the first one: start typing its name right away.
              requestAnimationFrame(() => gridRef.current?.setActivePosition({ idx: 0, rowIdx: 0 }, { enableEditor: true }));
            }}
          >
            Add campaign
          </button>
          <ColumnChooser columns={CAMPAIGN_COLUMNS} visible={visible} onToggle={toggleColumn} />
        </div>
      </div>
      <ChangesBar counts={edits.counts} submitting={actions.submission.running} onReview={() => setReviewing(true)} onDiscard={() => edits.store.discard()} />
      <SubmissionPanel
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
      <ReviewDialog open={reviewing} diff={actions.diff} onSubmit={actions.submitReviewed} onClose={() => setReviewing(false)} />
      {list.error && (
        <div role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-800">
          {list.error.message}{" "}
          {list.error.code === "reauth" || list.error.code === "missing_scopes" ? (
            <a className="font-medium underline" href={`/api/auth/signin?returnTo=${encodeURIComponent(returnTo)}`}>
              {list.error.code === "reauth" ? "Sign in again" : "Reconnect HubSpot"}
            </a>
          ) : (
            <button type="button" className="font-medium underline" onClick={() => void list.refetch()}>Try again</button>
          )}
        </div>
      )}
      {!list.loading && !list.error && list.total === 0 && (
        <p className="rounded border border-slate-200 bg-white p-6 text-center text-slate-600">
          {query.name ? `No campaign name contains “${query.name}”.` : "This portal has no campaigns yet."}
        </p>
      )}
      <div className="flex min-h-0 flex-1 flex-col rounded border border-slate-200 bg-white">
        <CampaignsGrid
          gridRef={gridRef}
          rows={rows}
          statusColumn={statusCol}
          total={list.total}
          visibleColumns={visible}
          sort={query.sort}
          onSortChange={(sort) => setQuery({ sort })}
          onCellsChange={edits.apply}
          cellMeta={edits.cellMeta}
        />
      </div>
    </div>
  );
}
