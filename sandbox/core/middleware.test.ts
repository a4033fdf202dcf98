import { describe, expect, it } from "vitest";
import { RateLimitErrorSchema } from "../../lib/hubspot/schemas/errors";
import { createSandbox } from "../server";
import { client } from "../testing/app";

const LIST = "/marketing/campaigns/2026-03";
const small = { campaigns: 5, marketingEvents: 0, contacts: 0, companies: 0, deals: 0 };

async function setup(config = {}) {
  const { app, ctx } = createSandbox({ counts: small, config });
  const ctl = client(app);
  const tok = (await ctl("POST", "/__sandbox/tokens", {})).body;
  return { app, ctx, ctl, tok, api: client(app, tok.access_token) };
}

describe("apiAuth", () => {
  it("401 INVALID_AUTHENTICATION without a token or with an unknown one", async () => {
    const { app } = await setup();
    for (const headers of [{}, { authorization: "Bearer nope" }, { authorization: "Basic abc" }] as Record<
      string,
      string
    >[]) {
      const res = await app.request(LIST, { headers });
      expect(res.status).toBe(401);
      expect((await res.json()).category).toBe("INVALID_AUTHENTICATION");
    }
  });

  it("401 EXPIRED_AUTHENTICATION once the token has expired", async () => {
    const { ctl, api, tok, app } = await setup();
    expect((await api("GET", LIST)).status).toBe(200);
    expect((await ctl("POST", "/__sandbox/tokens/expire", { token: tok.access_token })).status).toBe(200);
    const res = await api("GET", LIST);
    expect(res.status).toBe(401);
    expect(res.body.category).toBe("EXPIRED_AUTHENTICATION");
    const short = (await ctl("POST", "/__sandbox/tokens", { expiresIn: 0 })).body;
    expect((await client(app, short.access_token)("GET", LIST)).body.category).toBe("EXPIRED_AUTHENTICATION");
  });

  it("403 MISSING_SCOPES naming the required scopes", async () => {
    const { app, ctl } = await setup();
    const tok = (await ctl("POST", "/__sandbox/tokens", { scopes: ["oauth"] })).body;
    const res = await client(app, tok.access_token)("GET", LIST);
    expect(res.status).toBe(403);
    expect(res.body.category).toBe("MISSING_SCOPES");
    expect(res.body.errors[0].context.requiredGranularScopes).toEqual([
      "marketing.campaigns.read",
      "marketing.campaigns.write",
    ]);
  });

  it("429 after the per-10s budget, with the HubSpot body and X-HubSpot-RateLimit-* headers", async () => {
    const { api, ctl } = await setup();
    expect(
      (await ctl("POST", "/__sandbox/config", { rateLimit: { perTenSeconds: 3 } })).body.rateLimit.perTenSeconds,
    ).toBe(3);
    const remaining: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await api("GET", LIST);
      expect(r.status).toBe(200);
      expect(r.headers.get("x-hubspot-ratelimit-max")).toBe("3");
      expect(r.headers.get("x-hubspot-ratelimit-interval-milliseconds")).toBe("10000");
      remaining.push(r.headers.get("x-hubspot-ratelimit-remaining")!);
    }
    expect(remaining).toEqual(["2", "1", "0"]);
    const limited = await api("GET", LIST);
    expect(limited.status).toBe(429);
    expect(RateLimitErrorSchema.parse(limited.body).policyName).toBe("TEN_SECONDLY_ROLLING");
    expect(limited.headers.get("x-hubspot-ratelimit-remaining")).toBe("0");
    await ctl("POST", "/__sandbox/reset", {}); // clears the rolling windows
    expect((await api("GET", LIST)).status).toBe(200);
  });
});

describe("faults and latency", () => {
  it("answers the injected status `times` times, then normally; matches method and path", async () => {
    const { api, ctl } = await setup();
    const path = `${LIST}/batch/update`;
    const add = await ctl("POST", "/__sandbox/faults", { rules: [{ method: "POST", path, times: 2, status: 502 }] });
    expect(add.status).toBe(200);
    expect((await api("GET", LIST)).status).toBe(200); // other route untouched
    const body = { inputs: [] };
    expect((await api("POST", path, body)).status).toBe(502);
    expect((await api("POST", path, body)).status).toBe(502);
    expect((await api("POST", path, body)).status).toBe(200);
    expect((await ctl("GET", "/__sandbox/faults")).body.rules[0].times).toBe(0);
  });

  it("delays a response by delayMs, and adds configured latency", async () => {
    const { api, ctl } = await setup();
    await ctl("POST", "/__sandbox/faults", { rules: [{ path: LIST, times: 1, delayMs: 150 }] });
    let t = Date.now();
    expect((await api("GET", LIST)).status).toBe(200);
    expect(Date.now() - t).toBeGreaterThanOrEqual(140);
    await ctl("POST", "/__sandbox/config", { latencyMs: 100 });
    t = Date.now();
    await api("GET", LIST);
    expect(Date.now() - t).toBeGreaterThanOrEqual(90);
    t = Date.now();
    await ctl("GET", "/__sandbox/health"); // control calls are never delayed
    expect(Date.now() - t).toBeLessThan(90);
  });
});
