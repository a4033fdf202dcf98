import { createHash, randomBytes } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import {
  AccessTokenInfoSchema,
  IntrospectionResponseSchema,
  OAuthErrorSchema,
  RefreshTokenInfoSchema,
  TokenResponseSchema,
} from "../../lib/hubspot/schemas/oauth";
import type { SandboxContext } from "../core/context";
import { PORTAL_SEEDS, TEST_APP } from "../core/state";
import { createSandbox } from "../server";

const REDIRECT = "http://localhost:3000/api/hubspot/callback";
const SCOPES = "oauth marketing.campaigns.read";
let app: ReturnType<typeof createSandbox>["app"];
let ctx: SandboxContext;

beforeEach(() => {
  ({ app, ctx } = createSandbox({ counts: { campaigns: 3, marketingEvents: 0, contacts: 0, companies: 0, deals: 0 } }));
});

const pkce = () => {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
};

const form = (path: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
  app.request(path, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams(fields).toString(),
  });

/** Walks the consent page: GET (checks it renders), then POST the Grant/Deny form. */
async function authorize(
  opts: { challenge?: string; decision?: string; portalId?: number; redirect?: string; optional?: string } = {},
) {
  const q = new URLSearchParams({
    client_id: TEST_APP.clientId,
    redirect_uri: opts.redirect ?? REDIRECT,
    scope: SCOPES,
    state: "st-1",
  });
  if (opts.optional) q.set("optional_scope", opts.optional);
  if (opts.challenge) {
    q.set("code_challenge", opts.challenge);
    q.set("code_challenge_method", "S256");
  }
  const page = await app.request(`/oauth/authorize?${q}`);
  expect(page.status).toBe(200);
  const fields = Object.fromEntries(q);
  const res = await form("/oauth/authorize", {
    ...fields,
    portal_id: String(opts.portalId ?? PORTAL_SEEDS[0].id),
    decision: opts.decision ?? "grant",
  });
  expect(res.status).toBe(302);
  return new URL(res.headers.get("location")!);
}

const exchange = (code: string, extra: Record<string, string> = {}, path = "/oauth/2026-03/token") =>
  form(path, {
    grant_type: "authorization_code",
    code,
    redirect_uri: REDIRECT,
    client_id: TEST_APP.clientId,
    client_secret: TEST_APP.clientSecret,
    ...extra,
  });

describe("consent page", () => {
  it("shows the app, the scopes, a labelled portal picker and real Grant/Deny buttons", async () => {
    const q = new URLSearchParams({
      client_id: TEST_APP.clientId,
      redirect_uri: REDIRECT,
      scope: SCOPES,
      optional_scope: "crm.objects.deals.read",
      state: "x",
    });
    const res = await app.request(`/oauth/authorize?${q}`);
    expect(res.headers.get("content-type")).toContain("text/html");
    const html = await res.text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain(TEST_APP.name);
    expect(html).toContain("marketing.campaigns.read");
    expect(html).toContain("crm.objects.deals.read");
    expect(html).toMatch(/<form method="post"/);
    for (const p of PORTAL_SEEDS) {
      expect(html).toContain(`id="portal-${p.id}"`);
      expect(html).toContain(`<label for="portal-${p.id}">${p.name}`);
      expect(html).toContain(`hub ID ${p.id}`);
    }
    expect(html).toContain('<label for="user_id">');
    expect(html).toMatch(/<button type="submit" name="decision" value="grant">/);
    expect(html).toMatch(/<button type="submit" name="decision" value="deny">/);
  });

  it("answers unknown clients and foreign redirect URIs with an error page, never a redirect", async () => {
    const bad = [
      { client_id: "nope", redirect_uri: REDIRECT },
      { client_id: TEST_APP.clientId, redirect_uri: "https://evil.example.com/cb" },
      { client_id: TEST_APP.clientId, redirect_uri: "http://localhost.evil.com/cb" },
    ];
    for (const b of bad) {
      const res = await app.request(`/oauth/authorize?${new URLSearchParams({ ...b, scope: SCOPES })}`);
      expect(res.status).toBe(400);
      expect(res.headers.get("location")).toBeNull();
    }
    for (const uri of ["http://127.0.0.1:9999/cb", "http://[::1]:4000/x"]) {
      const res = await app.request(
        `/oauth/authorize?${new URLSearchParams({ client_id: TEST_APP.clientId, redirect_uri: uri, scope: SCOPES })}`,
      );
      expect(res.status).toBe(200);
    }
  });

  it("redirects unknown scopes back with invalid_scope, and Deny with access_denied + state", async () => {
    const q = new URLSearchParams({
      client_id: TEST_APP.clientId,
      redirect_uri: REDIRECT,
      scope: "oauth not.a.scope",
      state: "s",
    });
    const res = await app.request(`/oauth/authorize?${q}`);
    expect(res.status).toBe(302);
    expect(new URL(res.headers.get("location")!).searchParams.get("error")).toBe("invalid_scope");
    const denied = await authorize({ decision: "deny" });
    expect(denied.searchParams.get("error")).toBe("access_denied");
    expect(denied.searchParams.get("state")).toBe("st-1");
    expect(denied.searchParams.get("code")).toBeNull();
  });
});

describe("authorization code flow", () => {
  it("grants with PKCE: code → tokens for the chosen portal, with requested + optional scopes", async () => {
    const { verifier, challenge } = pkce();
    const cb = await authorize({ challenge, portalId: PORTAL_SEEDS[1].id, optional: "crm.objects.deals.read" });
    expect(cb.origin + cb.pathname).toBe(REDIRECT);
    expect(cb.searchParams.get("state")).toBe("st-1");
    const res = await exchange(cb.searchParams.get("code")!, { code_verifier: verifier });
    expect(res.status).toBe(200);
    const tok = TokenResponseSchema.parse(await res.json());
    expect(tok.hub_id).toBe(PORTAL_SEEDS[1].id);
    expect(tok.token_use).toBe("access_token");
    expect(tok.scopes).toEqual(["oauth", "marketing.campaigns.read", "crm.objects.deals.read"]);
    const api = await app.request("/marketing/campaigns/2026-03", {
      headers: { authorization: `Bearer ${tok.access_token}` },
    });
    expect(api.status).toBe(200);
  });

  it("rejects a wrong code_verifier and a missing one", async () => {
    const { challenge } = pkce();
    const cb = await authorize({ challenge });
    const res = await exchange(cb.searchParams.get("code")!, { code_verifier: pkce().verifier });
    expect(res.status).toBe(400);
    const body = OAuthErrorSchema.parse(await res.json());
    expect(body.error).toBe("invalid_grant");
    const cb2 = await authorize({ challenge });
    expect((await exchange(cb2.searchParams.get("code")!)).status).toBe(400);
  });

  it("fails a reused code and revokes the tokens issued from it", async () => {
    const cb = await authorize();
    const code = cb.searchParams.get("code")!;
    const first = await (await exchange(code)).json();
    const again = await exchange(code);
    expect(again.status).toBe(400);
    expect((await again.json()).error).toBe("invalid_grant");
    const api = await app.request("/marketing/campaigns/2026-03", {
      headers: { authorization: `Bearer ${first.access_token}` },
    });
    expect(api.status).toBe(401);
    const refresh = await form("/oauth/2026-03/token", {
      grant_type: "refresh_token",
      refresh_token: first.refresh_token,
      client_id: TEST_APP.clientId,
      client_secret: TEST_APP.clientSecret,
    });
    expect(refresh.status).toBe(400);
  });

  it("rejects a redirect_uri that differs from the authorize one, and a wrong client secret", async () => {
    const cb = await authorize();
    const res = await exchange(cb.searchParams.get("code")!, { redirect_uri: "http://localhost:3000/other" });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toBe("invalid_grant");
    const cb2 = await authorize();
    const wrong = await exchange(cb2.searchParams.get("code")!, { client_secret: "nope" });
    expect([400, 401]).toContain(wrong.status);
    expect((await wrong.json()).error).toBe("invalid_client");
  });

  it("accepts HTTP Basic client auth, answers 401 invalid_client to a bad Basic secret", async () => {
    const cb = await authorize();
    const basic = (id: string, secret: string) => ({
      authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`,
    });
    const ok = await form(
      "/oauth/v3/token",
      { grant_type: "authorization_code", code: cb.searchParams.get("code")!, redirect_uri: REDIRECT },
      basic(TEST_APP.clientId, TEST_APP.clientSecret),
    );
    expect(ok.status).toBe(200);
    const bad = await form(
      "/oauth/v3/token",
      { grant_type: "refresh_token", refresh_token: "x" },
      basic(TEST_APP.clientId, "wrong"),
    );
    expect(bad.status).toBe(401);
    expect(bad.headers.get("www-authenticate")).toContain("Basic");
  });

  it("answers unsupported_grant_type and rejects JSON bodies", async () => {
    const res = await form("/oauth/2026-03/token", {
      grant_type: "password",
      client_id: TEST_APP.clientId,
      client_secret: TEST_APP.clientSecret,
    });
    expect((await res.json()).error).toBe("unsupported_grant_type");
    const json = await app.request("/oauth/2026-03/token", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect(json.status).toBe(400);
  });
});

describe("refresh, info, introspection, revocation", () => {
  const creds = { client_id: TEST_APP.clientId, client_secret: TEST_APP.clientSecret };
  const issue = () => ctx.issueTokens({ portalId: PORTAL_SEEDS[0].id, scopes: ["oauth", "marketing.campaigns.read"] });

  it("refreshes: a new access token, the same refresh token; v1 carries Deprecation/Sunset", async () => {
    const t = issue();
    const res = await form("/oauth/v1/token", {
      grant_type: "refresh_token",
      refresh_token: t.refresh_token,
      ...creds,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("sunset")).toBe("Tue, 16 Feb 2027 00:00:00 GMT");
    expect(res.headers.get("deprecation")).toBeTruthy();
    const body = TokenResponseSchema.parse(await res.json());
    expect(body.refresh_token).toBe(t.refresh_token);
    expect(body.access_token).not.toBe(t.access_token);
    expect(
      (
        await form("/oauth/2026-03/token", { grant_type: "refresh_token", refresh_token: t.refresh_token, ...creds })
      ).headers.get("sunset"),
    ).toBeNull();
  });

  it("answers BAD_REFRESH_TOKEN after revoke (v1 DELETE and 2026-03 revoke), and for unknown tokens", async () => {
    const bad = async (rt: string) => {
      const res = await form("/oauth/2026-03/token", { grant_type: "refresh_token", refresh_token: rt, ...creds });
      expect(res.status).toBe(400);
      const body = OAuthErrorSchema.parse(await res.json());
      expect(body).toMatchObject({
        status: "BAD_REFRESH_TOKEN",
        message: "missing or unknown refresh token",
        error: "invalid_grant",
      });
    };
    await bad("unknown");
    const a = issue();
    expect((await app.request(`/oauth/v1/refresh-tokens/${a.refresh_token}`, { method: "DELETE" })).status).toBe(204);
    await bad(a.refresh_token);
    expect(
      (await app.request("/marketing/campaigns/2026-03", { headers: { authorization: `Bearer ${a.access_token}` } }))
        .status,
    ).toBe(401);
    const b = issue();
    expect((await form("/oauth/2026-03/token/revoke", { token: b.refresh_token, ...creds })).status).toBe(200);
    await bad(b.refresh_token);
  });

  it("describes access and refresh tokens (v1 info endpoints)", async () => {
    const t = issue();
    const at = await app.request(`/oauth/v1/access-tokens/${t.access_token}`);
    const info = AccessTokenInfoSchema.parse(await at.json());
    expect(info).toMatchObject({
      hub_id: PORTAL_SEEDS[0].id,
      hub_domain: PORTAL_SEEDS[0].domain,
      user: `admin@${PORTAL_SEEDS[0].domain}`,
      app_id: TEST_APP.appId,
    });
    expect(info.expires_in).toBeGreaterThan(1700);
    const rt = RefreshTokenInfoSchema.parse(
      await (await app.request(`/oauth/v1/refresh-tokens/${t.refresh_token}`)).json(),
    );
    expect(rt.client_id).toBe(TEST_APP.clientId);
    expect((await app.request("/oauth/v1/access-tokens/nope")).status).toBe(404);
  });

  it("introspects: active with metadata for own tokens, inactive otherwise", async () => {
    const t = issue();
    const a = IntrospectionResponseSchema.parse(
      await (await form("/oauth/2026-03/token/introspect", { token: t.access_token, ...creds })).json(),
    );
    expect(a).toMatchObject({ active: true, token_use: "access_token", hub_id: PORTAL_SEEDS[0].id });
    const r = IntrospectionResponseSchema.parse(
      await (await form("/oauth/2026-03/token/introspect", { token: t.refresh_token, ...creds })).json(),
    );
    expect(r).toMatchObject({ active: true, token_use: "refresh_token" });
    expect(await (await form("/oauth/2026-03/token/introspect", { token: "nope", ...creds })).json()).toEqual({
      active: false,
    });
    expect(
      (
        await form("/oauth/2026-03/token/introspect", {
          token: t.access_token,
          client_id: TEST_APP.clientId,
          client_secret: "x",
        })
      ).status,
    ).toBe(400);
  });
});
