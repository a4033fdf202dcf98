import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { RecordedRequest } from "../../sandbox/core/state";
import { startSandbox, type RunningSandbox } from "../../sandbox/server";
import { listCampaigns } from "./campaigns";
import { HubSpotApiError, HubSpotHttpClient, type TokenProvider } from "./http-client";
import { CampaignListResponseSchema } from "./schemas/campaigns";

/**
 * HubSpotHttpClient and listCampaigns against a real sandbox on a random port: retries (429, 5xx,
 * dropped connections), the forced token refresh after a 401, error mapping and response parsing.
 * Every assertion on attempts reads the sandbox's own request log.
 */
const LIST = "/marketing/campaigns/2026-03";
const BATCH_READ = `${LIST}/batch/read`;
const COUNTS = { campaigns: 230, marketingEvents: 0, contacts: 0, companies: 0, deals: 0 };

let sb: RunningSandbox;
let portalId: number;

async function control(method: string, path: string, body?: unknown) {
  const res = await fetch(sb.url + path, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(res.ok, `${method} ${path} → ${res.status}`).toBe(true);
  return res.json();
}
const addFaults = (...rules: Record<string, unknown>[]) => control("POST", "/__sandbox/faults", { rules });
const requestLog = (path = LIST, method?: string): Promise<RecordedRequest[]> =>
  control("GET", `/__sandbox/requests?path=${encodeURIComponent(path)}${method ? `&method=${method}` : ""}`);

function issueToken(scopes = sb.ctx.knownScopes(), expiresIn?: number) {
  return sb.ctx.issueTokens({ portalId, scopes, expiresIn }).access_token;
}

/** A client with a fixed valid token, a recording no-op sleep and a spy token provider. */
function makeClient(token: TokenProvider = async () => issueToken()) {
  const tokenSpy = vi.fn(token);
  const sleep = vi.fn(async (_ms: number) => {});
  return { client: new HubSpotHttpClient({ apiBase: sb.url, token: tokenSpy, sleep }), tokenSpy, sleep };
}

beforeAll(async () => {
  sb = await startSandbox({ port: 0, counts: COUNTS, config: { rateLimitPerTenSeconds: 10_000 } });
  portalId = sb.ctx.defaultPortal().id;
});
afterAll(async () => sb?.close());
beforeEach(async () => {
  await control("DELETE", "/__sandbox/faults");
  await control("DELETE", "/__sandbox/requests");
});

describe("HubSpotHttpClient retries", () => {
  it("retries a burst of 429s with backoff and succeeds on the 4th attempt", async () => {
    await addFaults({ method: "GET", path: LIST, status: 429, times: 3 });
    const { client, sleep } = makeClient();
    const page = await client.request(LIST, { query: { limit: 5 }, schema: CampaignListResponseSchema });
    expect(page.results).toHaveLength(5);
    const log = await requestLog();
    expect(log.map((r) => r.status)).toEqual([429, 429, 429, 200]);
    expect(sleep).toHaveBeenCalledTimes(3);
    // Backoff grows between attempts (250·2^n ms plus < 250 ms jitter, no Retry-After from HubSpot).
    const waits = sleep.mock.calls.map(([ms]) => ms);
    expect(waits[0]).toBeGreaterThanOrEqual(250);
    expect(waits[1]).toBeGreaterThan(waits[0]!);
    expect(waits[2]).toBeGreaterThan(waits[1]!);
  });

  it("gives up after maxAttempts 429s and throws a RATE_LIMIT HubSpotApiError", async () => {
    await addFaults({ method: "GET", path: LIST, status: 429, times: 10 });
    const { client } = makeClient();
    const err = await client.request(LIST, { maxAttempts: 3 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HubSpotApiError);
    expect(err).toMatchObject({ status: 429, category: "RATE_LIMIT" });
    expect((await requestLog()).map((r) => r.status)).toEqual([429, 429, 429]);
  });

  it("retries a 502 on a GET", async () => {
    await addFaults({ method: "GET", path: LIST, status: 502, times: 1 });
    const { client } = makeClient();
    const page = await client.request(LIST, { query: { limit: 1 }, schema: CampaignListResponseSchema });
    expect(page.total).toBe(230);
    expect((await requestLog()).map((r) => r.status)).toEqual([502, 200]);
  });

  it("does not retry a 502 on a POST unless the call is marked idempotent", async () => {
    const { client } = makeClient();
    const [first] = (await client.request(LIST, { query: { limit: 1 }, schema: CampaignListResponseSchema })).results;
    await control("DELETE", "/__sandbox/requests");

    await addFaults({ method: "POST", path: BATCH_READ, status: 502, times: 1 });
    const err = await client
      .request(BATCH_READ, { method: "POST", body: { inputs: [{ id: first!.id }] } })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HubSpotApiError);
    expect(err).toMatchObject({ status: 502, category: "INTERNAL_ERROR" });
    expect((await requestLog(BATCH_READ)).map((r) => r.status)).toEqual([502]);

    await control("DELETE", "/__sandbox/requests");
    await addFaults({ method: "POST", path: BATCH_READ, status: 502, times: 1 });
    const res = await client.request<{ results: { id: string }[] }>(BATCH_READ, {
      method: "POST",
      body: { inputs: [{ id: first!.id }] },
      idempotent: true,
    });
    expect(res.results.map((r) => r.id)).toEqual([first!.id]);
    expect((await requestLog(BATCH_READ)).map((r) => r.status)).toEqual([502, 200]);
  });

  it("retries a dropped connection on a GET, but not on a plain POST", async () => {
    await addFaults({ method: "GET", path: LIST, reset: true, times: 1 });
    const { client, sleep } = makeClient();
    const page = await client.request(LIST, { query: { limit: 2 }, schema: CampaignListResponseSchema });
    expect(page.results).toHaveLength(2);
    expect(await requestLog(LIST, "GET")).toHaveLength(2);
    expect(sleep).toHaveBeenCalledTimes(1);

    await control("DELETE", "/__sandbox/requests");
    await addFaults({ method: "POST", path: LIST, reset: true, times: 1 });
    const name = `Reset probe ${Date.now()}`;
    await expect(client.request(LIST, { method: "POST", body: { properties: { hs_name: name } } })).rejects.toThrow(
      TypeError,
    );
    expect(await requestLog(LIST, "POST")).toHaveLength(1);
    const all = (await control("GET", "/__sandbox/records/campaigns")) as { properties: { hs_name?: string } }[];
    expect(all.some((c) => c.properties.hs_name === name)).toBe(false);
  });
});

describe("HubSpotHttpClient auth", () => {
  it("after a 401 asks the token provider once with force and retries with the new token", async () => {
    const stale = issueToken();
    await control("POST", "/__sandbox/tokens/expire", { token: stale });
    const fresh = issueToken();
    const { client, tokenSpy } = makeClient(async (o) => (o?.force ? fresh : stale));
    const page = await client.request(LIST, { query: { limit: 3 }, schema: CampaignListResponseSchema });
    expect(page.results).toHaveLength(3);
    expect(tokenSpy.mock.calls.map(([o]) => Boolean(o?.force))).toEqual([false, true]);
    const log = await requestLog();
    expect(log.map((r) => r.status)).toEqual([401, 200]);
    expect(log[0]!.responseBody).toMatchObject({ category: "EXPIRED_AUTHENTICATION" });
  });

  it("forces only one refresh: a second 401 is thrown as an auth error", async () => {
    const stale = issueToken();
    await control("POST", "/__sandbox/tokens/expire", { token: stale });
    const { client, tokenSpy } = makeClient(async () => stale);
    const err = await client.request(LIST).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HubSpotApiError);
    expect(err).toMatchObject({ status: 401, category: "EXPIRED_AUTHENTICATION", isAuth: true });
    expect(tokenSpy.mock.calls.filter(([o]) => o?.force)).toHaveLength(1);
    expect(await requestLog()).toHaveLength(2);
  });

  it("exposes the missing scopes of a 403 MISSING_SCOPES and does not retry it", async () => {
    const token = issueToken(["oauth"]);
    const { client } = makeClient(async () => token);
    const err = await client.request(LIST).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HubSpotApiError);
    const apiErr = err as HubSpotApiError;
    expect(apiErr.status).toBe(403);
    expect(apiErr.category).toBe("MISSING_SCOPES");
    expect(apiErr.isAuth).toBe(false);
    expect(apiErr.missingScopes.sort()).toEqual(["marketing.campaigns.read", "marketing.campaigns.write"]);
    expect(await requestLog()).toHaveLength(1);
  });
});

describe("HubSpotHttpClient errors and parsing", () => {
  it("maps HubSpot's error body to HubSpotApiError (status, category, message, correlationId)", async () => {
    const { client } = makeClient();
    const err = await client.request(`${LIST}/no-such-campaign`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HubSpotApiError);
    const apiErr = err as HubSpotApiError;
    const [logged] = await requestLog(`${LIST}/no-such-campaign`);
    const body = logged!.responseBody as { correlationId: string; message: string };
    expect(apiErr.status).toBe(404);
    expect(apiErr.category).toBe("OBJECT_NOT_FOUND");
    expect(apiErr.message).toBe("Campaign no-such-campaign not found.");
    expect(apiErr.message).toBe(body.message);
    expect(apiErr.correlationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(apiErr.correlationId).toBe(body.correlationId);
    expect(apiErr.body).toEqual(body);
    expect(apiErr.missingScopes).toEqual([]);
  });

  it("does not retry a 400 and keeps the validation details", async () => {
    const { client, sleep } = makeClient();
    const err = await client.request(LIST, { query: { limit: 1000 } }).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 400, category: "VALIDATION_ERROR" });
    expect((err as HubSpotApiError).message).toContain("limit must be an integer");
    expect(sleep).not.toHaveBeenCalled();
    expect(await requestLog()).toHaveLength(1);
  });

  it("falls back to HTTP_<status> and a generic message for a body that is not HubSpot's", async () => {
    await addFaults({ method: "GET", path: LIST, status: 418, body: { unexpected: true } });
    const { client } = makeClient();
    const err = await client.request(LIST).catch((e: unknown) => e);
    expect(err).toMatchObject({
      status: 418,
      category: "HTTP_418",
      message: "HubSpot answered HTTP 418",
      correlationId: undefined,
    });
  });

  it("parses responses with the given zod schema", async () => {
    const { client } = makeClient();
    const page = await client.request(LIST, {
      query: { limit: 10, properties: ["hs_name", "hs_start_date"] },
      schema: CampaignListResponseSchema,
    });
    expect(page.total).toBe(230);
    expect(page.results).toHaveLength(10);
    expect(page.paging?.next?.after).toBe("10");
    for (const c of page.results) {
      expect(Object.keys(c.properties).sort()).toEqual(["hs_name", "hs_start_date"]);
      expect(typeof c.properties.hs_name).toBe("string");
    }
    // The value returned is the schema's output, not the raw JSON.
    const ids = await client.request(LIST, {
      query: { limit: 2 },
      schema: CampaignListResponseSchema.transform((r) => r.results.map((c) => c.id)),
    });
    expect(ids).toEqual(page.results.slice(0, 2).map((c) => c.id));
  });

  it("rejects a response that does not match the schema", async () => {
    await addFaults({ method: "GET", path: LIST, status: 200, body: { total: "many", results: [{ id: 1 }] } });
    const { client } = makeClient();
    await expect(client.request(LIST, { schema: CampaignListResponseSchema })).rejects.toBeInstanceOf(z.ZodError);
  });
});

describe("listCampaigns", () => {
  type Row = { id: string; properties: Record<string, string | null> };
  async function all(params: Parameters<typeof listCampaigns>[1] = {}) {
    const { client } = makeClient();
    const rows: Row[] = [];
    let after: string | undefined;
    let pages = 0;
    let total: number;
    do {
      const page = await listCampaigns(client, { ...params, after });
      rows.push(...page.results);
      total = page.total;
      after = page.paging?.next?.after;
      pages++;
    } while (after && pages < 50);
    return { rows, pages, total };
  }
  const collator = new Intl.Collator("en", { sensitivity: "base", numeric: true });

  it("pages through every campaign of a reset sandbox with `after`", async () => {
    await control("POST", "/__sandbox/reset", { seed: 42, ...COUNTS });
    const { rows, pages, total } = await all();
    expect(total).toBe(230);
    expect(rows).toHaveLength(230);
    expect(new Set(rows.map((r) => r.id)).size).toBe(230);
    expect(pages).toBe(3); // 100 + 100 + 30 at the maximum page size
    const log = await requestLog();
    expect(log.map((r) => r.query.after)).toEqual([undefined, "100", "200"]);
    expect(log.every((r) => r.query.limit === "100" && r.query.properties!.split(",").includes("hs_name"))).toBe(true);
    const seeded = (await control("GET", "/__sandbox/records/campaigns")) as Row[];
    expect(new Set(rows.map((r) => r.id))).toEqual(new Set(seeded.map((r) => r.id)));
  });

  it("honours sort, ascending and descending", async () => {
    const desc = (await all({ sort: "-hs_name" })).rows.map((r) => r.properties.hs_name!);
    expect(desc).toHaveLength(230);
    for (let i = 1; i < desc.length; i++) expect(collator.compare(desc[i - 1]!, desc[i]!)).toBeGreaterThanOrEqual(0);
    const asc = (await all({ sort: "hs_name" })).rows.map((r) => r.properties.hs_name!);
    expect(asc).toEqual([...desc].reverse());
    expect((await requestLog()).every((r) => r.query.sort === "-hs_name" || r.query.sort === "hs_name")).toBe(true);
  });

  it("honours the name filter (case-insensitive contains)", async () => {
    const seeded = (await control("GET", "/__sandbox/records/campaigns")) as Row[];
    const expected = seeded.filter((r) => r.properties.hs_name!.toLowerCase().includes("webinar")).map((r) => r.id);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(230);
    const { rows, total } = await all({ name: "WEBINAR", sort: "hs_name" });
    expect(total).toBe(expected.length);
    expect(new Set(rows.map((r) => r.id))).toEqual(new Set(expected));
    expect(rows.every((r) => /webinar/i.test(r.properties.hs_name!))).toBe(true);
    expect((await requestLog()).every((r) => r.query.name === "WEBINAR")).toBe(true);
  });
});

describe("HubSpotHttpClient and real HubSpot's answers (issue 12)", () => {
  it("retries 423 Locked (at least 2 s) and 477 Migration in Progress (its Retry-After)", async () => {
    await addFaults(
      { method: "GET", path: LIST, status: 423 },
      { method: "GET", path: LIST, status: 477, retryAfterSeconds: 7 },
    );
    const { client, sleep } = makeClient();
    await client.request(LIST, { query: { limit: 1 } });
    expect((await requestLog()).map((r) => r.status)).toEqual([423, 477, 200]);
    expect(sleep.mock.calls[0]![0]).toBeGreaterThanOrEqual(2000);
    expect(sleep.mock.calls[1]![0]).toBe(7000);
  });

  it("does not retry a DAILY 429: the error carries the policy and Retry-After for the caller", async () => {
    await addFaults({ method: "GET", path: LIST, status: 429, policyName: "DAILY", retryAfterSeconds: 3600, times: 5 });
    const { client } = makeClient();
    const err = await client.request(LIST).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 429, policyName: "DAILY", retryAfterSeconds: 3600 });
    expect((await requestLog()).map((r) => r.status)).toEqual([429]);
  });

  it("times out a call that hangs (timeoutMs), and retries it when it is a read", async () => {
    await addFaults({ method: "GET", path: LIST, delayMs: 5_000 });
    const client = new HubSpotHttpClient({
      apiBase: sb.url,
      token: async () => issueToken(),
      sleep: async () => {},
      timeoutMs: 200,
    });
    const page = await client.request(LIST, { query: { limit: 2 }, schema: CampaignListResponseSchema });
    expect(page.results).toHaveLength(2);
  });
});
