"use client";

import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useCallback, useMemo, useState } from "react";
import { ActionErrorAlert } from "@/components/records/action-error-alert";
import { RecordGridView } from "@/components/records/record-grid-view";
import { useViewQuery } from "@/components/records/use-view-query";
import { useWindowedList, type WindowHints } from "@/components/records/use-windowed-list";
import { actionErrorOf, callAction, isFinalError } from "@/components/server-state/action-failure";
import { usePortalKeys } from "@/components/server-state/portal-scope";
import { useVisibleColumns } from "@/components/records/use-visible-columns";
import { fetchCrmColumns, fetchCrmWindow } from "@/lib/crm/actions";
import { withColumns, type CrmObjectTypeOption } from "@/lib/crm/object-types";
import type { CrmColumn } from "@/lib/crm/properties";
import { userTimeZone } from "@/lib/time/time-zone";
import { crmResource } from "./crm-resource";
import { BulkEditButton } from "@/components/bulk-edits/bulk-edit-button";

/** HubSpot's search pages through at most 10,000 results, so it sorts views up to that size. */
const SEARCH_RESULT_CAP = 10_000;

interface Props {
  portalId: number;
  userId: string;
  objectTypes: CrmObjectTypeOption[];
  objectType: string;
}

/** CRM records of one object type: the type picker, then (once its properties are known) the grid. */
export function CrmView({ portalId, userId, objectTypes, objectType }: Props) {
  const router = useRouter();
  const option = objectTypes.find((t) => t.objectType === objectType)!;
  const k = usePortalKeys();
  const columns = useQuery({
    queryKey: k.crm.columns(objectType),
    queryFn: () => callAction(fetchCrmColumns, { objectType }),
    staleTime: 5 * 60_000,
    retry: (count, err) => !isFinalError(err) && count < 2,
  });
  const picker = (
    <label className="flex items-center gap-2 text-sm">
      Object type
      <select
        value={objectType}
        onChange={(e) => router.push(`/crm/${encodeURIComponent(e.target.value)}`)}
        className="rounded border border-slate-300 bg-white px-2 py-1.5"
      >
        {objectTypes.map((t) => (
          <option key={t.objectType} value={t.objectType}>
            {t.title}
          </option>
        ))}
      </select>
    </label>
  );

  if (!columns.data) {
    const err = actionErrorOf(columns.error);
    return (
      <div className="flex flex-col gap-3 p-4">
        <div className="flex items-center gap-3">
          <h1 className="text-xl font-semibold">{option.title}</h1>
          {picker}
        </div>
        {err ? (
          <ActionErrorAlert
            error={err}
            prefix={`Could not read the properties of ${option.title.toLowerCase()}: `}
            returnTo={`/crm/${objectType}`}
            onRetry={() => void columns.refetch()}
          />
        ) : (
          <p role="status" className="text-sm text-slate-600">
            Loading the properties of {option.title.toLowerCase()}…
          </p>
        )}
      </div>
    );
  }
  return (
    <CrmGrid
      key={option.objectType}
      portalId={portalId}
      userId={userId}
      option={option}
      properties={columns.data}
      picker={picker}
    />
  );
}

function CrmGrid({
  portalId,
  userId,
  option,
  properties,
  picker,
}: {
  portalId: number;
  userId: string;
  option: CrmObjectTypeOption;
  properties: CrmColumn[];
  picker: React.ReactNode;
}) {
  const base = useMemo(() => crmResource(withColumns(option, properties), properties), [option, properties]);
  const allKeys = useMemo(() => base.columns.map((c) => c.key), [base]);
  const choice = useVisibleColumns(base.key, allKeys, base.defaultColumns);
  // HubSpot returns only the properties asked for: the shown columns (a new column reloads the view).
  const shown = choice[0];
  const wanted = useMemo(() => [...new Set([base.nameKey, ...shown])].sort(), [base.nameKey, shown]);
  const { query, update } = useViewQuery();
  const [timeZone] = useState(userTimeZone);
  const k = usePortalKeys();
  const objectType = option.objectType;
  const fetchWindow = useCallback(
    (start: number, hints: WindowHints) =>
      fetchCrmWindow({ objectType, properties: wanted, query, timeZone, start, ...hints }),
    [objectType, wanted, query, timeZone],
  );
  const list = useWindowedList(
    k.crm.view(objectType, wanted, query),
    (start) => k.crm.window(objectType, wanted, query, start),
    fetchWindow,
  );
  // HubSpot sorts at most 10,000 results: a larger view is shown in record id order, and says so.
  const sortable = list.total !== null && list.total <= SEARCH_RESULT_CAP;
  const resource = useMemo(() => ({ ...base, sortable }), [base, sortable]);
  const notice =
    list.total !== null && list.total > SEARCH_RESULT_CAP ? (
      <p role="note" className="text-sm text-slate-600">
        {`This view has ${list.total.toLocaleString("en-US")} ${base.nounPlural}, so it is shown in record ID order: HubSpot sorts views of up to ${SEARCH_RESULT_CAP.toLocaleString("en-US")} records. Filter it down to sort by a column.`}
      </p>
    ) : null;
  return (
    <RecordGridView
      resource={resource}
      list={list}
      portalId={portalId}
      userId={userId}
      toolbar={
        <>
          {picker}
          <BulkEditButton objectType={option.objectType} columns={resource.columns} />
        </>
      }
      columnChoice={choice}
      sort={sortable ? query.sort : undefined}
      onSortChange={(sort) => update({ sort })}
      notice={notice}
      emptyText={
        query.filters.length || query.q
          ? `No ${base.nounPlural} match this view.`
          : `This portal has no ${base.nounPlural} yet.`
      }
    />
  );
}
