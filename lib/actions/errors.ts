import "server-only";
import { randomUUID } from "node:crypto";
import { ConnectionRevokedError } from "../auth/access-token";
import { HubSpotApiError } from "../hubspot/http-client";
import { logError } from "../log/log-error";
import { ExpectedActionError, type ActionError } from "./result";

/**
 * Any error as the UI shows it: expected ones with their message, HubSpot's mapped to what the user
 * can do, unexpected ones logged with an id. Kept apart from the action wrapper (which reads the
 * request's session through next/headers) so that background jobs can use it in a worker process.
 */
export function toActionError(err: unknown): ActionError {
  if (err instanceof ExpectedActionError) return { code: err.code, message: err.message };
  if (err instanceof ConnectionRevokedError) return { code: "reauth", message: err.message };
  if (err instanceof HubSpotApiError) {
    if (err.status === 401)
      return { code: "reauth", message: "HubSpot no longer accepts this session. Sign in again to continue." };
    if (err.status === 403 && err.missingScopes.length) {
      return {
        code: "missing_scopes",
        message: `Batchboard needs more access in HubSpot: ${err.missingScopes.join(", ")}. Reconnect to grant it.`,
        missingScopes: err.missingScopes,
      };
    }
    if (err.status === 429 && err.policyName === "DAILY") {
      return {
        code: "rate_limited",
        message:
          "HubSpot's daily API limit for this portal is used up. It resets at midnight in the portal's time zone; submissions already running resume by themselves.",
      };
    }
    if (err.status === 429)
      return { code: "rate_limited", message: "HubSpot is rate-limiting this portal. Try again in a few seconds." };
    return { code: "hubspot", message: `HubSpot: ${err.message}`, errorId: err.correlationId };
  }
  const errorId = randomUUID();
  logError(`[action] unexpected error ${errorId}`, err);
  return { code: "unexpected", message: `Something went wrong (error id ${errorId}).`, errorId };
}
