"use client";

import { useEffect, useRef, useState } from "react";
import type { GridColumn } from "@/components/grid/types";
import { useViewQuery } from "@/components/records/use-view-query";
import { BulkEditForm } from "./bulk-edit-form";

interface Props {
  objectType: string;
  columns: readonly GridColumn[];
}

/**
 * "Bulk edit…" in a CRM grid's toolbar: a dialog (native <dialog>: focus trap and Escape) with the
 * edit's form, for every record of the current view, loaded in the grid or not.
 */
export function BulkEditButton({ objectType, columns }: Props) {
  const { query } = useViewQuery();
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (open && d && !d.open) d.showModal();
    if (!open && d?.open) d.close();
  }, [open]);
  return (
    <>
      <button
        type="button"
        onClick={() => setOpen(true)}
        className="rounded border border-slate-300 bg-white px-3 py-1.5 text-sm"
      >
        Bulk edit…
      </button>
      <dialog
        ref={ref}
        aria-labelledby="bulk-edit-title"
        onClose={() => setOpen(false)}
        className="m-auto w-[28rem] rounded-lg border border-slate-200 p-5 shadow-xl backdrop:bg-slate-900/30"
      >
        <h2 id="bulk-edit-title" className="mb-1 text-lg font-semibold">
          Bulk edit this view
        </h2>
        <p className="mb-3 text-sm text-slate-600">
          {query.filters.length || query.q
            ? "Changes every record that matches this view's filters and search, not only the rows loaded."
            : "This view has no filter: the change applies to every record of this object type."}{" "}
          A dry run comes first; nothing is sent until you run it.
        </p>
        {open && (
          <BulkEditForm objectType={objectType} query={query} columns={columns} onCancel={() => setOpen(false)} />
        )}
      </dialog>
    </>
  );
}
