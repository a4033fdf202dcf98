"use client";

import { useCallback, useState } from "react";
import type { ActionResult } from "@/lib/actions/result";

/**
 * A button's server action: busy while it runs, the error message when it fails, `onOk` with the
 * data when it succeeds. One pattern for retry, fix-in-grid, dismiss, pause/resume/cancel.
 */
export function useActionRunner() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(async <T,>(action: () => Promise<ActionResult<T>>, onOk: (data: T) => void) => {
    setBusy(true);
    const res = await action().catch((e: unknown) => ({ ok: false as const, error: { code: "unexpected" as const, message: e instanceof Error ? e.message : String(e) } }));
    setBusy(false);
    if (!res.ok) return setError(res.error.message);
    setError(null);
    onOk(res.data);
  }, []);
  return { busy, error, setError, run };
}
