"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { viewQueryFromParams, viewQueryToParams, VIEW_PARAMS, type ViewQuery } from "@/lib/records/filters";

/**
 * The grid's view query (filters, sort, search) lives in the URL, so a view is shareable, survives a
 * reload and is the browser's history: `?filters=<JSON>&sort=-name&q=text`. Changing it replaces the
 * URL (no history entry per keystroke). `error` says when a link's filters could not be read.
 * `?view=<saved view id>` is kept unless `opts.viewId` sets it or, as null, removes it (the saved-view
 * picker compares the view's query with the URL's to show it as modified).
 */
export function useViewQuery(): {
  query: ViewQuery;
  error?: string;
  viewId: string | undefined;
  update: (patch: Partial<ViewQuery>, opts?: { viewId?: string | null }) => void;
} {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const search = params.toString();
  const { query, error } = useMemo(() => viewQueryFromParams(new URLSearchParams(search)), [search]);
  const viewId = params.get(VIEW_PARAMS.view) ?? undefined;
  const update = useCallback(
    (patch: Partial<ViewQuery>, opts?: { viewId?: string | null }) => {
      const next = viewQueryToParams({ ...query, ...patch }, new URLSearchParams(search));
      if (opts?.viewId) next.set(VIEW_PARAMS.view, opts.viewId);
      else if (opts?.viewId === null) next.delete(VIEW_PARAMS.view);
      const qs = next.toString();
      router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false });
    },
    [query, search, router, pathname],
  );
  return { query, error, viewId, update };
}
