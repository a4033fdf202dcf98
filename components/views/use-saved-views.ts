"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useMemo } from "react";
import { callAction, isFinalError } from "@/components/server-state/action-failure";
import { usePortalKeys } from "@/components/server-state/portal-scope";
import { useAction } from "@/components/server-state/use-action";
import { createSavedView, deleteSavedView, fetchSavedViews, updateSavedView } from "@/lib/views/actions";
import type { SavedView } from "@/lib/views/schemas";

const byName = (a: SavedView, b: SavedView) => a.name.localeCompare(b.name, undefined, { sensitivity: "base" });

/**
 * The portal's saved views of one grid, and the calls that change them. A change is written into the
 * cached list before its promise resolves, so a view just saved is known when the URL names it.
 */
export function useSavedViews(resource: string) {
  const keys = usePortalKeys();
  const key = useMemo(() => keys.views.list(resource), [keys, resource]);
  const qc = useQueryClient();
  const list = useQuery({
    queryKey: key,
    queryFn: () => callAction(fetchSavedViews, { resource }),
    retry: (count, err) => !isFinalError(err) && count < 2,
  });
  const edit = useCallback(
    (fn: (views: SavedView[]) => SavedView[]) => {
      qc.setQueryData<SavedView[]>(key, (old) => fn(old ?? []).sort(byName));
      void qc.invalidateQueries({ queryKey: key });
    },
    [qc, key],
  );
  const put = (v: SavedView) => edit((vs) => [...vs.filter((x) => x.id !== v.id), v]);
  const create = useAction(createSavedView, put);
  const change = useAction(updateSavedView, put);
  const remove = useAction(deleteSavedView, ({ id }) => edit((vs) => vs.filter((x) => x.id !== id)));
  return { list, create, change, remove };
}
