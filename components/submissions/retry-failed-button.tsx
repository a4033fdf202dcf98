"use client";

import { useRouter } from "next/navigation";
import { useActionRunner } from "@/components/records/use-action-runner";
import { retryFailedRows } from "@/lib/submissions/actions";

/** "Retry failed rows": a new submission of exactly the rows that failed, followed on its own page. */
export function RetryFailedButton({ id, failed }: { id: string; failed: number }) {
  const router = useRouter();
  const { busy, error, run } = useActionRunner();
  return (
    <span className="flex items-center gap-2">
      <button
        type="button"
        disabled={busy}
        className="rounded border border-slate-300 bg-white px-3 py-1 text-sm hover:bg-slate-50 disabled:opacity-50"
        onClick={() => void run(() => retryFailedRows({ id }), (d) => router.push(`/submissions/${d.submissionId}`))}
      >
        {busy ? "Retrying…" : `Retry ${failed.toLocaleString("en-US")} failed ${failed === 1 ? "row" : "rows"}`}
      </button>
      {error && <span role="alert" className="text-sm text-red-700">{error}</span>}
    </span>
  );
}
