"use client";

import { useMutation } from "@tanstack/react-query";
import { useCallback } from "react";
import type { ActionResult } from "@/lib/actions/result";
import { actionErrorOf, callAction } from "./action-failure";

/**
 * The one way a component calls a server action that changes something: a mutation with its
 * pending state, data and ActionError, and no retries (every call is started by the user).
 * `run(input, { onSuccess })` fires it; `runAsync` resolves with the ActionResult and never throws.
 */
export function useAction<I, T>(
  action: (input: I) => Promise<ActionResult<T>>,
  onSuccess?: (data: T, input: I) => void,
) {
  const mutation = useMutation({ mutationFn: (input: I) => callAction(action, input), onSuccess, retry: false });
  const { mutateAsync } = mutation;
  const runAsync = useCallback(
    (input: I): Promise<ActionResult<T>> =>
      mutateAsync(input).then(
        (data) => ({ ok: true as const, data }),
        (err: unknown) => ({ ok: false as const, error: actionErrorOf(err)! }),
      ),
    [mutateAsync],
  );
  return {
    run: mutation.mutate,
    runAsync,
    pending: mutation.isPending,
    error: actionErrorOf(mutation.error),
    reset: mutation.reset,
    data: mutation.data,
  };
}
