import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt } from "drizzle-orm";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { db, tables } from "../db";
import { requestProto } from "./request-origin";

export const SESSION_COOKIE = "bb_session";
const SESSION_DAYS = 30;

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export interface Session {
  id: string;
  user: { id: string; email: string; hubspotUserId: number };
  connection: {
    id: string;
    portalId: number;
    hubDomain: string;
    apiBase: string;
    scopes: string[];
    status: string;
    statusReason: string | null;
  };
}

/** Secure cookies whenever the browser uses HTTPS (request-origin.ts says when that is known). */
async function isSecureContext(): Promise<boolean> {
  return requestProto(await headers()) === "https";
}

export async function createSession(userId: string, connectionId: string): Promise<void> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + SESSION_DAYS * 86400_000);
  await (await db()).insert(tables.sessions).values({ id: hashToken(token), userId, connectionId, expiresAt });
  (await cookies()).set(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "lax",
    secure: await isSecureContext(),
    path: "/",
    expires: expiresAt,
  });
}

/** The signed-in user and their portal connection, or null. Never returns a token. */
export async function getSession(): Promise<Session | null> {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  if (!token) return null;
  const database = await db();
  const rows = await database
    .select({ session: tables.sessions, user: tables.users, connection: tables.connections })
    .from(tables.sessions)
    .innerJoin(tables.users, eq(tables.users.id, tables.sessions.userId))
    .innerJoin(tables.connections, eq(tables.connections.id, tables.sessions.connectionId))
    .where(and(eq(tables.sessions.id, hashToken(token)), gt(tables.sessions.expiresAt, new Date())));
  const row = rows[0];
  if (!row) return null;
  return {
    id: row.session.id,
    user: { id: row.user.id, email: row.user.email, hubspotUserId: row.user.hubspotUserId },
    connection: {
      id: row.connection.id,
      portalId: row.connection.portalId,
      hubDomain: row.connection.hubDomain,
      apiBase: row.connection.apiBase,
      scopes: row.connection.scopes,
      status: row.connection.status,
      statusReason: row.connection.statusReason,
    },
  };
}

/**
 * The session only while its HubSpot connection is active, for route handlers that return data
 * (downloads): like pages, they refuse a session whose connection was signed out or revoked.
 */
export async function getActiveSession(): Promise<Session | null> {
  const session = await getSession();
  return session?.connection.status === "active" ? session : null;
}

export async function destroySession(): Promise<void> {
  const jar = await cookies();
  const token = jar.get(SESSION_COOKIE)?.value;
  if (token) await (await db()).delete(tables.sessions).where(eq(tables.sessions.id, hashToken(token)));
  jar.delete(SESSION_COOKIE);
}

/**
 * The session for a page inside the signed-in area. Next renders a layout and its page in parallel,
 * so a page cannot rely on the layout's redirect having happened: it redirects to sign-in itself.
 */
export async function requireSession(): Promise<Session> {
  const session = await getSession();
  if (!session || session.connection.status !== "active") {
    const path = (await headers()).get("x-pathname") ?? "/campaigns";
    redirect(`/?returnTo=${encodeURIComponent(path)}`);
  }
  return session;
}
