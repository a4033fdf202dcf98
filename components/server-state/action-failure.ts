import type { ActionError, ActionResult } from "@/lib/actions/result";

/** An ActionResult's error as a thrown value, so TanStack Query treats it as the query's or mutation's error. */
export class ActionFailure extends Error {
  constructor(readonly error: ActionError) {
    super(error.message);
  }
}

/** Calls a server action and returns its data, or throws its error as an ActionFailure: the one way a query or mutation reads an action. */
export async function callAction<I, T>(action: (input: I) => Promise<ActionResult<T>>, input: I): Promise<T> {
  const res = await action(input);
  if (!res.ok) throw new ActionFailure(res.error);
  return res.data;
}

/** Any thrown value as the ActionError the UI shows: a network failure reads as an unexpected one. */
export function actionErrorOf(err: unknown): ActionError | null {
  if (err === null || err === undefined) return null;
  if (err instanceof ActionFailure) return err.error;
  const message = err instanceof Error ? err.message : String(err);
  return { code: "unexpected", message: message || "The server could not be reached. Try again." };
}

/** Errors that a retry cannot fix: the user must act (sign in, reconnect, change the input). */
export const isFinalError = (err: unknown, extra: readonly string[] = []) =>
  err instanceof ActionFailure && ["reauth", "missing_scopes", "invalid_input", ...extra].includes(err.error.code);
