"use client";

import { useCallback, useMemo, useState } from "react";
import type { FailedRowView } from "@/lib/failed-items/row-view";
import { itemParam, type FailedGroupKey } from "@/lib/failed-items/schemas";
import { FailedRowsTable } from "./failed-rows-table";
import { GroupActions } from "./group-actions";

interface Props {
  group: FailedGroupKey;
  /** The kind of error in plain words (lib/failed-items/kinds.ts), and one of the group's messages. */
  kind: { label: string; meaning: string; retryable: boolean; sample: string };
  title: string;
  count: number;
  last: string;
  /** The first rows of the group (at most SHOWN_ROWS): what can be seen, and so selected. */
  rows: FailedRowView[];
  portalId: number;
  userId: string;
}

/** One group of failed items: its error, its actions (on the whole group or the selected rows), its rows. */
export function FailedGroup({ group, kind, title, count, last, rows, portalId, userId }: Props) {
  const [picked, setPicked] = useState<ReadonlySet<string>>(() => new Set());
  const isPicked = useCallback((r: FailedRowView) => picked.has(itemParam(r)), [picked]);
  // Only rows still shown count: after a refresh, resolved rows drop out of the selection by themselves.
  const selected = useMemo(
    () => rows.filter(isPicked).map((r) => ({ submissionId: r.submissionId, rowKey: r.rowKey })),
    [rows, isPicked],
  );
  const pick = (r: FailedRowView, on: boolean) =>
    setPicked((s) => {
      const next = new Set(s);
      if (on) next.add(itemParam(r));
      else next.delete(itemParam(r));
      return next;
    });
  const noun = (n: number) => `${n.toLocaleString("en-US")} ${n === 1 ? "row" : "rows"}`;
  return (
    <section
      aria-label={`${title}: ${kind.label}: ${kind.sample}`}
      className="flex flex-col gap-2 rounded border border-red-200 bg-white p-4"
    >
      <h2 className="font-semibold">
        {title} · {kind.label} · {noun(count)}
      </h2>
      <p className="text-slate-700">{kind.meaning}</p>
      <p className="text-red-800">
        {count > 1 ? "For example: " : ""}
        {kind.sample}
      </p>
      <p className="text-xs text-slate-600">Last failed {last}</p>
      <GroupActions
        group={group}
        retryable={kind.retryable}
        count={count}
        selected={selected}
        onDone={() => setPicked(new Set())}
        portalId={portalId}
        userId={userId}
      />
      <details>
        <summary className="cursor-pointer text-sm text-slate-700">
          Rows
          {count > rows.length
            ? ` (the first ${rows.length} of ${count.toLocaleString("en-US")}: select among them, or act on all ${noun(count)} with nothing selected)`
            : ""}
        </summary>
        <FailedRowsTable
          rows={rows}
          isPicked={isPicked}
          onPick={pick}
          onPickAll={(on) => setPicked(on ? new Set(rows.map(itemParam)) : new Set())}
        />
      </details>
    </section>
  );
}
