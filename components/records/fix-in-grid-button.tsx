"use client";

import { useRouter } from "next/navigation";
import type { ActionResult } from "@/lib/actions/result";
import { editStorageKey, loadEdits, saveEdits } from "./edits/persist";
import { takeBackFailed, type FailedRow } from "./edits/take-back-failed";
import { ActionButton } from "./action-button";

interface Props {
  label: string;
  /** Rows to take back, and the grid they belong to. */
  load: () => Promise<ActionResult<{ resourceKey: string; path: string; rows: FailedRow[]; skipped: number }>>;
  /** Marks the rows' statuses, so the grid can tell where they came from. */
  sourceId: string;
  portalId: number;
  userId: string;
}

/**
 * "Fix in the grid": rows that failed (or could not be imported) become pending edits of their
 * grid, marked with the reason, and the grid opens with them ("Show only failed rows" lists them).
 */
export function FixInGridButton({ label, load, sourceId, portalId, userId }: Props) {
  const router = useRouter();
  return (
    <ActionButton
      label={label}
      busyLabel="Opening…"
      action={load}
      onOk={(data) => {
        if (data.rows.length === 0) {
          return "These rows cannot be placed in the grid: they name their records by a unique value (such as an email) instead of a record id, or they archive records. Download them, fix the file and upload it again, or retry them.";
        }
        const key = editStorageKey(data.resourceKey, portalId, userId);
        saveEdits(
          key,
          takeBackFailed(loadEdits(key), sourceId, data.rows, () => `new-${crypto.randomUUID()}`),
        );
        router.push(data.path);
      }}
    />
  );
}
