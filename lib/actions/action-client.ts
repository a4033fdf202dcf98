import "server-only";
import type { z } from "zod";
import { getSession, type Session } from "../auth/session";
import { toActionError } from "./errors";
import type { ActionResult } from "./result";

export { toActionError };

/**
 * The one way to write a server action: validate input with its zod schema, require a signed-in
 * session with an active HubSpot connection, run one service call, and map errors to ActionError.
 */
export function authedAction<S extends z.ZodType, T>(
  schema: S,
  handler: (input: z.infer<S>, session: Session) => Promise<T>,
) {
  return async (raw: z.input<S>): Promise<ActionResult<T>> => {
    const parsed = schema.safeParse(raw);
    if (!parsed.success)
      return {
        ok: false,
        error: { code: "invalid_input", message: parsed.error.issues.map((i) => i.message).join("; ") },
      };
    const session = await getSession();
    if (!session || session.connection.status !== "active") {
      return {
        ok: false,
        error: {
          code: "reauth",
          message: session?.connection.statusReason ?? "Your session has ended. Sign in again to continue.",
        },
      };
    }
    try {
      return { ok: true, data: await handler(parsed.data, session) };
    } catch (err) {
      return { ok: false, error: toActionError(err) };
    }
  };
}
