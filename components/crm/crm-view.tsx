"use client";

import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useCallback, useMemo } from "react";
import { ActionErrorAlert } from "@/components/records/action-error-alert";
import { RecordGridView } from "@/components/records/record-grid-view";
import { useRecordList } from "@/components/records/use-record-list";
import { actionErrorOf, callAction, isFinalError } from "@/components/server-state/action-failure";
import { usePortalKeys } from "@/components/server-state/portal-scope";
import { useVisibleColumns } from "@/components/records/use-visible-columns";
import { fetchCrmColumns, fetchCrmPage } from "@/lib/crm/actions";
import { withColumns, type CrmObjectTypeOption } from "@/lib/crm/object-types";
import type { CrmColumn } from "@/lib/crm/properties";
import { crmResource } from "./crm-resource";
import { BulkEditButton } from "@/components/bulk-edits/bulk-edit-button";

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
  const resource = useMemo(() => crmResource(withColumns(option, properties), properties), [option, properties]);
  const allKeys = useMemo(() => resource.columns.map((c) => c.key), [resource]);
  const choice = useVisibleColumns(resource.key, allKeys, resource.defaultColumns);
  // HubSpot returns only the properties asked for: the shown columns (a new column reloads the list).
  const shown = choice[0];
  const wanted = useMemo(() => [...new Set([resource.nameKey, ...shown])].sort(), [resource.nameKey, shown]);
  const fetchPage = useCallback(
    (after: string | undefined) => fetchCrmPage({ objectType: option.objectType, properties: wanted, after }),
    [option.objectType, wanted],
  );
  const k = usePortalKeys();
  const list = useRecordList(k.crm.list(option.objectType, wanted), fetchPage);
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
      emptyText={`This portal has no ${resource.nounPlural} yet.`}
    />
  );
}
