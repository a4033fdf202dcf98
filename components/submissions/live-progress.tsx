"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { controlSubmission } from "@/lib/submissions/actions";
import type { SubmissionView } from "@/lib/submissions/types";
import { useAction } from "@/components/server-state/use-action";
import { useRecordsChanged } from "@/components/server-state/use-records-changed";
import { OutcomeCounts } from "./outcome-counts";
import { useFollowedSubmission } from "./use-followed-submission";

const POLL_MS = 1_000;
const SAMPLES = 90;

interface Sample {
  at: number;
  done: number;
}

const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
function duration(seconds: number) {
  if (!Number.isFinite(seconds)) return "–";
  const s = Math.max(0, Math.round(seconds));
  return s < 60
    ? `${s} s`
    : s < 3600
      ? `${Math.floor(s / 60)} min ${s % 60} s`
      : `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

/** Records per second between samples about 5 s apart (smooths the bursts of 4 batches in flight). */
function rateAt(samples: readonly Sample[], i: number) {
  const cur = samples[i]!;
  let j = i;
  while (j > 0 && cur.at - samples[j - 1]!.at <= 5_000) j--;
  const prev = samples[j === i ? Math.max(0, i - 1) : j]!;
  return cur.at > prev.at ? ((cur.done - prev.done) * 1000) / (cur.at - prev.at) : 0;
}

/**
 * A running submission's live progress: rows done / failed / remaining, a progress bar, the rate,
 * an ETA (from the measured rate, and never better than the portal's rate limit allows), and a small
 * chart of throughput. Refreshes the page (server-rendered rows and counts) when it finishes.
 */
/** `owner`: who started it, when that is not the viewer (only they may pause, resume or cancel it). */
export function LiveProgress({
  id,
  initial,
  ceilingPerSecond,
  owner,
}: {
  id: string;
  initial: SubmissionView;
  ceilingPerSecond: number;
  owner?: string;
}) {
  const router = useRouter();
  const samples = useRef<Sample[]>([]);
  const [, force] = useState(0);
  const query = useFollowedSubmission(id, {
    // The page's view was read with a cursor past every row: counts only, no outcomes to carry.
    outcomes: "new",
    initial,
    refetchInterval: (view) => (view?.state === "running" ? POLL_MS : view?.state === "paused" ? POLL_MS * 3 : false),
  });
  const controlAction = useAction(controlSubmission, () => void query.refetch());
  const busy = controlAction.pending;
  const controlError = controlAction.error?.message;
  const control = (action: "pause" | "resume" | "cancel") => {
    if (
      action === "cancel" &&
      !window.confirm("Cancel this submission? Rows already saved stay saved; the rest are not sent.")
    )
      return;
    controlAction.run({ id, action });
  };
  const view = query.data ?? initial;
  const c = view.counts;
  // Skipped rows (a revert's, decided before it ran) count as done from the start.
  const done = c.saved + c.failed + c.conflict + c.skipped;
  const total = done + c.pending + c.saving;

  useEffect(() => {
    const s = samples.current;
    if (s.at(-1)?.done !== done || s.length === 0) {
      s.push({ at: Date.now(), done });
      if (s.length > SAMPLES) s.shift();
      force((n) => n + 1);
    }
  }, [done]);
  const finished = view.state === "done" || view.state === "cancelled";
  const recordsChanged = useRecordsChanged();
  useEffect(() => {
    // A page opened while the submission was paused (e.g. for HubSpot's daily limit) sees it finish too.
    if (!finished || (initial.state !== "running" && initial.state !== "paused")) return;
    router.refresh();
    // Records changed behind every cached grid list (a retry, an upload, a revert): grids read them again when next shown.
    recordsChanged();
  }, [finished, initial.state, router, recordsChanged]);

  const s = samples.current;
  const rate = s.length > 1 ? rateAt(s, s.length - 1) : 0;
  const remaining = total - done;
  const eta = remaining === 0 ? 0 : remaining / Math.max(Math.min(rate || ceilingPerSecond, ceilingPerSecond), 1e-9);
  const rates = s.map((_, i) => (i === 0 ? 0 : rateAt(s, i)));
  const max = Math.max(ceilingPerSecond, ...rates, 1);
  const points = rates.map((r, i) => `${(i / Math.max(rates.length - 1, 1)) * 200},${40 - (r / max) * 38}`).join(" ");

  return (
    <section aria-label="Progress" className="rounded border border-slate-200 bg-white p-3 text-sm">
      <div className="flex flex-wrap items-center gap-4">
        <progress aria-label="Rows done" className="h-3 w-64" max={total || 1} value={done} />
        <span role="status" aria-live="polite">
          {fmt(done)} of {fmt(total)} rows done · {fmt(c.failed)} failed · {fmt(remaining)} remaining
        </span>
        <OutcomeCounts counts={c} />
      </div>
      {view.state === "running" && (
        <div className="mt-2 flex flex-wrap items-center gap-4 text-slate-700">
          <span>
            {fmt(rate)} records/s (rate limit allows about {fmt(ceilingPerSecond)}/s)
          </span>
          <span>About {duration(eta)} left</span>
          <svg
            role="img"
            aria-label={`Throughput over the last ${s.length} seconds`}
            width="200"
            height="40"
            className="rounded bg-slate-50"
          >
            <polyline fill="none" stroke="currentColor" strokeWidth="1.5" className="text-blue-600" points={points} />
          </svg>
        </div>
      )}
      {view.stalled && (
        <p className="mt-2 font-medium text-amber-800">
          Stalled: the process running it stopped responding. Another takes it over within a minute; nothing is sent
          twice.
        </p>
      )}
      {view.state === "paused" && (
        <p className="mt-2 font-medium text-amber-800">Paused{view.pausedReason ? `: ${view.pausedReason}` : "."}</p>
      )}
      {/* The job writes with its owner's grant: only they steer it (lib/submissions/control.ts). */}
      {!finished && owner && (
        <p className="mt-2 text-slate-600">Started by {owner}: only they can pause, resume or cancel it.</p>
      )}
      {!finished && !owner && (
        <div className="mt-2 flex gap-2">
          {view.state === "running" && (
            <button
              type="button"
              disabled={busy}
              className="rounded border border-slate-300 px-3 py-1"
              onClick={() => control("pause")}
            >
              Pause
            </button>
          )}
          {view.state === "paused" && (
            <button
              type="button"
              disabled={busy}
              className="rounded bg-slate-900 px-3 py-1 text-white"
              onClick={() => control("resume")}
            >
              Resume
            </button>
          )}
          <button
            type="button"
            disabled={busy}
            className="rounded border border-red-300 px-3 py-1 text-red-800"
            onClick={() => control("cancel")}
          >
            Cancel
          </button>
        </div>
      )}
      {controlError && (
        <p role="alert" className="mt-2 text-red-700">
          {controlError}
        </p>
      )}
    </section>
  );
}
