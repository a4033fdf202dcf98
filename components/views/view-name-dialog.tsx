"use client";

import { useEffect, useId, useRef, useState } from "react";
import { MAX_VIEW_NAME } from "@/lib/views/schemas";

interface Props {
  open: boolean;
  title: string;
  submitLabel: string;
  initialName: string;
  pending: boolean;
  /** Resolves with an error message to show (the name is taken), or null once done. */
  onSubmit: (name: string) => Promise<string | null>;
  onClose: () => void;
}

/** Asks for a view's name (save as new, rename) on the native <dialog>: focus trap and Escape for free. */
export function ViewNameDialog({ open, title, submitLabel, initialName, pending, onSubmit, onClose }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [name, setName] = useState(initialName);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const d = ref.current;
    if (open && d && !d.open) {
      setName(initialName);
      setError(null);
      d.showModal();
    }
    if (!open && d?.open) d.close();
  }, [open, initialName]);
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onClose={onClose}
      className="m-auto w-96 rounded-lg border border-slate-200 p-5 shadow-xl backdrop:bg-slate-900/30"
    >
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          setError(await onSubmit(name));
        }}
      >
        <h2 id={titleId} className="text-lg font-semibold">
          {title}
        </h2>
        <label className="mt-3 flex flex-col gap-1 text-sm">
          View name
          <input
            autoFocus
            required
            maxLength={MAX_VIEW_NAME}
            value={name}
            onChange={(e) => setName(e.target.value)}
            className="rounded border border-slate-300 px-2 py-1.5"
          />
        </label>
        {error && (
          <p role="alert" className="mt-2 text-sm text-red-700">
            {error}
          </p>
        )}
        <div className="mt-5 flex justify-end gap-2">
          <button type="button" className="rounded border border-slate-300 px-3 py-1.5 text-sm" onClick={onClose}>
            Cancel
          </button>
          <button
            type="submit"
            disabled={pending || !name.trim()}
            className="rounded bg-slate-900 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50"
          >
            {submitLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
