"use client";

import { useMutation } from "@tanstack/react-query";
import type { ActionError, ActionResult } from "@/lib/actions/result";

/** An ActionResult's error as a thrown value, so TanStack Query treats it as the mutation's error. */
export class ActionFailure extends Error {
  constructor(readonly error: ActionError) {
    super(error.message);
  }
}

/**
 * A server action as a mutation: pending state, the data, and the ActionError (a network failure
 * reads as an unexpected one), with no retries: every step is started by the user.
 */
export function useUploadAction<I, T>(action: (input: I) => Promise<ActionResult<T>>, onSuccess?: (data: T, input: I) => void) {
  const mutation = useMutation({
    mutationFn: async (input: I) => {
      const res = await action(input);
      if (!res.ok) throw new ActionFailure(res.error);
      return res.data;
    },
    onSuccess,
  });
  const err = mutation.error;
  const error: ActionError | null = !err ? null : err instanceof ActionFailure ? err.error : { code: "unexpected", message: err.message || "The server could not be reached. Try again." };
  return { run: mutation.mutate, pending: mutation.isPending, error, reset: mutation.reset, data: mutation.data };
}
