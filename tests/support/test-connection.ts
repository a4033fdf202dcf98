import { randomInt } from "node:crypto";
import type { RunningSandbox } from "../../sandbox/server";
import type { Actor } from "../../lib/auth/actor";
import type { Session } from "../../lib/auth/session";

/**
 * A signed-in user's stored HubSpot connection to a test sandbox, as sign-in would leave it (tokens
 * encrypted), for tests and benchmarks that run submissions and uploads below the UI. Import it
 * only after DATA_DIR / DATABASE_URL and HUBSPOT_SANDBOX_URL are set: it opens the app database.
 */
export async function insertTestConnection(
  sb: RunningSandbox,
  scopes: string[] = sb.ctx.knownScopes(),
  email = "test@example.com",
) {
  const dbm = await import("../../lib/db");
  const { secretBox } = await import("../../lib/crypto/app-secret");
  const portalId = sb.ctx.defaultPortal().id;
  const tokens = sb.ctx.issueTokens({ portalId, scopes, clientId: "batchboard-sandbox-client", expiresIn: 7200 });
  const database = await dbm.db();
  const [user] = await database
    .insert(dbm.tables.users)
    .values({ hubspotUserId: randomInt(1, 2 ** 40), email })
    .returning();
  const [conn] = await database
    .insert(dbm.tables.connections)
    .values({
      userId: user!.id,
      portalId,
      hubDomain: "acme-marketing.example.com",
      apiBase: sb.url,
      scopes,
      accessTokenEnc: secretBox().seal(tokens.access_token),
      refreshTokenEnc: secretBox().seal(tokens.refresh_token),
      accessTokenExpiresAt: new Date(Date.now() + 7200_000),
    })
    .returning();
  const session: Session = {
    id: "test",
    user: { id: user!.id, email: user!.email, hubspotUserId: user!.hubspotUserId },
    connection: { ...conn!, statusReason: null },
  };
  const actor: Actor = { userId: user!.id, connection: session.connection };
  return { user: user!, connection: conn!, session, actor, tokens, portalId };
}
