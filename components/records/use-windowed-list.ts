"use client";

import { useQueries, useQueryClient, type QueryKey } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { ActionResult } from "@/lib/actions/result";
import type { RecordWindow } from "@/lib/records/page";
import { actionErrorOf, callAction, isFinalError } from "@/components/server-state/action-failure";
import { loadedWindowRow, type LoadedRow } from "./loaded-rows";
import type { RecordList, WindowedRows } from "./record-list";

/** Rows a window holds (HubSpot's largest search page). */
export const WINDOW_ROWS = 200;
/** Anchors sent with a request: the nearest ones before it. */
const ANCHORS_SENT = 20;
/** Anchors kept per view (two per loaded window): plenty for scrolling back and forth. */
const ANCHORS_KEPT = 4_000;
/** How long a far scroll must rest before its windows are asked for. */
const SETTLE_MS = 120;
/** HubSpot's search pages through at most 10,000 results. */
const SEARCH_CAP = 10_000;
/** However tall the screen, at most this many windows are wanted at once. */
const MAX_WINDOWS = 8;

export interface WindowHints {
  /** Ids the client saw at positions of the view in id order, nearest before the window first. */
  anchors: { position: number; id: string }[];
  totalHint?: number;
}

/** What the grid needs from a windowed list beyond a RecordList: rows by position, and where the user looks. */

/**
 * A view read in windows of 200 rows around what the user looks at (and one window either side),
 * so a view of a million records costs a few requests and a few hundred rows in memory. Each
 * window is its own query (`windowKey(start)`, under the view's `viewKey`), so windows scrolled
 * past are dropped by the query cache after a while and a finished write refreshes what is shown.
 * Windows past HubSpot's 10,000-result cap are found from anchors (ids seen at positions) the
 * hook collects from every window it loaded, and the total it last saw.
 */
export function useWindowedList(
  viewKey: QueryKey,
  windowKey: (start: number) => QueryKey,
  fetchWindow: (start: number, hints: WindowHints) => Promise<ActionResult<RecordWindow>>,
): RecordList & { windowed: WindowedRows } {
  const [range, setRange] = useState({ top: 0, bottom: 40 });
  const viewId = JSON.stringify(viewKey);
  // Anchors and the last total belong to one view: a new filter starts afresh.
  const memo = useRef({ viewId, anchors: new Map<number, string>(), total: undefined as number | undefined });
  if (memo.current.viewId !== viewId) memo.current = { viewId, anchors: new Map(), total: undefined };
  const known = memo.current;

  const starts = useMemo(() => {
    const first = Math.max(0, Math.floor((range.top - WINDOW_ROWS) / WINDOW_ROWS));
    let last = Math.floor((range.bottom + WINDOW_ROWS) / WINDOW_ROWS);
    if (known.total !== undefined) last = Math.min(last, Math.max(0, Math.ceil(known.total / WINDOW_ROWS) - 1));
    last = Math.min(last, first + MAX_WINDOWS - 1);
    const out: number[] = [];
    for (let w = first; w <= last; w++) out.push(w * WINDOW_ROWS);
    return out;
    // known.total changes with the data, which re-renders; the range is what moves.
  }, [range.top, range.bottom, known.total]);

  const hintsFor = useCallback(
    (start: number): WindowHints => {
      const sorted = [...known.anchors].sort((a, b) => a[0] - b[0]);
      const before = sorted.filter(([p]) => p < start).slice(-ANCHORS_SENT / 2);
      const after = sorted.filter(([p]) => p >= start + WINDOW_ROWS).slice(0, ANCHORS_SENT / 2);
      return {
        anchors: [...before, ...after].map(([position, id]) => ({ position, id })),
        totalHint: known.total,
      };
    },
    [known],
  );
  // Past 10,000, a window with no anchor near it costs a cold jump (3–4 searches): only the
  // window at the top of the screen jumps; its neighbours wait for its anchors (one search each).
  const primary = Math.floor(range.top / WINDOW_ROWS) * WINDOW_ROWS;
  const reachable = (start: number) =>
    start < SEARCH_CAP ||
    start === primary ||
    (known.total !== undefined && known.total - start <= SEARCH_CAP) ||
    [...known.anchors.keys()].some(
      (p) =>
        (p < start && start - p - 1 <= SEARCH_CAP - WINDOW_ROWS) ||
        (p >= start + WINDOW_ROWS && p - start <= SEARCH_CAP),
    );

  const results = useQueries({
    queries: starts.map((start) => ({
      queryKey: windowKey(start),
      queryFn: async () => {
        const w = await callAction((h: WindowHints) => fetchWindow(start, h), hintsFor(start));
        remember(known, w);
        return w;
      },
      enabled: reachable(start),
      staleTime: 30_000,
      gcTime: 60_000,
      retry: (count: number, err: unknown) => !isFinalError(err) && count < 2,
    })),
  });

  const windows = results.map((r) => r.data).filter((w): w is RecordWindow => w !== undefined);
  const newest = results.reduce<(typeof results)[number] | undefined>(
    (best, r) => (r.data && (!best || r.dataUpdatedAt > best.dataUpdatedAt) ? r : best),
    undefined,
  );
  const total = newest?.data?.total ?? known.total ?? null;
  const windowsId = windows.map((w) => `${w.start}:${w.rows.length}:${w.rows[0]?.id}`).join();
  // Rebuilt only when the set of loaded windows changes (a row's object must stay the same otherwise).
  const dataKey = results.map((r) => r.dataUpdatedAt).join();
  const loaded = useMemo(() => {
    const rows: LoadedRow[] = [];
    const at = new Map<number, LoadedRow>();
    for (const w of windows)
      w.rows.forEach((r, i) => {
        const row = loadedWindowRow(r, w.loadedAt);
        rows.push(row);
        at.set(w.start + i, row);
      });
    return { rows, at };
  }, [windowsId, dataKey]);

  const queryClient = useQueryClient();
  const firstError = results.find((r) => r.error)?.error;
  // A drag of the scrollbar passes thousands of rows: a far move is applied once it rests (no cold
  // jump per frame); a move to a neighbouring window at once.
  const settle = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const rangeRef = useRef(range);
  rangeRef.current = range;
  const onVisibleRange = useCallback((top: number, bottom: number) => {
    clearTimeout(settle.current);
    const apply = () =>
      setRange((r) => {
        // Only a move into another window matters: scrolling within one re-renders nothing.
        const same =
          Math.floor(r.top / WINDOW_ROWS) === Math.floor(top / WINDOW_ROWS) &&
          Math.floor(r.bottom / WINDOW_ROWS) === Math.floor(bottom / WINDOW_ROWS);
        return same ? r : { top, bottom };
      });
    const far = Math.abs(top - rangeRef.current.top) > 2 * WINDOW_ROWS;
    if (far) settle.current = setTimeout(apply, SETTLE_MS);
    else apply();
  }, []);
  useEffect(() => () => clearTimeout(settle.current), []);

  const windowed = useMemo<WindowedRows>(
    () => ({
      total: total ?? 0,
      rowAt: (p) => loaded.at.get(p),
      onVisibleRange,
      sortIgnored: windows.some((w) => w.sortIgnored),
    }),
    [total, loaded, onVisibleRange],
  );

  return {
    rows: loaded.rows,
    total,
    loading: results[0]?.isPending === true && total === null,
    loadingMore: results.some((r) => r.isFetching),
    error: actionErrorOf(firstError ?? null),
    refetch: () => queryClient.invalidateQueries({ queryKey: viewKey }),
    windowed,
  };
}

/** Rows of a window in id order are anchors: position → id (the first and last are enough). */
function remember(known: { anchors: Map<number, string>; total?: number }, w: RecordWindow) {
  known.total = w.total;
  if (w.order !== "id" || w.rows.length === 0) return;
  known.anchors.set(w.start, w.rows[0]!.id);
  known.anchors.set(w.start + w.rows.length - 1, w.rows[w.rows.length - 1]!.id);
  while (known.anchors.size > ANCHORS_KEPT) known.anchors.delete(known.anchors.keys().next().value!);
}
