"use client";

import { useRouter } from "next/navigation";
import { ActionButton } from "@/components/records/action-button";
import { retryFailedRows } from "@/lib/submissions/actions";

/** "Retry failed rows": a new submission of exactly the rows that failed, followed on its own page. */
export function RetryFailedButton({ id, failed }: { id: string; failed: number }) {
  const router = useRouter();
  return (
    <ActionButton
      label={`Retry ${failed.toLocaleString("en-US")} failed ${failed === 1 ? "row" : "rows"}`}
      busyLabel="Retrying…"
      action={() => retryFailedRows({ id })}
      onOk={(d) => router.push(`/submissions/${d.submissionId}`)}
    />
  );
}
