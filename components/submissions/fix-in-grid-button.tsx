"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { editStorageKey, loadEdits, saveEdits } from "@/components/records/edits/persist";
import { takeBackFailed } from "@/components/records/edits/take-back-failed";
import { failedRowsForGrid } from "@/lib/submissions/actions";

/** "Fix in the grid": the failed rows become pending edits of their grid, marked failed, and the grid opens. */
export function FixInGridButton({ id, portalId, userId, failed }: { id: string; portalId: number; userId: string; failed: number }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  return (
    <span className="flex items-center gap-2">
      <button
        type="button"
        disabled={busy}
        className="rounded border border-slate-300 bg-white px-3 py-1 text-sm hover:bg-slate-50 disabled:opacity-50"
        onClick={async () => {
          setBusy(true);
          const res = await failedRowsForGrid({ id });
          setBusy(false);
          if (!res.ok) return setMessage(res.error.message);
          if (res.data.rows.length === 0) return setMessage("These rows name their records by a unique value, not a record id, so they cannot be placed in the grid. Download them, fix the file and upload it again.");
          const key = editStorageKey(res.data.resourceKey, portalId, userId);
          saveEdits(key, takeBackFailed(loadEdits(key), id, res.data.rows, () => `new-${crypto.randomUUID()}`));
          router.push(res.data.path);
        }}
      >
        {busy ? "Opening…" : `Fix ${failed.toLocaleString("en-US")} failed ${failed === 1 ? "row" : "rows"} in the grid`}
      </button>
      {message && <span role="alert" className="text-sm text-red-700">{message}</span>}
    </span>
  );
}
