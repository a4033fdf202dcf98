import "server-only";
import { and, eq, lt } from "drizzle-orm";
import { env } from "../config/env";
import { secretBox } from "../crypto/app-secret";
import { db, tables } from "../db";
import { fetchTokenIdentity } from "../hubspot/account";
import { exchangeCode, revokeRefreshToken, startAuthorization } from "../hubspot/oauth";
import { hubspotTarget } from "../hubspot/target";
import { createSession, destroySession, getSession } from "./session";
import { SIGN_IN_ERRORS, type SignInErrorCode } from "./sign-in-errors";
import { issueSignInNonce, sameNonce, takeSignInNonce } from "./sign-in-nonce";

const FLOW_TTL_MS = 10 * 60 * 1000;

/** Only same-site paths may be returned to after sign-in (no open redirects). */
export function safeReturnTo(value: string | null | undefined): string {
  if (!value || !value.startsWith("/") || value.startsWith("//")) return "/campaigns";
  // Resolve it as browsers and `new URL(returnTo, origin)` do ("\" reads as "/", tabs and newlines are
  // dropped, so "/\evil.com" is "//evil.com"): it must stay on our origin.
  const base = "http://batchboard.invalid";
  try {
    return new URL(value, base).origin === base ? value : "/campaigns";
  } catch {
    return "/campaigns";
  }
}

export function redirectUriFor(origin: string): string {
  const e = env();
  return e.HUBSPOT_REDIRECT_URL ?? `${(e.APP_URL ?? origin).replace(/\/$/, "")}/api/auth/callback`;
}

/** Starts the authorization-code flow; returns the URL to send the browser to. */
export async function beginSignIn(origin: string, returnTo: string | null): Promise<URL> {
  const target = hubspotTarget();
  const redirectUri = redirectUriFor(origin);
  const { url, state, codeVerifier } = await startAuthorization(target, redirectUri);
  const database = await db();
  await database.delete(tables.oauthFlows).where(lt(tables.oauthFlows.createdAt, new Date(Date.now() - FLOW_TTL_MS)));
  const browserNonceHash = await issueSignInNonce(state, FLOW_TTL_MS);
  await database.insert(tables.oauthFlows).values({
    state,
    codeVerifier: secretBox().seal(codeVerifier),
    redirectUri,
    returnTo: safeReturnTo(returnTo),
    browserNonceHash,
  });
  return url;
}

/** A sign-in that ended without a session; the code goes to `/?error=` (sign-in-errors.ts). */
export class SignInError extends Error {
  constructor(readonly code: SignInErrorCode) {
    super(SIGN_IN_ERRORS[code]);
  }
}

/**
 * What the caller does once a connection works (again). Sign-in knows nothing of submissions: the
 * callback route passes the resume of submissions paused by a revoked grant, so lib/auth never
 * imports the features above it.
 */
export interface SignInHooks {
  afterConnect?: (connectionId: string) => Promise<unknown>;
}

/**
 * Handles HubSpot's redirect back: checks state and that this browser started the flow (its nonce
 * cookie), exchanges the code, stores the connection, starts a session, then runs `afterConnect`
 * (its failure is logged; the sign-in stands).
 */
export async function completeSignIn(callbackUrl: URL, hooks: SignInHooks = {}): Promise<string> {
  const state = callbackUrl.searchParams.get("state");
  if (!state) throw new SignInError("no_state");
  const browserNonce = await takeSignInNonce(state);
  const database = await db();
  const [flow] = await database.delete(tables.oauthFlows).where(eq(tables.oauthFlows.state, state)).returning();
  if (!flow || flow.createdAt.getTime() < Date.now() - FLOW_TTL_MS) throw new SignInError("expired");
  if (!sameNonce(browserNonce, flow.browserNonceHash)) throw new SignInError("other_browser");
  const error = callbackUrl.searchParams.get("error");
  if (error) {
    // HubSpot's own words go to the log (escaped), not onto our page.
    if (error !== "access_denied")
      console.warn(
        "[auth] HubSpot refused the sign-in:",
        JSON.stringify({ error, description: callbackUrl.searchParams.get("error_description") }),
      );
    throw new SignInError(error === "access_denied" ? "access_denied" : "refused");
  }
  const target = hubspotTarget();
  const box = secretBox();
  const tokens = await exchangeCode(target, callbackUrl, state, flow.redirectUri, box.open(flow.codeVerifier));
  const who = await fetchTokenIdentity(target, tokens.accessToken);

  const [user] = await database
    .insert(tables.users)
    .values({ hubspotUserId: who.hubspotUserId, email: who.email })
    .onConflictDoUpdate({ target: tables.users.hubspotUserId, set: { email: who.email } })
    .returning();
  const values = {
    userId: user!.id,
    portalId: who.portalId,
    hubDomain: who.hubDomain,
    apiBase: target.apiBase,
    scopes: who.scopes,
    accessTokenEnc: box.seal(tokens.accessToken),
    refreshTokenEnc: box.seal(tokens.refreshToken),
    accessTokenExpiresAt: tokens.expiresAt,
    status: "active" as const,
    statusReason: null,
    updatedAt: new Date(),
  };
  const [conn] = await database
    .insert(tables.connections)
    .values(values)
    .onConflictDoUpdate({
      target: [tables.connections.userId, tables.connections.portalId, tables.connections.apiBase],
      set: values,
    })
    .returning();
  await createSession(user!.id, conn!.id);
  await hooks.afterConnect?.(conn!.id).catch((err) => console.error("[auth] after sign-in:", err));
  return flow.returnTo;
}

/**
 * Revokes the refresh token at HubSpot (best effort) and ends every session of this connection (the
 * user's other tabs and browsers too): none of them could act on HubSpot any more, and downloads of
 * the portal's data must not outlive the sign-out either.
 */
export async function signOut(): Promise<void> {
  const session = await getSession();
  if (session) {
    const database = await db();
    await database.delete(tables.sessions).where(eq(tables.sessions.connectionId, session.connection.id));
    const [conn] = await database
      .select()
      .from(tables.connections)
      .where(eq(tables.connections.id, session.connection.id));
    if (conn && conn.status === "active") {
      try {
        await revokeRefreshToken(hubspotTarget(), secretBox().open(conn.refreshTokenEnc));
      } catch (err) {
        console.warn("[auth] could not revoke the refresh token at HubSpot", err);
      }
      await database
        .update(tables.connections)
        .set({ status: "revoked", statusReason: "You signed out.", updatedAt: new Date() })
        .where(and(eq(tables.connections.id, conn.id)));
    }
  }
  await destroySession();
}
