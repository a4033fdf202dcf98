import "server-only";
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { ConnectionRevokedError } from "../auth/access-token";
import { getSession, type Session } from "../auth/session";
import { HubSpotApiError } from "../hubspot/http-client";
import { ExpectedActionError, type ActionError, type ActionResult } from "./result";

/**
 * The one way to write a server action: validate input with its zod schema, require a signed-in
 * session with an active HubSpot connection, run one service call, and map errors to ActionError.
 */
export function authedAction<S extends z.ZodType, T>(schema: S, handler: (input: z.infer<S>, session: Session) => Promise<T>) {
  return async (raw: z.input<S>): Promise<ActionResult<T>> => {
    const parsed = schema.safeParse(raw);
    if (!parsed.success) return { ok: false, error: { code: "invalid_input", message: parsed.error.issues.map((i) => i.message).join("; ") } };
    const session = await getSession();
    if (!session || session.connection.status !== "active") {
      return { ok: false, error: { code: "reauth", message: session?.connection.statusReason ?? "Your session has ended. Sign in again to continue." } };
    }
    try {
      return { ok: true, data: await handler(parsed.data, session) };
    } catch (err) {
      return { ok: false, error: toActionError(err) };
    }
  };
}

export function toActionError(err: unknown): ActionError {
  if (err instanceof ExpectedActionError) return { code: err.code, message: err.message };
  if (err instanceof ConnectionRevokedError) return { code: "reauth", message: err.message };
  if (err instanceof HubSpotApiError) {
    if (err.status === 401) return { code: "reauth", message: "HubSpot no longer accepts this session. Sign in again to continue." };
    if (err.status === 403 && err.missingScopes.length) {
      return { code: "missing_scopes", message: `Batchboard needs more access in HubSpot: ${err.missingScopes.join(", ")}. Reconnect to grant it.`, missingScopes: err.missingScopes };
    }
    if (err.status === 429) return { code: "rate_limited", message: "HubSpot is rate-limiting this portal. Try again in a few seconds." };
    return { code: "hubspot", message: `HubSpot: ${err.message}`, errorId: err.correlationId };
  }
  const errorId = randomUUID();
  console.error(`[action] unexpected error ${errorId}`, err);
  return { code: "unexpected", message: `Something went wrong (error id ${errorId}).`, errorId };
}
