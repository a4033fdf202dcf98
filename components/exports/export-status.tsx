"use client";

import type { ExportView } from "@/lib/exports/service";

const n = (x: number) => x.toLocaleString("en-US");

/** An export's state in words, with a progress bar while it runs and the download link once written. */
export function ExportStatus({ view, noun }: { view: ExportView; noun: string }) {
  if (view.state === "queued" || view.state === "running")
    return (
      <div className="flex flex-col gap-1" role="status">
        <progress aria-label="Export progress" className="w-full" value={view.written} max={view.total ?? undefined} />
        <span className="text-sm text-slate-700">
          {view.state === "queued"
            ? "Waiting to start…"
            : view.total !== null
              ? `Written ${n(view.written)} of ${n(view.total)} ${noun}…`
              : `Written ${n(view.written)} ${noun}…`}
        </span>
      </div>
    );
  if (view.state === "done")
    return (
      <p className="text-sm" role="status">
        {n(view.written)} {noun} exported.{" "}
        <a className="font-medium text-blue-700 underline" href={`/api/exports/${view.id}`} download={view.fileName}>
          Download {view.fileName}
        </a>
      </p>
    );
  if (view.state === "failed")
    return (
      <p className="text-sm text-red-700" role="alert">
        The export failed: {view.error}
      </p>
    );
  return (
    <p className="text-sm text-slate-600" role="status">
      {view.state === "cancelled" ? "Cancelled." : "This file has been deleted (exports are kept for 24 hours)."}
    </p>
  );
}
