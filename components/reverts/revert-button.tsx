"use client";

import { useRouter } from "next/navigation";
import { useActionRunner } from "@/components/records/use-action-runner";
import { startRevertPreview } from "@/lib/reverts/actions";

/**
 * "Revert…" on a finished submission: nothing is written yet. It starts the preview (HubSpot's
 * current values are read in the background) and opens it.
 */
export function RevertButton({ id, label = "Revert…" }: { id: string; label?: string }) {
  const router = useRouter();
  const { busy, error, run } = useActionRunner();
  return (
    <span className="flex items-center gap-2">
      <button
        type="button"
        disabled={busy}
        className="rounded border border-slate-300 bg-white px-3 py-1 text-sm hover:bg-slate-50 disabled:opacity-50"
        onClick={() => void run(() => startRevertPreview({ id }), (d) => router.push(`/submissions/${d.draftId}`))}
      >
        {busy ? "Preparing…" : label}
      </button>
      {error && <span role="alert" className="text-sm text-red-700">{error}</span>}
    </span>
  );
}
