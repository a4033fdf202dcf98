"use client";

import { useState } from "react";
import type { ActionResult } from "@/lib/actions/result";
import { useAction } from "@/components/server-state/use-action";

interface Props<T> {
  label: string;
  /** Shown while the action runs ("Retrying…"). */
  busyLabel: string;
  action: () => Promise<ActionResult<T>>;
  /** What to do with the answer; a string it returns is shown as the button's alert instead. */
  onOk: (data: T) => string | void;
}

/** A button that runs one server action, disabled while it runs, with its error beside it. */
export function ActionButton<T>({ label, busyLabel, action, onOk }: Props<T>) {
  const [problem, setProblem] = useState<string | null>(null);
  const run = useAction(action, (data) => setProblem(onOk(data) || null));
  const error = run.error?.message ?? problem;
  return (
    <span className="flex items-center gap-2">
      <button
        type="button"
        disabled={run.pending}
        className="rounded border border-slate-300 bg-white px-3 py-1 text-sm hover:bg-slate-50 disabled:opacity-50"
        onClick={() => {
          setProblem(null);
          run.run(undefined);
        }}
      >
        {run.pending ? busyLabel : label}
      </button>
      {error && (
        <span role="alert" className="text-sm text-red-700">
          {error}
        </span>
      )}
    </span>
  );
}
