"use client";

import { useState } from "react";
import { ConfirmDialog } from "@/components/records/confirm-dialog";
import type { GridResource } from "@/components/records/resource";
import { useViewSelection } from "./use-view-selection";
import { ViewNameDialog } from "./view-name-dialog";

interface Props {
  resource: GridResource;
  /** The columns the grid shows now. */
  columns: readonly string[];
}

const BUTTON = "rounded border border-slate-300 bg-white px-2.5 py-1.5 text-sm hover:bg-slate-50 disabled:opacity-50";

/** The grid's saved views: pick one (or All), save the grid as a new one, save changes, rename, delete. */
export function SavedViewPicker({ resource, columns }: Props) {
  const s = useViewSelection(resource, columns);
  const [dialog, setDialog] = useState<"new" | "rename" | "delete" | null>(null);
  const close = () => setDialog(null);
  const error = s.views.list.error ?? s.views.change.error ?? s.views.remove.error;
  return (
    <div role="group" aria-label="Saved view" className="flex flex-wrap items-center gap-2">
      <label className="flex items-center gap-2 text-sm">
        View
        <select
          value={s.viewId ?? ""}
          onChange={(e) => s.choose(e.target.value)}
          className="max-w-56 rounded border border-slate-300 bg-white px-2 py-1.5"
        >
          <option value="">All</option>
          {s.viewId && !s.current && <option value={s.viewId}>Loading view…</option>}
          {s.list.map((v) => (
            <option key={v.id} value={v.id}>
              {v.name}
            </option>
          ))}
        </select>
      </label>
      {s.modified && (
        <>
          <span className="text-xs font-medium text-amber-700">Modified</span>
          <button type="button" className={BUTTON} disabled={s.views.change.pending} onClick={s.saveChanges}>
            Save changes
          </button>
        </>
      )}
      <button type="button" className={BUTTON} onClick={() => setDialog("new")}>
        Save as new view…
      </button>
      {s.current && (
        <>
          <button type="button" className={BUTTON} onClick={() => setDialog("rename")}>
            Rename…
          </button>
          <button type="button" className={BUTTON} onClick={() => setDialog("delete")}>
            Delete…
          </button>
        </>
      )}
      {s.notice && (
        <p role="status" className="text-sm text-slate-700">
          {s.notice}
        </p>
      )}
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error instanceof Error ? error.message : error.message}
        </p>
      )}
      <ViewNameDialog
        open={dialog === "new" || dialog === "rename"}
        title={dialog === "rename" ? "Rename view" : "Save as new view"}
        submitLabel={dialog === "rename" ? "Rename" : "Save view"}
        initialName={dialog === "rename" ? (s.current?.name ?? "") : ""}
        pending={s.views.create.pending || s.views.change.pending}
        onSubmit={async (name) => {
          const problem = await (dialog === "rename" ? s.rename(name) : s.saveAs(name));
          if (!problem) close();
          return problem;
        }}
        onClose={close}
      />
      <ConfirmDialog
        open={dialog === "delete"}
        title={`Delete view “${s.current?.name ?? ""}”?`}
        confirmLabel="Delete view"
        onConfirm={() => void s.remove()}
        onClose={close}
      >
        Every user of this portal loses it. The records are not changed.
      </ConfirmDialog>
    </div>
  );
}
