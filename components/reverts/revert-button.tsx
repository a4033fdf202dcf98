"use client";

import { useRouter } from "next/navigation";
import { ActionButton } from "@/components/records/action-button";
import { startRevertPreview } from "@/lib/reverts/actions";

/**
 * "Revert…" on a finished submission: nothing is written yet. It starts the preview (HubSpot's
 * current values are read in the background) and opens it.
 */
export function RevertButton({ id }: { id: string }) {
  const router = useRouter();
  return (
    <ActionButton
      label="Revert…"
      busyLabel="Preparing…"
      action={() => startRevertPreview({ id })}
      onOk={(d) => router.push(`/submissions/${d.draftId}`)}
    />
  );
}
