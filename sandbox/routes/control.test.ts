import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CampaignSchema } from "../../lib/hubspot/schemas/campaigns";
import { TokenResponseSchema } from "../../lib/hubspot/schemas/oauth";
import { PORTAL_SEEDS } from "../core/state";
import { createSandbox, startSandbox, type RunningSandbox } from "../server";
import { client } from "../testing/app";

const LIST = "/marketing/campaigns/2026-03";
const small = { campaigns: 20, marketingEvents: 0, contacts: 0, companies: 0, deals: 0 };

function setup() {
  const { app, ctx } = createSandbox({ counts: small });
  return { app, ctx, ctl: client(app) };
}

describe("control API", () => {
  it("health", async () => {
    const { ctl } = setup();
    expect(await ctl("GET", "/__sandbox/health")).toMatchObject({ status: 200, body: { ok: true } });
  });

  it("issues tokens for the default portal with every known scope, or as asked", async () => {
    const { ctl, ctx } = setup();
    const t = TokenResponseSchema.parse((await ctl("POST", "/__sandbox/tokens", {})).body);
    expect(t.hub_id).toBe(PORTAL_SEEDS[0].id);
    expect(t.scopes).toEqual(
      expect.arrayContaining([
        "marketing.campaigns.write",
        "crm.objects.contacts.write",
        "crm.objects.marketing_events.read",
      ]),
    );
    expect(t.scopes!.length).toBe(ctx.knownScopes().length);
    const other = (
      await ctl("POST", "/__sandbox/tokens", { portalId: PORTAL_SEEDS[2].id, scopes: ["oauth"], expiresIn: 60 })
    ).body;
    expect(other).toMatchObject({ hub_id: PORTAL_SEEDS[2].id, scopes: ["oauth"], expires_in: 60 });
    expect((await ctl("POST", "/__sandbox/tokens", { portalId: 1 })).status).toBe(404);
    expect((await ctl("POST", "/__sandbox/tokens", { scopes: "oauth" })).status).toBe(400);
  });

  it("reset is deterministic per seed, honours counts, keeps tokens, clears the request log", async () => {
    const { ctl, app } = setup();
    const tok = (await ctl("POST", "/__sandbox/tokens", {})).body.access_token;
    await client(app, tok)("GET", LIST);
    expect((await ctl("GET", "/__sandbox/requests")).body.length).toBe(1);
    expect((await ctl("POST", "/__sandbox/reset", { seed: 7, campaigns: 40 })).status).toBe(200);
    expect((await ctl("GET", "/__sandbox/requests")).body).toEqual([]);
    const a = (await ctl("GET", "/__sandbox/records/campaigns")).body;
    expect(a).toHaveLength(40);
    a.forEach((c: unknown) => CampaignSchema.parse(c));
    await ctl("POST", "/__sandbox/reset", { seed: 8, campaigns: 40 });
    const b = (await ctl("GET", "/__sandbox/records/campaigns")).body;
    expect(b.map((c: any) => c.id)).not.toEqual(a.map((c: any) => c.id));
    await ctl("POST", "/__sandbox/reset", { seed: 7, campaigns: 40 });
    expect((await ctl("GET", "/__sandbox/records/campaigns")).body).toEqual(a);
    // A second sandbox with the same seed has the same data.
    const other = client(createSandbox({ seed: 7, counts: { ...small, campaigns: 40 } }).app);
    expect((await other("GET", "/__sandbox/records/campaigns")).body).toEqual(a);
    expect((await client(app, tok)("GET", LIST)).status).toBe(200);
    expect((await ctl("POST", "/__sandbox/reset", { seed: "x" })).status).toBe(400);
  });

  it("seeds realistic, valid campaigns (unique names, end ≥ start, dates in 2025–2027)", async () => {
    const { ctl } = setup();
    await ctl("POST", "/__sandbox/reset", { seed: 3, campaigns: 500 });
    const rows = (await ctl("GET", "/__sandbox/records/campaigns")).body as {
      properties: Record<string, string | null>;
    }[];
    expect(new Set(rows.map((r) => r.properties.hs_name!.toLowerCase())).size).toBe(500);
    for (const { properties: p } of rows) {
      expect(p.hs_name).toMatch(/^Q[1-4] 20\d\d .+ — .+ #\d+$/);
      if (p.hs_start_date) expect(p.hs_start_date >= "2025-01-01" && p.hs_start_date <= "2027-12-31").toBe(true);
      if (p.hs_start_date && p.hs_end_date) expect(p.hs_end_date >= p.hs_start_date).toBe(true);
      expect(["planned", "in_progress", "active", "paused", "completed"]).toContain(p.hs_campaign_status);
    }
    expect(new Set(rows.map((r) => r.properties.hs_currency_code)).size).toBeGreaterThan(3);
  });

  it("handles 10,000 campaigns quickly", async () => {
    const { ctl, app } = setup();
    const t = Date.now();
    expect((await ctl("POST", "/__sandbox/reset", { seed: 7, campaigns: 10_000 })).status).toBe(200);
    const tok = (await ctl("POST", "/__sandbox/tokens", {})).body.access_token;
    const page = await client(app, tok)("GET", `${LIST}?limit=100&sort=-hs_name`);
    expect(page.body.total).toBe(10_000);
    expect(Date.now() - t).toBeLessThan(1500);
  });

  it("records: campaigns, other modules' kinds, 404 for unknown kinds and portals", async () => {
    const { ctl } = setup();
    expect((await ctl("GET", "/__sandbox/records/campaigns")).body).toHaveLength(20);
    expect((await ctl("GET", `/__sandbox/records/campaigns?portalId=${PORTAL_SEEDS[1].id}`)).body).toHaveLength(20);
    expect((await ctl("GET", "/__sandbox/records/marketing-events")).status).toBe(200);
    expect((await ctl("GET", "/__sandbox/records/bogus")).status).toBe(404);
    expect((await ctl("GET", "/__sandbox/records/campaigns?portalId=42")).status).toBe(404);
  });

  it("config: returns and updates it", async () => {
    const { ctl, ctx } = setup();
    const r = await ctl("POST", "/__sandbox/config", {
      rateLimit: { perTenSeconds: 5 },
      latencyMs: 0,
      accessTokenTtlSeconds: 60,
    });
    expect(r.body).toMatchObject({ rateLimit: { perTenSeconds: 5 }, latencyMs: 0, accessTokenTtlSeconds: 60 });
    expect(ctx.state.config.rateLimitPerTenSeconds).toBe(5);
    expect((await ctl("POST", "/__sandbox/tokens", {})).body.expires_in).toBe(60);
    expect((await ctl("POST", "/__sandbox/config", { latencyMs: -1 })).status).toBe(400);
  });

  it("faults: validates, appends, lists, clears", async () => {
    const { ctl } = setup();
    for (const bad of [
      {},
      { rules: [{ path: "/x" }] },
      { rules: [{ path: "x", status: 500 }] },
      { rules: [{ path: "/x", status: 1000 }] },
      "nope",
    ]) {
      expect((await ctl("POST", "/__sandbox/faults", bad)).status).toBe(400);
    }
    await ctl("POST", "/__sandbox/faults", { rules: [{ path: "/a", status: 500 }] });
    const r = await ctl("POST", "/__sandbox/faults", {
      rules: [{ method: "post", path: "/b", times: 3, status: 429 }],
    });
    expect(r.body.rules).toEqual([
      { path: "/a", times: 1, status: 500 },
      { method: "POST", path: "/b", times: 3, status: 429 },
    ]);
    expect((await ctl("DELETE", "/__sandbox/faults")).status).toBe(200);
    expect((await ctl("GET", "/__sandbox/faults")).body.rules).toEqual([]);
  });

  it("request log: method, path, query, status and bodies, filtered by path prefix; DELETE clears", async () => {
    const { ctl, app } = setup();
    const api = client(app, (await ctl("POST", "/__sandbox/tokens", {})).body.access_token);
    await api("GET", `${LIST}?limit=2`);
    await api("POST", `${LIST}/batch/update`, { inputs: [{ id: "nope", properties: { hs_notes: "x" } }] });
    await app.request("/oauth/2026-03/token", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "grant_type=refresh_token&refresh_token=x&client_id=a&client_secret=s3cret",
    });
    const all = (await ctl("GET", "/__sandbox/requests")).body;
    expect(all.map((r: any) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      `GET ${LIST} 200`,
      `POST ${LIST}/batch/update 207`,
      "POST /oauth/2026-03/token 400",
    ]);
    expect(all[0].query).toEqual({ limit: "2" });
    expect(all[1].requestBody.inputs[0].id).toBe("nope");
    expect(all[1].responseBody.errors[0].context.ids).toEqual(["nope"]);
    expect(JSON.stringify(all[2])).not.toContain("s3cret");
    expect((await ctl("GET", `/__sandbox/requests?path=${LIST}/batch`)).body).toHaveLength(1);
    await ctl("DELETE", "/__sandbox/requests");
    expect((await ctl("GET", "/__sandbox/requests")).body).toEqual([]);
  });

  it("tokens/revoke: an access token stops working (401)", async () => {
    const { ctl, app } = setup();
    const t = (await ctl("POST", "/__sandbox/tokens", {})).body;
    expect((await ctl("POST", "/__sandbox/tokens/revoke", { token: t.refresh_token })).status).toBe(200);
    expect((await client(app, t.access_token)("GET", LIST)).status).toBe(401);
    expect((await ctl("POST", "/__sandbox/tokens/revoke", { token: "nope" })).status).toBe(404);
  });
});

describe("over a real socket", () => {
  let sb: RunningSandbox;
  let token: string;
  beforeAll(async () => {
    sb = await startSandbox({ port: 0, counts: small });
    token = (await (await fetch(`${sb.url}/__sandbox/tokens`, { method: "POST", body: "{}" })).json()).access_token;
  });
  afterAll(() => sb.close());

  const get = () => fetch(`${sb.url}${LIST}?limit=1`, { headers: { authorization: `Bearer ${token}` } });
  const addFault = (rule: object) =>
    fetch(`${sb.url}/__sandbox/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ rules: [rule] }),
    });

  it("reset: true drops the connection once, then answers normally", async () => {
    expect((await addFault({ method: "GET", path: LIST, times: 1, reset: true })).status).toBe(200);
    await expect(get()).rejects.toThrow(); // fetch failed: socket hang up
    const ok = await get();
    expect(ok.status).toBe(200);
    expect((await ok.json()).total).toBe(20);
  });

  it("status faults work over HTTP too, with the HubSpot error body", async () => {
    await addFault({ path: LIST, times: 1, status: 503 });
    const res = await get();
    expect(res.status).toBe(503);
    expect((await res.json()).category).toBe("INTERNAL_ERROR");
    expect((await get()).status).toBe(200);
  });
});
