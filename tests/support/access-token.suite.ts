/**
 * The accessTokenFor(connectionId) suite, shared by access-token.test.ts (PGlite in a temp DATA_DIR)
 * and access-token.pg.test.ts (PostgreSQL). The calling file prepares process.env (see
 * `prepareEnv`) before anything reads it; app modules are imported here only after the sandbox URL is
 * known, because lib/config/env.ts caches the environment on first use and lib/db keeps one database
 * per process (vitest runs each test file in a process of its own).
 */
import { randomBytes, randomInt } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RecordedRequest } from "../../sandbox/core/state";
import { startSandbox, type RunningSandbox } from "../../sandbox/server";

type AccessTokenModule = typeof import("../../lib/auth/access-token");
type DbModule = typeof import("../../lib/db");
type Connection = DbModule["tables"]["connections"]["$inferSelect"];

const TOKEN_PATH = "/oauth/2026-03/token";
const LIST = "/marketing/campaigns/2026-03";
const CLIENT_ID = "batchboard-sandbox-client";
const SCOPES = ["oauth", "marketing.campaigns.read", "marketing.campaigns.write"];

/** Call at the top of a test file, before any app module is loaded. Returns the temp DATA_DIR. */
export function prepareEnv(): string {
  const dataDir = mkdtempSync(path.join(tmpdir(), "bb-access-token-"));
  process.env.DATA_DIR = dataDir;
  process.env.BATCHBOARD_SECRET = randomBytes(30).toString("base64url"); // 40 chars
  for (const k of ["HUBSPOT_CLIENT_ID", "HUBSPOT_CLIENT_SECRET", "DATABASE_URL", "HUBSPOT_SANDBOX_URL", "APP_URL"])
    delete process.env[k];
  return dataDir;
}

export interface SuiteOptions {
  /** PostgreSQL: creates the database (its URL goes to DATABASE_URL) and drops it afterwards. */
  database?: () => Promise<{ url: string; drop(): Promise<void> }>;
  dataDir: string;
  /** Checks, after the other tests, that the rows really are in the store under test. */
  verifyStore(counts: { active: number; revoked: number }): Promise<void>;
}

export function accessTokenSuite(label: string, opts: SuiteOptions) {
  describe(`accessTokenFor (${label})`, () => {
    let sb: RunningSandbox;
    let portalId: number;
    let userId: string;
    let mod: AccessTokenModule;
    let dbm: DbModule;
    let dropDatabase: (() => Promise<void>) | undefined;
    let HubSpotHttpClient: typeof import("../../lib/hubspot/http-client").HubSpotHttpClient;

    async function control(method: string, p: string, body?: unknown) {
      const res = await fetch(sb.url + p, {
        method,
        headers: body === undefined ? {} : { "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      expect(res.ok, `${method} ${p} → ${res.status}`).toBe(true);
      return res.json();
    }
    /** Every API request the sandbox saw since the last clear (OAuth included). */
    const requests = (): Promise<RecordedRequest[]> => control("GET", "/__sandbox/requests");
    const tokenRequests = async () => (await requests()).filter((r) => r.method === "POST" && r.path === TOKEN_PATH);

    const box = async () => (await import("../../lib/crypto/app-secret")).secretBox();

    /** A connection row as sign-in would store it, with tokens issued by the sandbox. */
    async function createConnection(expiresInSeconds: number) {
      const tokens = sb.ctx.issueTokens({ portalId, scopes: SCOPES, clientId: CLIENT_ID, expiresIn: expiresInSeconds });
      const b = await box();
      const database = await dbm.db();
      const [conn] = await database
        .insert(dbm.tables.connections)
        .values({
          userId,
          portalId,
          hubDomain: "acme-marketing.example.com",
          apiBase: sb.url,
          scopes: SCOPES,
          accessTokenEnc: b.seal(tokens.access_token),
          refreshTokenEnc: b.seal(tokens.refresh_token),
          accessTokenExpiresAt: new Date(Date.now() + expiresInSeconds * 1000),
        })
        .onConflictDoNothing()
        .returning();
      if (!conn) throw new Error("connection row not created");
      return { conn, accessToken: tokens.access_token, refreshToken: tokens.refresh_token };
    }
    async function row(id: string): Promise<Connection> {
      const [conn] = await (
        await dbm.db()
      )
        .select()
        .from(dbm.tables.connections)
        .where(eq(dbm.tables.connections.id, id));
      return conn!;
    }
    /** A fresh user for every connection, as the unique index is (user, portal, apiBase). */
    async function newUser() {
      const [user] = await (
        await dbm.db()
      )
        .insert(dbm.tables.users)
        .values({ hubspotUserId: randomInt(1, 2 ** 40), email: `u${randomInt(1e9)}@example.com` })
        .returning();
      userId = user!.id;
    }
    async function callApi(token: string) {
      const client = new HubSpotHttpClient({ apiBase: sb.url, token: async () => token, sleep: async () => {} });
      return client.request<{ total: number }>(LIST, { query: { limit: 1 }, maxAttempts: 1 });
    }

    beforeAll(async () => {
      sb = await startSandbox({
        port: 0,
        counts: { campaigns: 5, marketingEvents: 0, contacts: 0, companies: 0, deals: 0 },
      });
      portalId = sb.ctx.defaultPortal().id;
      process.env.HUBSPOT_SANDBOX_URL = sb.url;
      if (opts.database) {
        const created = await opts.database();
        dropDatabase = created.drop;
        process.env.DATABASE_URL = created.url;
      }
      mod = await import("../../lib/auth/access-token");
      dbm = await import("../../lib/db");
      ({ HubSpotHttpClient } = await import("../../lib/hubspot/http-client"));
      const { env } = await import("../../lib/config/env");
      // The environment this suite prepared is the one the app modules read.
      expect(env().HUBSPOT_SANDBOX_URL).toBe(sb.url);
      expect(env().DATABASE_URL).toBe(opts.database ? process.env.DATABASE_URL : undefined);
      await dbm.db(); // open + migrate once, outside the timed tests
    });

    afterAll(async () => {
      if (dbm) await (await dbm.db()).$close().catch(() => {});
      await dropDatabase?.();
      await sb?.close();
      rmSync(opts.dataDir, { recursive: true, force: true });
    });

    beforeEach(async () => {
      await control("DELETE", "/__sandbox/faults");
      await newUser();
    });

    it("returns a token far from expiry without contacting HubSpot", async () => {
      const { conn, accessToken } = await createConnection(1800);
      await control("DELETE", "/__sandbox/requests");
      expect(await mod.accessTokenFor(conn.id)).toBe(accessToken);
      expect(await mod.accessTokenFor(conn.id)).toBe(accessToken);
      expect(await requests()).toEqual([]);
      expect((await row(conn.id)).accessTokenEnc).toBe(conn.accessTokenEnc);
    });

    it("refreshes a token within 5 minutes of expiry and stores the new one encrypted", async () => {
      const { conn, accessToken, refreshToken } = await createConnection(240);
      await control("DELETE", "/__sandbox/requests");
      const before = Date.now();
      const fresh = await mod.accessTokenFor(conn.id);
      expect(fresh).not.toBe(accessToken);

      const log = await requests();
      expect(log).toHaveLength(1);
      expect(log[0]).toMatchObject({ method: "POST", path: TOKEN_PATH, status: 200 });
      expect(log[0]!.requestBody).toMatchObject({
        grant_type: "refresh_token",
        refresh_token: refreshToken,
        client_id: CLIENT_ID,
      });

      const stored = await row(conn.id);
      expect(stored.status).toBe("active");
      expect(stored.accessTokenEnc).not.toContain(fresh);
      expect(stored.accessTokenEnc).toMatch(/^v1\./);
      expect(stored.refreshTokenEnc).not.toContain(refreshToken);
      const b = await box();
      expect(b.open(stored.accessTokenEnc)).toBe(fresh);
      expect(b.open(stored.refreshTokenEnc)).toBe(refreshToken);
      // HubSpot's 30-minute lifetime, counted from the refresh.
      expect(stored.accessTokenExpiresAt.getTime()).toBeGreaterThanOrEqual(before + 1800_000 - 1000);
      expect(stored.accessTokenExpiresAt.getTime()).toBeLessThanOrEqual(Date.now() + 1800_000 + 1000);

      // The new token works against the API, and the next call reuses it without another refresh.
      expect((await callApi(fresh)).total).toBe(5);
      expect(await mod.accessTokenFor(conn.id)).toBe(fresh);
      expect(await tokenRequests()).toHaveLength(1);
    });

    it("makes exactly one refresh request for 5 concurrent callers", async () => {
      const { conn, accessToken } = await createConnection(60);
      await control("DELETE", "/__sandbox/requests");
      const tokens = await Promise.all(Array.from({ length: 5 }, () => mod.accessTokenFor(conn.id)));
      expect(new Set(tokens).size).toBe(1);
      expect(tokens[0]).not.toBe(accessToken);
      expect(await tokenRequests()).toHaveLength(1);
      expect((await box()).open((await row(conn.id)).accessTokenEnc)).toBe(tokens[0]);
    });

    it("refreshes a valid token when forced (after a 401)", async () => {
      const { conn, accessToken } = await createConnection(1800);
      await control("DELETE", "/__sandbox/requests");
      const fresh = await mod.accessTokenFor(conn.id, { force: true });
      expect(fresh).not.toBe(accessToken);
      expect(await tokenRequests()).toHaveLength(1);
      expect((await box()).open((await row(conn.id)).accessTokenEnc)).toBe(fresh);
      expect((await callApi(fresh)).total).toBe(5);
    });

    it("a client bound to the connection recovers from a 401 by forcing one refresh", async () => {
      const { conn, accessToken } = await createConnection(1800);
      await control("POST", "/__sandbox/tokens/expire", { token: accessToken });
      await control("DELETE", "/__sandbox/requests");
      const { clientForConnection } = await import("../../lib/auth/client-for-connection");
      const res = await clientForConnection({ id: conn.id, apiBase: sb.url, portalId: conn.portalId }).request<{
        total: number;
      }>(LIST, {
        query: { limit: 1 },
      });
      expect(res.total).toBe(5);
      expect((await requests()).map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
        `GET ${LIST} 401`,
        `POST ${TOKEN_PATH} 200`,
        `GET ${LIST} 200`,
      ]);
    });

    it("marks the connection revoked when HubSpot rejects the refresh token, and stops calling HubSpot", async () => {
      const { conn, refreshToken } = await createConnection(60);
      await control("POST", "/__sandbox/tokens/revoke", { token: refreshToken });
      await control("DELETE", "/__sandbox/requests");

      const err = await mod.accessTokenFor(conn.id).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(mod.ConnectionRevokedError);
      expect((err as InstanceType<AccessTokenModule["ConnectionRevokedError"]>).connectionId).toBe(conn.id);
      const log = await tokenRequests();
      expect(log).toHaveLength(1);
      expect(log[0]!.status).toBe(400);
      expect(log[0]!.responseBody).toMatchObject({ error: "invalid_grant" });

      const stored = await row(conn.id);
      expect(stored.status).toBe("revoked");
      expect(stored.statusReason).toMatch(/reconnect/i);
      expect((err as Error).message).toBe(stored.statusReason);

      await control("DELETE", "/__sandbox/requests");
      await expect(mod.accessTokenFor(conn.id)).rejects.toBeInstanceOf(mod.ConnectionRevokedError);
      await expect(mod.accessTokenFor(conn.id, { force: true })).rejects.toThrow(stored.statusReason!);
      expect(await requests()).toEqual([]);
    });

    it("treats a hard-expired refresh token (with the access token still valid) as revoked on a forced refresh", async () => {
      const { conn, refreshToken } = await createConnection(1800);
      sb.ctx.state.refreshTokens.get(refreshToken)!.expiresAt = Date.now() - 1000;
      await expect(mod.accessTokenFor(conn.id, { force: true })).rejects.toBeInstanceOf(mod.ConnectionRevokedError);
      expect((await row(conn.id)).status).toBe("revoked");
    });

    it("keeps the connection active when the token endpoint fails transiently, and refreshes on the next call", async () => {
      const { conn, accessToken } = await createConnection(60);
      await control("POST", "/__sandbox/faults", {
        rules: [{ method: "POST", path: TOKEN_PATH, status: 503, times: 1 }],
      });
      await control("DELETE", "/__sandbox/requests");
      const err = await mod.accessTokenFor(conn.id).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(Error);
      expect(err).not.toBeInstanceOf(mod.ConnectionRevokedError);
      const stored = await row(conn.id);
      expect(stored.status).toBe("active");
      expect((await box()).open(stored.accessTokenEnc)).toBe(accessToken);

      const fresh = await mod.accessTokenFor(conn.id);
      expect(fresh).not.toBe(accessToken);
      expect((await tokenRequests()).map((r) => r.status)).toEqual([503, 200]);
    });

    if (opts.database)
      it("uses the token another process stored while it waited for the row lock", async () => {
        const { conn, refreshToken } = await createConnection(60);
        // "Another process" (a second PostgreSQL session) holds the row lock and refreshes the token.
        const other = new pg.Client({ connectionString: process.env.DATABASE_URL });
        await other.connect();
        try {
          await other.query("begin");
          await other.query("select id from connections where id = $1 for update", [conn.id]);
          await control("DELETE", "/__sandbox/requests");
          const pending = mod.accessTokenFor(conn.id);
          // Wait until our refresh is blocked on that lock.
          for (let i = 0; ; i++) {
            const { rows } = await other.query<{ n: number }>(
              "select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'",
            );
            if (rows[0]!.n > 0) break;
            if (i > 200) throw new Error("accessTokenFor never waited for the row lock");
            await new Promise((r) => setTimeout(r, 10));
          }
          const theirs = sb.ctx.issueTokens({ portalId, scopes: SCOPES, clientId: CLIENT_ID, refreshToken });
          await other.query(
            "update connections set access_token_enc = $2, access_token_expires_at = $3 where id = $1",
            [conn.id, (await box()).seal(theirs.access_token), new Date(Date.now() + 1800_000)],
          );
          await other.query("commit");
          expect(await pending).toBe(theirs.access_token);
          expect(await tokenRequests()).toEqual([]);
        } finally {
          await other.end();
        }
      });

    it("throws ConnectionRevokedError for an unknown connection", async () => {
      await expect(mod.accessTokenFor("00000000-0000-4000-8000-000000000000")).rejects.toBeInstanceOf(
        mod.ConnectionRevokedError,
      );
    });

    it("wrote to the store under test", async () => {
      const rows = await (await dbm.db()).select().from(dbm.tables.connections);
      const count = (status: string) => rows.filter((r) => r.status === status).length;
      expect(count("revoked")).toBe(2);
      await opts.verifyStore({ active: count("active"), revoked: count("revoked") });
    });
  });
}
