"use client";

import { useEffect, useId, useRef, type ReactNode } from "react";

interface Props {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  onConfirm: () => void;
  onClose: () => void;
}

/** A modal confirmation on the native <dialog> (focus trap, Escape, role=dialog for free). */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  cancelLabel = "Cancel",
  onConfirm,
  onClose,
}: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  // Several confirmations can be on one page (discard changes, delete a view): each names its own.
  const titleId = useId();
  useEffect(() => {
    const d = ref.current;
    if (open && d && !d.open) d.showModal();
    if (!open && d?.open) d.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onClose={onClose}
      className="m-auto w-96 rounded-lg border border-slate-200 p-5 shadow-xl backdrop:bg-slate-900/30"
    >
      <h2 id={titleId} className="text-lg font-semibold">
        {title}
      </h2>
      <div className="mt-2 text-sm text-slate-700">{children}</div>
      <div className="mt-5 flex justify-end gap-2">
        <button type="button" className="rounded border border-slate-300 px-3 py-1.5 text-sm" onClick={onClose}>
          {cancelLabel}
        </button>
        <button
          type="button"
          className="rounded bg-red-600 px-3 py-1.5 text-sm font-medium text-white"
          onClick={() => {
            onConfirm();
            onClose();
          }}
        >
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
