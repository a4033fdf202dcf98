"use client";

import type { ActionError } from "@/lib/actions/result";
import type { SubmissionView } from "@/lib/submissions/types";
import type { EditState } from "../edits/types";
import type { GridResource } from "../resource";
import { ConflictList } from "./conflict-list";

interface Props {
  resource: GridResource;
  state: EditState;
  view: SubmissionView | undefined;
  error: ActionError | null;
  running: boolean;
  nameOf: (rowKey: string) => string;
  failedOnly: boolean;
  onFailedOnlyChange: (on: boolean) => void;
  onKeepTheirs: (rowKey: string) => void;
  onApplyMine: (rowKey: string) => void;
  onDismiss: () => void;
}

/** Summary of the last submission: counts by outcome and error category, failed rows, conflicts. */
export function SubmissionPanel({
  resource,
  state,
  view,
  error,
  running,
  nameOf,
  failedOnly,
  onFailedOnlyChange,
  onKeepTheirs,
  onApplyMine,
  onDismiss,
}: Props) {
  const entries = Object.entries(state.statuses);
  const failed = entries.filter(([, s]) => s.status === "failed");
  const conflicts = entries.filter(([, s]) => s.status === "conflict");
  if (!state.submissionId && failed.length === 0 && conflicts.length === 0) return null;
  const byCategory = new Map<string, number>();
  for (const [, s] of failed)
    byCategory.set(s.error?.category ?? "UNKNOWN", (byCategory.get(s.error?.category ?? "UNKNOWN") ?? 0) + 1);
  const c = view?.counts;

  return (
    <section
      role="region"
      aria-label="Submission results"
      className="rounded border border-slate-200 bg-white p-3 text-sm"
    >
      <div className="flex flex-wrap items-center gap-3">
        <h2 className="font-semibold">{running ? "Submitting changes…" : "Submission finished"}</h2>
        {c && (
          <p role="status" aria-live="polite">
            Saved {c.saved} · Failed {c.failed} · Conflicts {c.conflict} · Waiting {c.pending + c.saving}
          </p>
        )}
        {byCategory.size > 0 && (
          <p aria-label="Failures by category" className="text-slate-600">
            {[...byCategory].map(([cat, n]) => `${cat}: ${n}`).join(" · ")}
          </p>
        )}
        <label className="ml-auto flex items-center gap-1.5">
          <input type="checkbox" checked={failedOnly} onChange={(e) => onFailedOnlyChange(e.target.checked)} />
          Show only failed rows
        </label>
        {!running && (
          <button type="button" className="rounded border border-slate-300 px-2 py-1" onClick={onDismiss}>
            Close
          </button>
        )}
      </div>
      {error && (
        <p role="alert" className="mt-2 text-red-700">
          Could not get the submission&apos;s progress: {error.message}
        </p>
      )}
      {failed.length > 0 && (
        <ul aria-label="Failed rows" className="mt-2 space-y-1">
          {failed.map(([key, s]) => (
            <li key={key} className="rounded border border-red-200 bg-red-50 p-2">
              <span className="font-medium">{nameOf(key)}</span>: {s.error?.message}
              <details className="mt-1">
                <summary className="cursor-pointer text-xs text-slate-600">Raw error</summary>
                <pre className="mt-1 max-h-48 overflow-auto whitespace-pre-wrap text-xs">
                  {JSON.stringify(s.error, null, 2)}
                </pre>
              </details>
            </li>
          ))}
        </ul>
      )}
      <ConflictList
        resource={resource}
        busy={running}
        conflicts={conflicts.map(([rowKey, info]) => ({
          rowKey,
          name: nameOf(rowKey),
          info,
          pending: state.updates[rowKey],
        }))}
        onKeepTheirs={onKeepTheirs}
        onApplyMine={onApplyMine}
      />
    </section>
  );
}
