"use client";

import { useState } from "react";
import { ConfirmDialog } from "./confirm-dialog";

interface Props {
  counts: { rows: number; cells: number; invalid: number };
  submitting: boolean;
  onReview: () => void;
  onDiscard: () => void;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

/** "3 rows, 5 cells changed · 1 row has errors" with Review and submit / Discard. */
export function ChangesBar({ counts, submitting, onReview, onDiscard }: Props) {
  const [confirming, setConfirming] = useState(false);
  if (counts.rows === 0) return null;
  return (
    <div
      role="region"
      aria-label="Unsaved changes"
      className="flex flex-wrap items-center gap-3 rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm"
    >
      <span role="status" aria-live="polite">
        {plural(counts.rows, "row")}, {plural(counts.cells, "cell")} changed
        {counts.invalid > 0 && (
          <span className="ml-2 font-medium text-red-700">· {plural(counts.invalid, "row")} with errors</span>
        )}
      </span>
      <div className="ml-auto flex gap-2">
        <button
          type="button"
          className="rounded border border-slate-300 bg-white px-3 py-1.5"
          onClick={() => setConfirming(true)}
        >
          Discard
        </button>
        <button
          type="button"
          disabled={submitting || counts.rows === counts.invalid}
          className="rounded bg-slate-900 px-3 py-1.5 font-medium text-white disabled:opacity-50"
          onClick={onReview}
        >
          Review and submit
        </button>
      </div>
      <ConfirmDialog
        open={confirming}
        title="Discard all changes?"
        confirmLabel="Discard changes"
        cancelLabel="Keep editing"
        onConfirm={onDiscard}
        onClose={() => setConfirming(false)}
      >
        {plural(counts.rows, "row")} with {plural(counts.cells, "changed cell")} will go back to what HubSpot has. This
        cannot be undone.
      </ConfirmDialog>
    </div>
  );
}
