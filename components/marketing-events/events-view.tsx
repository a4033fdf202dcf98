"use client";

import { useCallback, useMemo } from "react";
import { RecordGridView } from "@/components/records/record-grid-view";
import { useRecordList } from "@/components/records/use-record-list";
import { usePortalKeys } from "@/components/server-state/portal-scope";
import { fetchMarketingEventPage } from "@/lib/marketing-events/actions";
import { MarketingEventApiVersionSchema } from "@/lib/resources/ref";
import { customPropertyKeys, eventResource } from "./event-resource";
import { useApiVersion } from "./use-api-version";

/** The marketing events page: the record grid over the chosen API version (2026-03 or v3). */
export function EventsView({ portalId, userId }: { portalId: number; userId: string }) {
  const [apiVersion, setApiVersion] = useApiVersion(portalId);
  const k = usePortalKeys();
  const fetchPage = useCallback(
    (after: string | undefined) => fetchMarketingEventPage({ apiVersion, after }),
    [apiVersion],
  );
  const list = useRecordList(k.marketingEvents.list(apiVersion), fetchPage);
  // Custom properties become columns as events that carry them load (joined: a stable memo key).
  const customKeys = useMemo(() => customPropertyKeys(list.rows).join("\u0000"), [list.rows]);
  const resource = useMemo(
    () => eventResource(apiVersion, customKeys ? customKeys.split("\u0000") : []),
    [apiVersion, customKeys],
  );

  return (
    <RecordGridView
      resource={resource}
      list={list}
      portalId={portalId}
      userId={userId}
      filterLoadedRows
      emptyText="This portal has no marketing events yet. Events are created by the event apps (webinars, conferences) connected to HubSpot."
      toolbar={
        <label className="flex items-center gap-2 text-sm">
          HubSpot API version
          <select
            value={apiVersion}
            onChange={(e) => setApiVersion(MarketingEventApiVersionSchema.parse(e.target.value))}
            className="rounded border border-slate-300 bg-white px-2 py-1.5"
          >
            <option value="2026-03">2026-03 (current)</option>
            <option value="v3">v3 (legacy)</option>
          </select>
        </label>
      }
    />
  );
}
