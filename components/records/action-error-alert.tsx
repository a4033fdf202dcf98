"use client";

import type { ActionError } from "@/lib/actions/result";

/**
 * A failed read, with the way out: sign in again or reconnect (granting missing scopes) and come
 * back to `returnTo`, or try again. Pending edits are kept in the browser, so either loses nothing.
 */
export function ActionErrorAlert({
  error,
  prefix,
  returnTo,
  onRetry,
}: {
  error: Pick<ActionError, "code" | "message">;
  prefix?: string;
  returnTo: string;
  onRetry: () => void;
}) {
  const reconnect = error.code === "reauth" || error.code === "missing_scopes";
  return (
    <div role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-800">
      {prefix}
      {error.message}{" "}
      {reconnect ? (
        <a className="font-medium underline" href={`/api/auth/signin?returnTo=${encodeURIComponent(returnTo)}`}>
          {error.code === "reauth" ? "Sign in again" : "Reconnect HubSpot"}
        </a>
      ) : (
        <button type="button" className="font-medium underline" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
