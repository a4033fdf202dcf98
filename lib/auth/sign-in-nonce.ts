import "server-only";
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { cookies, headers } from "next/headers";
import { requestProto } from "./request-origin";

/**
 * Binds an OAuth flow to the browser that started it (against login CSRF: a callback URL from an
 * attacker's own consent would otherwise sign a victim into the attacker's portal). Sign-in sets a
 * random nonce in a short-lived HttpOnly cookie and stores only its hash with the flow; the callback
 * requires the cookie and its hash to match. SameSite=Lax: HubSpot's redirect back is a top-level
 * navigation from another site, which Lax cookies accompany and cross-site subrequests do not.
 * One cookie per flow (named after its state), so sign-ins started in two tabs both complete.
 */
const PREFIX = "bb_signin_";
const PATH = "/api/auth/callback";

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
/** The flow's cookie name: from the state's hash (a cookie name cannot hold every character a state may). */
export const signInCookieName = (state: string) => `${PREFIX}${sha256(state).slice(0, 16)}`;

/** Sets the cookie for a new flow; answers the hash to store with it. */
export async function issueSignInNonce(state: string, ttlMs: number): Promise<string> {
  const nonce = randomBytes(32).toString("base64url");
  (await cookies()).set(signInCookieName(state), nonce, {
    httpOnly: true,
    sameSite: "lax",
    path: PATH,
    maxAge: Math.floor(ttlMs / 1000),
    secure: requestProto(await headers()) === "https",
  });
  return sha256(nonce);
}

/** The hash of this browser's nonce for the flow (null without the cookie), clearing the cookie: one use, whatever happens next. */
export async function takeSignInNonce(state: string): Promise<string | null> {
  const jar = await cookies();
  const name = signInCookieName(state);
  const nonce = jar.get(name)?.value;
  if (nonce) jar.set(name, "", { httpOnly: true, sameSite: "lax", path: PATH, maxAge: 0 });
  return nonce ? sha256(nonce) : null;
}

/** Whether the browser's nonce hash is the flow's (constant time). */
export function sameNonce(fromBrowser: string | null, fromFlow: string | null): boolean {
  if (!fromBrowser || !fromFlow) return false;
  const a = Buffer.from(fromBrowser, "hex");
  const b = Buffer.from(fromFlow, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}
