"use client";

import { useQuery } from "@tanstack/react-query";
import { usePortalKeys } from "@/components/server-state/portal-scope";
import { callAction } from "@/components/server-state/action-failure";
import { useAction } from "@/components/server-state/use-action";
import { cancelViewExport, getViewExport, startViewExport } from "@/lib/exports/actions";
import type { ExportView } from "@/lib/exports/service";
import { useState } from "react";

const POLL_MS = 700;
const running = (v: ExportView | undefined) => v?.state === "queued" || v?.state === "running";

/** Starts an export and follows it: polled while its job runs, then left alone. */
export function useExport() {
  const keys = usePortalKeys();
  const [id, setId] = useState<string | null>(null);
  const start = useAction(startViewExport, (view) => setId(view.id));
  const cancel = useAction(cancelViewExport);
  const followed = useQuery({
    queryKey: keys.exports.detail(id ?? ""),
    queryFn: () => callAction(getViewExport, { id: id! }),
    enabled: id !== null,
    refetchInterval: (q) => (running(q.state.data) ? POLL_MS : false),
  });
  const view = followed.data ?? (id && start.data?.id === id ? start.data : undefined);
  return {
    view,
    error: start.error ?? cancel.error ?? (followed.error ? { message: followed.error.message } : null),
    starting: start.pending,
    running: running(view),
    start: start.run,
    cancel: () => id && cancel.run({ id }, { onSuccess: () => void followed.refetch() }),
    reset: () => {
      setId(null);
      start.reset();
    },
  };
}
