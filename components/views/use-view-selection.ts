"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { GridResource } from "@/components/records/resource";
import { useViewQuery } from "@/components/records/use-view-query";
import { setVisibleColumns } from "@/components/records/use-visible-columns";
import type { SavedView } from "@/lib/views/schemas";
import { useSavedViews } from "./use-saved-views";
import { isEmptyQuery, sameColumns, sameQuery } from "./view-state";

/**
 * Which saved view the grid shows (`?view=<id>` in the URL) and how it differs from it. Choosing a
 * view writes its query into the URL and shows its columns; a link with only `?view=<id>` is opened
 * the same way once the views are known; an id the portal does not have (deleted, another portal's)
 * falls back to All and says so. A view's query edited afterwards (the filter bar, sorting) keeps
 * `?view=` and shows as modified until saved.
 */
export function useViewSelection(resource: GridResource, columns: readonly string[]) {
  const { query, viewId, update } = useViewQuery();
  const views = useSavedViews(resource.key);
  const [notice, setNotice] = useState<string | null>(null);
  // The view this page has opened: its query is in the URL, so an emptied query stays empty.
  const opened = useRef<string | undefined>(undefined);
  // The view being deleted from here: its disappearance is expected, not a broken link.
  const deleting = useRef<string | undefined>(undefined);
  const all = useMemo(() => resource.columns.map((c) => c.key), [resource]);
  const list = views.list.data;
  const current = viewId ? list?.find((v) => v.id === viewId) : undefined;

  const open = useCallback(
    (view: SavedView | undefined) => {
      opened.current = view?.id;
      if (!view) return update({ filters: [], sort: undefined, q: undefined }, { viewId: null });
      const { filters, sort, q } = view.query;
      update({ filters, sort, q }, { viewId: view.id });
      setVisibleColumns(resource.key, view.columns.length ? view.columns : resource.defaultColumns);
    },
    [update, resource.key, resource.defaultColumns],
  );

  useEffect(() => {
    if (!viewId || !list) return;
    const view = list.find((v) => v.id === viewId);
    if (!view) {
      if (deleting.current === viewId) return;
      setNotice("The saved view in this link does not exist (it may have been deleted), so All is shown.");
      open(undefined);
    } else if (opened.current !== viewId) {
      opened.current = viewId;
      if (isEmptyQuery(query)) open(view);
    }
    // Only a new view id or a new list decides this; the query's own changes do not.
  }, [viewId, list]);

  const modified =
    !!current && (!sameQuery(current.query, query) || !sameColumns(current.columns, columns, all, resource.nameKey));

  return {
    views,
    list: list ?? [],
    viewId,
    current,
    modified,
    notice,
    choose: (id: string) => {
      setNotice(null);
      open(list?.find((v) => v.id === id));
    },
    /** Saves the grid's query and columns as a new view and opens it; resolves with an error message or null. */
    saveAs: async (name: string) => {
      const res = await views.create.runAsync({ resource: resource.key, name, query, columns: [...columns] });
      if (!res.ok) return res.error.message;
      setNotice(null);
      open(res.data);
      return null;
    },
    saveChanges: () => current && views.change.run({ id: current.id, query, columns: [...columns] }),
    rename: async (name: string) => {
      if (!current) return null;
      const res = await views.change.runAsync({ id: current.id, name });
      return res.ok ? null : res.error.message;
    },
    remove: async () => {
      if (!current) return;
      deleting.current = current.id;
      const res = await views.remove.runAsync({ id: current.id });
      // Kept on success: a list read again before the URL changes must not call it a broken link.
      if (!res.ok) return void (deleting.current = undefined);
      open(undefined);
      setNotice(`View “${current.name}” deleted.`);
    },
  };
}
