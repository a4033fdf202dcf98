"use client";

import Link from "next/link";
import { useEffect, useId, useRef, useState } from "react";
import { useViewQuery } from "@/components/records/use-view-query";
import type { GridResource } from "@/components/records/resource";
import type { ExportFormat } from "@/lib/db/values";
import { userTimeZone } from "@/lib/time/time-zone";
import { ExportStatus } from "./export-status";
import { useExport } from "./use-export";

/** The columns the grid shows, in its order: the name column first, then the visible ones. */
export function exportedColumns(resource: GridResource, visible: readonly string[]): string[] {
  const shown = resource.columns.filter((c) => c.key === resource.nameKey || visible.includes(c.key)).map((c) => c.key);
  return [resource.nameKey, ...shown.filter((k) => k !== resource.nameKey)];
}

/**
 * "Export…" in the grid's toolbar: the view as the URL says (filters, sort, search) and the visible
 * columns, as CSV or XLSX, written by a job on the server; the dialog follows its progress and offers
 * the file when it is written. Closing the dialog does not stop the export (the exports page lists it).
 */
export function ExportButton({ resource, visible }: { resource: GridResource; visible: readonly string[] }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [open, setOpen] = useState(false);
  const [format, setFormat] = useState<ExportFormat>("csv");
  const { query, error: queryError } = useViewQuery();
  const exp = useExport();
  useEffect(() => {
    const d = ref.current;
    if (open && d && !d.open) d.showModal();
    if (!open && d?.open) d.close();
  }, [open]);
  const columns = exportedColumns(resource, visible);
  const filtered = query.filters.length > 0 || !!query.q;

  return (
    <>
      <button
        type="button"
        aria-haspopup="dialog"
        className="rounded border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50"
        onClick={() => setOpen(true)}
      >
        Export…
      </button>
      <dialog
        ref={ref}
        aria-labelledby={titleId}
        onClose={() => setOpen(false)}
        className="m-auto w-[28rem] rounded-lg border border-slate-200 p-5 shadow-xl backdrop:bg-slate-900/30"
      >
        <h2 id={titleId} className="text-lg font-semibold">
          Export {resource.nounPlural}
        </h2>
        <p className="mt-2 text-sm text-slate-700">
          Every {filtered ? `${resource.noun} matching this view` : resource.noun}, with the record id and the{" "}
          {columns.length} visible column{columns.length === 1 ? "" : "s"}.
        </p>
        {queryError && <p className="mt-1 text-sm text-amber-700">{queryError}</p>}
        {!exp.view ? (
          <fieldset className="mt-3 flex gap-4" disabled={exp.starting}>
            <legend className="mb-1 text-sm font-medium">Format</legend>
            {(
              [
                ["csv", "CSV"],
                ["xlsx", "Excel (XLSX)"],
              ] as const
            ).map(([value, label]) => (
              <label key={value} className="flex items-center gap-1.5 text-sm">
                <input
                  type="radio"
                  name="export-format"
                  value={value}
                  checked={format === value}
                  onChange={() => setFormat(value)}
                />
                {label}
              </label>
            ))}
          </fieldset>
        ) : (
          <div className="mt-3">
            <ExportStatus view={exp.view} noun={resource.nounPlural} />
          </div>
        )}
        {exp.error && (
          <p className="mt-2 text-sm text-red-700" role="alert">
            {exp.error.message}
          </p>
        )}
        <div className="mt-5 flex items-center justify-end gap-2">
          <Link href="/exports" className="mr-auto text-sm text-blue-700 underline">
            Your exports
          </Link>
          {exp.running && (
            <button type="button" className="rounded border border-slate-300 px-3 py-1.5 text-sm" onClick={exp.cancel}>
              Cancel export
            </button>
          )}
          {exp.view && !exp.running && (
            <button type="button" className="rounded border border-slate-300 px-3 py-1.5 text-sm" onClick={exp.reset}>
              New export
            </button>
          )}
          <button
            type="button"
            className="rounded border border-slate-300 px-3 py-1.5 text-sm"
            onClick={() => setOpen(false)}
          >
            Close
          </button>
          {!exp.view && (
            <button
              type="button"
              className="rounded bg-blue-600 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50"
              disabled={exp.starting}
              onClick={() => exp.start({ ref: resource.ref, query, columns, format, timeZone: userTimeZone() })}
            >
              {exp.starting ? "Starting…" : "Start export"}
            </button>
          )}
        </div>
      </dialog>
    </>
  );
}
