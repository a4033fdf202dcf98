import { randomInt, randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../tests/support/pg-database";
import { openDb, type Db } from "./client";
import * as t from "./schema";

let pgDb: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  pgDb = await createTestDatabase();
});
afterAll(async () => pgDb?.drop());

/** The same data-layer behaviour on both stores: the embedded default and PostgreSQL. */
describe.each([
  ["PGlite (embedded)", () => openDb({ dataDir: "memory://" })],
  ["PostgreSQL", () => openDb({ databaseUrl: pgDb.url })],
])("data layer on %s", (_name, open) => {
  let db: Db;

  it("applies migrations and stores a user, an encrypted connection and a session", async () => {
    db = await open();
    const hubspotUserId = randomInt(1, 2 ** 40);
    const [user] = await db.insert(t.users).values({ hubspotUserId, email: "a@example.com" }).returning();
    const [conn] = await db
      .insert(t.connections)
      .values({
        userId: user!.id,
        portalId: 123,
        hubDomain: "x.example.com",
        apiBase: "http://127.0.0.1:1",
        scopes: ["oauth", "marketing.campaigns.read"],
        accessTokenEnc: "v1.a.b.c",
        refreshTokenEnc: "v1.d.e.f",
        accessTokenExpiresAt: new Date(Date.now() + 60_000),
      })
      .returning();
    expect(conn!.scopes).toEqual(["oauth", "marketing.campaigns.read"]);
    expect(conn!.status).toBe("active");
    await db
      .insert(t.sessions)
      .values({ id: randomUUID(), userId: user!.id, connectionId: conn!.id, expiresAt: new Date(Date.now() + 1000) });
    const rows = await db.select().from(t.sessions).where(eq(t.sessions.userId, user!.id));
    expect(rows).toHaveLength(1);
  });

  it("enforces one connection per user and portal (upsert updates it)", async () => {
    const [user] = await db
      .insert(t.users)
      .values({ hubspotUserId: randomInt(1, 2 ** 40), email: "b@example.com" })
      .returning();
    const base = {
      userId: user!.id,
      portalId: 9,
      hubDomain: "d",
      apiBase: "http://h",
      scopes: [],
      accessTokenEnc: "1",
      refreshTokenEnc: "1",
      accessTokenExpiresAt: new Date(),
    };
    await db.insert(t.connections).values(base);
    await expect(db.insert(t.connections).values(base)).rejects.toThrow();
    await db
      .insert(t.connections)
      .values({ ...base, accessTokenEnc: "2" })
      .onConflictDoUpdate({
        target: [t.connections.userId, t.connections.portalId, t.connections.apiBase],
        set: { accessTokenEnc: "2" },
      });
    const rows = await db.select().from(t.connections).where(eq(t.connections.userId, user!.id));
    expect(rows.map((r) => r.accessTokenEnc)).toEqual(["2"]);
  });

  it("locks a connection row inside a transaction (token refresh relies on it)", async () => {
    const [conn] = await db.select().from(t.connections).limit(1);
    const got = await db.transaction(async (tx) =>
      tx.select().from(t.connections).where(eq(t.connections.id, conn!.id)).for("update"),
    );
    expect(got[0]!.id).toBe(conn!.id);
    await db.$close();
  });
});
