import "server-only";
import { eq } from "drizzle-orm";
import { secretBox } from "../crypto/app-secret";
import { db, tables } from "../db";
import { GrantRevokedError, refreshTokens } from "../hubspot/oauth";
import { targetFor } from "./connection-target";

/** Refresh this long before HubSpot's expiry so that a request never starts with a dying token. */
const REFRESH_MARGIN_MS = 5 * 60 * 1000;

export class ConnectionRevokedError extends Error {
  constructor(
    readonly connectionId: string,
    reason: string,
  ) {
    super(reason);
    this.name = "ConnectionRevokedError";
  }
}

const inFlight = new Map<string, Promise<string>>();

/**
 * A valid access token for a stored connection, refreshed when close to expiry. Works without a
 * browser request (background jobs call it). One refresh at a time per connection: an in-process
 * promise for concurrent callers, and a row lock for other processes sharing PostgreSQL.
 */
export async function accessTokenFor(connectionId: string, opts: { force?: boolean } = {}): Promise<string> {
  const database = await db();
  const [conn] = await database.select().from(tables.connections).where(eq(tables.connections.id, connectionId));
  if (!conn) throw new ConnectionRevokedError(connectionId, "This HubSpot connection no longer exists.");
  if (conn.status !== "active")
    throw new ConnectionRevokedError(connectionId, conn.statusReason ?? "HubSpot access was revoked.");
  if (!opts.force && conn.accessTokenExpiresAt.getTime() - REFRESH_MARGIN_MS > Date.now()) {
    return secretBox().open(conn.accessTokenEnc);
  }
  const pending = inFlight.get(connectionId);
  if (pending) return pending;
  const seenToken = conn.accessTokenEnc;
  const refresh = refreshLocked(connectionId, seenToken).finally(() => inFlight.delete(connectionId));
  inFlight.set(connectionId, refresh);
  return refresh;
}

async function refreshLocked(connectionId: string, seenTokenEnc: string): Promise<string> {
  const database = await db();
  // A revocation is recorded inside the transaction and thrown after it commits.
  const result = await database.transaction(async (tx): Promise<{ token: string } | { revoked: string }> => {
    const [conn] = await tx
      .select()
      .from(tables.connections)
      .where(eq(tables.connections.id, connectionId))
      .for("update");
    if (!conn || conn.status !== "active") return { revoked: conn?.statusReason ?? "HubSpot access was revoked." };
    // Another process refreshed while we waited for the lock: use its token.
    if (conn.accessTokenEnc !== seenTokenEnc && conn.accessTokenExpiresAt.getTime() - REFRESH_MARGIN_MS > Date.now()) {
      return { token: secretBox().open(conn.accessTokenEnc) };
    }
    const box = secretBox();
    try {
      const tokens = await refreshTokens(targetFor(conn.apiBase), box.open(conn.refreshTokenEnc));
      await tx
        .update(tables.connections)
        .set({
          accessTokenEnc: box.seal(tokens.accessToken),
          refreshTokenEnc: box.seal(tokens.refreshToken),
          accessTokenExpiresAt: tokens.expiresAt,
          updatedAt: new Date(),
        })
        .where(eq(tables.connections.id, connectionId));
      return { token: tokens.accessToken };
    } catch (err) {
      if (!(err instanceof GrantRevokedError)) throw err;
      const reason =
        "HubSpot no longer accepts this connection (the grant was revoked or expired). Reconnect to continue.";
      await tx
        .update(tables.connections)
        .set({ status: "revoked", statusReason: reason, updatedAt: new Date() })
        .where(eq(tables.connections.id, connectionId));
      return { revoked: reason };
    }
  });
  if ("revoked" in result) throw new ConnectionRevokedError(connectionId, result.revoked);
  return result.token;
}
