"use client";

import { useEffect, useRef, useState } from "react";
import type { ActionError } from "@/lib/actions/result";
import type { DiffLine } from "./diff-lines";

interface Props {
  open: boolean;
  diff: { lines: DiffLine[]; creates: number; updates: number; blocked: number };
  onSubmit: () => Promise<ActionError | null>;
  onClose: () => void;
  noun: string;
  nounPlural: string;
  /** The resource can add records: say how many are new, even when none are. */
  canCreate: boolean;
}

const MAX_LINES = 500; // the dialog stays fast for a 10,000-cell paste; the counts say the rest
const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

/** The diff before anything is sent: row, property, old → new, with counts of creates and updates. */
export function ReviewDialog({ open, diff, onSubmit, onClose, noun, nounPlural, canCreate }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ActionError | null>(null);
  useEffect(() => {
    const d = ref.current;
    if (open && d && !d.open) {
      setError(null);
      d.showModal();
    }
    if (!open && d?.open) d.close();
  }, [open]);

  const submit = async () => {
    setBusy(true);
    const err = await onSubmit().catch((e: unknown) => ({
      code: "unexpected" as const,
      message: e instanceof Error ? e.message : String(e),
    }));
    setBusy(false);
    setError(err);
    if (!err) onClose();
  };

  return (
    <dialog
      ref={ref}
      aria-labelledby="review-title"
      onClose={onClose}
      className="m-auto flex max-h-[85vh] w-[56rem] max-w-[95vw] flex-col rounded-lg border border-slate-200 p-0 shadow-xl backdrop:bg-slate-900/30 [&:not([open])]:hidden"
    >
      <div className="border-b border-slate-200 p-5">
        <h2 id="review-title" className="text-lg font-semibold">
          Review changes
        </h2>
        <p className="mt-1 text-sm text-slate-700">
          {canCreate && <>{plural(diff.creates, `new ${noun}`, `new ${nounPlural}`)}, </>}
          {plural(diff.updates, `updated ${noun}`, `updated ${nounPlural}`)},{" "}
          {plural(diff.lines.length, "changed cell")}.
        </p>
        {diff.blocked > 0 && (
          <p className="mt-1 text-sm font-medium text-red-700">
            {plural(diff.blocked, "row")} with errors will not be submitted; fix them in the grid first.
          </p>
        )}
      </div>
      <div className="min-h-0 flex-1 overflow-auto px-5">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Changes to submit</caption>
          <thead className="sticky top-0 bg-white">
            <tr className="border-b border-slate-200">
              <th scope="col" className="py-2 pr-3">
                {noun.charAt(0).toUpperCase() + noun.slice(1)}
              </th>
              <th scope="col" className="py-2 pr-3">
                Property
              </th>
              <th scope="col" className="py-2 pr-3">
                Old value
              </th>
              <th scope="col" className="py-2">
                New value
              </th>
            </tr>
          </thead>
          <tbody>
            {diff.lines.slice(0, MAX_LINES).map((l) => (
              <tr key={`${l.rowKey}:${l.property}`} className="border-b border-slate-100 align-top">
                <td className="py-1.5 pr-3">
                  {l.rowName || "(no name)"}
                  {l.kind === "create" && (
                    <span className="ml-1 rounded bg-green-100 px-1 text-xs text-green-800">new</span>
                  )}
                </td>
                <td className="py-1.5 pr-3">{l.label}</td>
                <td className="py-1.5 pr-3 text-slate-500 line-through decoration-slate-300">{l.before}</td>
                <td className="whitespace-pre-wrap py-1.5">
                  {l.after || <span className="text-slate-400">(empty)</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {diff.lines.length > MAX_LINES && (
          <p className="py-2 text-sm text-slate-600">…and {plural(diff.lines.length - MAX_LINES, "more change")}.</p>
        )}
      </div>
      <div className="flex items-center gap-2 border-t border-slate-200 p-4">
        {error && (
          <p role="alert" className="mr-auto text-sm text-red-700">
            {error.message}{" "}
            {error.code === "reauth" && (
              // Edits are kept in this browser, so signing in again loses nothing.
              <a
                className="font-medium underline"
                href={`/api/auth/signin?returnTo=${encodeURIComponent(location.pathname + location.search)}`}
              >
                Sign in again
              </a>
            )}
          </p>
        )}
        <button type="button" className="ml-auto rounded border border-slate-300 px-3 py-1.5 text-sm" onClick={onClose}>
          Cancel
        </button>
        <button
          type="button"
          disabled={busy || diff.lines.length === 0}
          className="rounded bg-slate-900 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50"
          onClick={() => void submit()}
        >
          {busy ? "Submitting…" : "Submit"}
        </button>
      </div>
    </dialog>
  );
}
