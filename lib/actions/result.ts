/**
 * What every server action returns: small, serialisable, never a token. Expected failures carry a
 * code the UI acts on (reauth → sign-in link, missing_scopes → reconnect button); unexpected ones
 * carry only an id that is also in the server log.
 */
export type ActionErrorCode =
  "reauth" | "missing_scopes" | "rate_limited" | "hubspot" | "invalid_input" | "not_found" | "forbidden" | "unexpected";

export interface ActionError {
  code: ActionErrorCode;
  message: string;
  missingScopes?: string[];
  errorId?: string;
}

export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: ActionError };

/** An expected failure whose message is meant for the user (formbricks' "expected errors"). */
export class ExpectedActionError extends Error {
  constructor(
    readonly code: ActionErrorCode,
    message: string,
  ) {
    super(message);
  }
}
