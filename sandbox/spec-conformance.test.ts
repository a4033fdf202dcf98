/*
 * Spec conformance: a representative request to every endpoint the sandbox implements (success, and
 * where the API has them a 207 partial and a 400). Each response is validated against the schema
 * HubSpot's OpenAPI spec declares for its path, method and status (else `default`); each accepted
 * request against the spec's requestBody. Specs: HUBSPOT_OPENAPI_DIR, ../shared/hubspot-openapi, or
 * downloaded at a pinned commit into a cache (./testing/spec-source.ts); without any of them the suite
 * fails in CI and is skipped, loudly, elsewhere. Accepted deviations, with reasons: ./testing/spec-allowlist.ts.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createSandbox } from "./server";
import { OpenApiSpecs } from "./testing/openapi";
import { resolveSpecDir, skipNotice } from "./testing/spec-source";
import { ALLOWED, ALLOWED_STATUS } from "./testing/spec-allowlist";

const CAMP = "/marketing/campaigns/2026-03";
const C = "/crm/objects/2026-03/contacts";
const CLIENT = { client_id: "batchboard-sandbox-client", client_secret: "batchboard-sandbox-secret" };
const SCOPES = [
  "oauth",
  "marketing.campaigns.read",
  "marketing.campaigns.write",
  "crm.objects.marketing_events.read",
  "crm.objects.marketing_events.write",
  "crm.objects.contacts.read",
  "crm.objects.contacts.write",
  "crm.schemas.contacts.read",
];

const source = await resolveSpecDir();
if (source.dir === null) {
  if (process.env.CI) throw new Error(`HubSpot OpenAPI specs not available in CI: ${source.why}`);
  console.warn(skipNotice(source.why));
}
const SPEC_DIR = source.dir ?? "";
/** Every block of this file: skipped together when the specs are not to be had outside CI. */
const suite = source.dir ? describe : describe.skip;

let specs: OpenApiSpecs;
let sb: ReturnType<typeof createSandbox>;
let tokens: { access_token: string; refresh_token: string };

beforeAll(() => {
  if (!source.dir) return;
  specs = new OpenApiSpecs(SPEC_DIR, ALLOWED, ALLOWED_STATUS);
  const counts = { campaigns: 20, marketingEvents: 20, contacts: 20, companies: 0, deals: 0 };
  sb = createSandbox({ counts, config: { rateLimitPerTenSeconds: 100_000, searchPerSecond: 100_000 } });
  tokens = issue(SCOPES);
});
const issue = (scopes: string[]) => sb.ctx.issueTokens({ portalId: sb.ctx.defaultPortal().id, scopes });

/** `raw`: a body sent as is (never spec-checked); `token`: default the suite's, `null` none; forms carry client credentials. */
interface Opts {
  json?: unknown;
  form?: Record<string, string>;
  raw?: string;
  token?: string | null;
}

/** One request: expects `status`, a spec-valid response and, when accepted, a spec-valid request body. */
async function hs(method: string, path: string, status: number, opts: Opts = {}): Promise<any> {
  const bearer = opts.token === undefined ? tokens.access_token : opts.token;
  const headers: Record<string, string> = opts.form || !bearer ? {} : { authorization: `Bearer ${bearer}` };
  let body: string | undefined;
  if (opts.json !== undefined || opts.raw !== undefined)
    [headers["content-type"], body] = ["application/json", opts.raw ?? JSON.stringify(opts.json)];
  if (opts.form)
    [headers["content-type"], body] = ["application/x-www-form-urlencoded", new URLSearchParams(opts.form).toString()];
  const res = await sb.app.request(path, { method, headers, body });
  const text = await res.text();
  const parsed = text ? JSON.parse(text) : undefined;
  const accepted = res.status < 300 || res.status === 207;
  const issues = [
    ...(accepted && opts.raw === undefined
      ? specs.checkRequest(method, path, opts.form ?? opts.json, headers["content-type"])
      : []),
    ...specs.checkResponse(method, path, res.status, parsed),
  ];
  expect
    .soft({ status: res.status, issues }, `${method} ${path}: ${text.slice(0, 300)}`)
    .toEqual({ status, issues: [] });
  return parsed;
}

suite("marketing campaigns 2026-03", () => {
  it("list, read, create, update, delete", async () => {
    const list = await hs("GET", `${CAMP}?limit=5&properties=hs_name,hs_notes`, 200);
    await hs("GET", `${CAMP}?limit=101`, 400);
    await hs("GET", `${CAMP}/${list.results[0].id}`, 200);
    await hs("GET", `${CAMP}/00000000-0000-4000-a000-000000000000`, 404);
    const made = await hs("POST", CAMP, 201, {
      json: { properties: { hs_name: "Conformance solo", hs_start_date: "2026-04-01" } },
    });
    await hs("POST", CAMP, 400, { json: { properties: { hs_notes: "no name" } } });
    await hs("POST", CAMP, 409, { json: { properties: { hs_name: "conformance solo" } } });
    await hs("PATCH", `${CAMP}/${made.id}`, 200, { json: { properties: { hs_notes: "patched" } } });
    await hs("DELETE", `${CAMP}/${made.id}`, 204);
  });

  it("batch read, create, update, archive (success, 207, 400)", async () => {
    const [a, b] = (await hs("GET", `${CAMP}?limit=2`, 200)).results.map((r: { id: string }) => r.id);
    await hs("POST", `${CAMP}/batch/read?properties=hs_name`, 200, { json: { inputs: [{ id: a }, { id: b }] } });
    await hs("POST", `${CAMP}/batch/read`, 207, { json: { inputs: [{ id: a }, { id: "missing" }] } });
    await hs("POST", `${CAMP}/batch/read`, 400, { raw: "{not json" });
    await hs("POST", `${CAMP}/batch/create`, 201, {
      json: { inputs: [{ properties: { hs_name: "Conf A" } }, { properties: { hs_name: "Conf B" } }] },
    });
    await hs("POST", `${CAMP}/batch/create`, 207, {
      json: { inputs: [{ properties: { hs_name: "Conf C" } }, { properties: { hs_notes: "nameless" } }] },
    });
    await hs("POST", `${CAMP}/batch/create`, 400, {
      json: { inputs: Array.from({ length: 51 }, (_, i) => ({ properties: { hs_name: `Big ${i}` } })) },
    });
    await hs("POST", `${CAMP}/batch/update`, 200, {
      json: {
        inputs: [
          { id: a, properties: { hs_notes: "" } },
          { id: b, properties: { hs_notes: "n" } },
        ],
      },
    });
    await hs("POST", `${CAMP}/batch/update`, 207, {
      json: {
        inputs: [
          { id: a, properties: { hs_audience: "x" } },
          { id: "missing", properties: {} },
        ],
      },
    });
    await hs("POST", `${CAMP}/batch/update`, 400, {
      json: {
        inputs: [
          { id: a, properties: {} },
          { id: a, properties: {} },
        ],
      },
    });
    await hs("POST", `${CAMP}/batch/archive`, 204, { json: { inputs: [{ id: b }, { id: "unknown" }] } });
    await hs("POST", `${CAMP}/batch/archive`, 400, {
      json: { inputs: Array.from({ length: 51 }, (_, i) => ({ id: `x${i}` })) },
    });
  });
});

suite.each([
  ["2026-03", "/marketing/marketing-events/2026-03", "/marketing/marketing-events/2026-03"],
  ["v3", "/marketing/v3/marketing-events", "/marketing/marketing-events/v3"], // the v3 spec lists its list call there
])("marketing events %s", (_, base, listPath) => {
  it("list, read, update, delete (success and errors)", async () => {
    const [a, b] = (await hs("GET", `${listPath}?limit=4`, 200)).results.map((e: { objectId: string }) => e.objectId);
    await hs("GET", `${base}/${a}`, 200);
    await hs("GET", `${base}/1`, 404);
    await hs("PATCH", `${base}/${a}`, 200, { json: { eventName: "Conformance event", customProperties: [] } });
    await hs("PATCH", `${base}/${a}`, 400, {
      json: { customProperties: [], startDateTime: "2026-05-02T00:00:00Z", endDateTime: "2026-05-01T00:00:00Z" },
    });
    await hs("DELETE", `${base}/${b}`, 204);
  });

  it("batch update and archive (success, 207, 400)", async () => {
    const [a, b, c] = (await hs("GET", `${listPath}?limit=3`, 200)).results.map(
      (e: { objectId: string }) => e.objectId,
    );
    const customProperties = [{ name: "conformance_note", value: "yes" }];
    await hs("POST", `${base}/batch/update`, 200, {
      json: { inputs: [{ objectId: a, eventOrganizer: "Org", customProperties }] },
    });
    await hs("POST", `${base}/batch/update`, 207, {
      json: {
        inputs: [
          { objectId: a, customProperties: [] },
          { objectId: "1", customProperties: [] },
        ],
      },
    });
    await hs("POST", `${base}/batch/update`, 400, {
      json: {
        inputs: [
          { objectId: a, customProperties: [] },
          { objectId: a, customProperties: [] },
        ],
      },
    });
    await hs("POST", `${base}/batch/archive`, 204, { json: { inputs: [{ objectId: b }] } });
    await hs("POST", `${base}/batch/archive`, 207, { json: { inputs: [{ objectId: c }, { objectId: "1" }] } });
    await hs("POST", `${base}/batch/archive`, 400, { json: { inputs: [{ id: c }] } });
  });
});

suite("CRM objects 2026-03", () => {
  it("list, read, search, create, update, delete", async () => {
    const list = await hs("GET", `${C}?limit=3&properties=email,jobtitle,hs_lead_status,phone`, 200);
    await hs("GET", `${C}/${list.results[0].id}?properties=email`, 200);
    await hs("GET", `${C}/999999999`, 404);
    const search = {
      filterGroups: [{ filters: [{ propertyName: "email", operator: "HAS_PROPERTY" }] }],
      sorts: [],
      properties: ["email"],
      limit: 5,
      after: "0",
    };
    await hs("POST", `${C}/search`, 200, { json: search });
    await hs("POST", `${C}/search`, 400, {
      json: { ...search, filterGroups: [{ filters: [{ propertyName: "nope", operator: "EQ", value: "x" }] }] },
    });
    const made = await hs("POST", C, 201, {
      json: { properties: { email: "conf-solo@example.com", firstname: "Con" }, associations: [] },
    });
    await hs("POST", C, 400, { json: { properties: { lifecyclestage: "champion" }, associations: [] } });
    await hs("PATCH", `${C}/${made.id}`, 200, { json: { properties: { jobtitle: "Tester" } } });
    await hs("DELETE", `${C}/${made.id}`, 204);
    await hs("GET", "/crm/objects/2026-03/nope_type", 400);
  });

  it("batch read, create, update, upsert, archive (success, 207, 400)", async () => {
    const [a, b] = (await hs("GET", `${C}?limit=2`, 200)).results.map((r: { id: string }) => r.id);
    const read = { properties: ["email", "hs_lead_status", "phone"], propertiesWithHistory: [] };
    await hs("POST", `${C}/batch/read`, 200, { json: { ...read, inputs: [{ id: a }, { id: b }] } });
    await hs("POST", `${C}/batch/read`, 207, { json: { ...read, inputs: [{ id: a }, { id: "999999999" }] } });
    await hs("POST", `${C}/batch/read`, 400, { json: { ...read, idProperty: "firstname", inputs: [{ id: a }] } });
    const mk = (email: string, extra = {}) => ({ properties: { email, ...extra }, associations: [] });
    await hs("POST", `${C}/batch/create`, 201, {
      json: { inputs: [mk("conf-1@example.com"), mk("conf-2@example.com")] },
    });
    const traced = [
      { ...mk("conf-3@example.com"), objectWriteTraceId: "r1" },
      { ...mk("conf-4@example.com", { lifecyclestage: "champion" }), objectWriteTraceId: "r2" },
    ];
    await hs("POST", `${C}/batch/create`, 207, { json: { inputs: traced } });
    await hs("POST", `${C}/batch/create`, 400, {
      json: { inputs: [mk("conf-5@example.com", { lifecyclestage: "champion" })] },
    });
    await hs("POST", `${C}/batch/update`, 200, {
      json: {
        inputs: [
          { id: a, properties: { jobtitle: "A" } },
          { id: b, properties: { jobtitle: "B" } },
        ],
      },
    });
    await hs("POST", `${C}/batch/update`, 207, {
      json: {
        inputs: [
          { id: a, properties: { jobtitle: "A2" } },
          { id: "999999999", properties: {} },
        ],
      },
    });
    await hs("POST", `${C}/batch/update`, 400, {
      json: {
        inputs: [
          { id: a, properties: {} },
          { id: a, properties: {} },
        ],
      },
    });
    const up = (email: string, extra = {}, trace?: string) => ({
      id: email,
      idProperty: "email",
      properties: { firstname: "Up", ...extra },
      ...(trace ? { objectWriteTraceId: trace } : {}),
    });
    await hs("POST", `${C}/batch/upsert`, 200, {
      json: { inputs: [up("conf-1@example.com"), up("conf-up@example.com")] },
    });
    await hs("POST", `${C}/batch/upsert`, 207, {
      json: {
        inputs: [up("conf-2@example.com", {}, "u1"), up("conf-x@example.com", { lifecyclestage: "champion" }, "u2")],
      },
    });
    await hs("POST", `${C}/batch/upsert`, 400, { json: { inputs: [{ id: "conf-1@example.com", properties: {} }] } });
    await hs("POST", `${C}/batch/archive`, 204, { json: { inputs: [{ id: b }] } });
    await hs("POST", `${C}/batch/archive`, 400, { json: { inputs: [{ objectId: b }] } });
  });
});

suite("CRM properties 2026-03", () => {
  it("list and read (success and errors)", async () => {
    await hs("GET", "/crm/properties/2026-03/contacts", 200);
    await hs("GET", "/crm/properties/2026-03/contacts/email", 200);
    await hs("GET", "/crm/properties/2026-03/contacts/not_a_property", 404);
    await hs("GET", "/crm/properties/2026-03/nope_type", 400);
  });
});

suite("errors from the shared middleware", () => {
  it("401 without a valid token, 403 without the scope, 429 over the rate limit", async () => {
    await hs("GET", CAMP, 401, { token: null });
    await hs("GET", `${C}?limit=1`, 401, { token: "na1-at-unknown" });
    await hs("POST", `${CAMP}/batch/create`, 403, {
      token: issue(["marketing.campaigns.read"]).access_token,
      json: { inputs: [] },
    });
    const fault = { rules: [{ method: "GET", path: CAMP, times: 1, status: 429 }] };
    await sb.app.request("/__sandbox/faults", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(fault),
    });
    await hs("GET", CAMP, 429);
  });
});

suite("OAuth", () => {
  it("token (refresh_token grant) on 2026-03 and v1, introspect, token info, revoke", async () => {
    const refresh = { grant_type: "refresh_token", refresh_token: tokens.refresh_token, ...CLIENT };
    const fresh = await hs("POST", "/oauth/2026-03/token", 200, { form: refresh });
    await hs("POST", "/oauth/2026-03/token", 400, { form: { ...refresh, refresh_token: "na1-rt-unknown" } });
    await hs("POST", "/oauth/v1/token", 200, { form: refresh });
    await hs("POST", "/oauth/v1/token", 400, { form: { ...refresh, client_secret: "wrong" } });
    await hs("POST", "/oauth/2026-03/token/introspect", 200, { form: { token: fresh.access_token, ...CLIENT } });
    await hs("POST", "/oauth/2026-03/token/introspect", 200, {
      form: { token: fresh.refresh_token, token_type_hint: "refresh_token", ...CLIENT },
    });
    await hs("POST", "/oauth/2026-03/token/introspect", 200, { form: { token: "na1-at-unknown", ...CLIENT } });
    await hs("POST", "/oauth/2026-03/token/introspect", 400, {
      form: { token: fresh.access_token, client_id: CLIENT.client_id, client_secret: "wrong" },
    });
    await hs("GET", `/oauth/v1/access-tokens/${fresh.access_token}`, 200);
    await hs("GET", "/oauth/v1/access-tokens/na1-at-unknown", 404);
    await hs("GET", `/oauth/v1/refresh-tokens/${fresh.refresh_token}`, 200);
    await hs("POST", "/oauth/2026-03/token/revoke", 200, { form: { token: issue(SCOPES).refresh_token, ...CLIENT } });
    await hs("DELETE", `/oauth/v1/refresh-tokens/${issue(SCOPES).refresh_token}`, 204);
  });
});

suite("the suite itself", () => {
  it("rejects wrong shapes, undeclared statuses and missing bodies, so a pass means something", () => {
    const strict = new OpenApiSpecs(SPEC_DIR); // no allow-list, records nothing in the suite's report
    expect(strict.checkResponse("GET", CAMP, 200, { total: "1", results: [{ id: 1 }] }).length).toBeGreaterThan(3);
    expect(strict.checkResponse("POST", `${CAMP}/batch/read`, 201, { status: "COMPLETE", results: [] })).not.toEqual(
      [],
    );
    expect(strict.checkResponse("GET", `${CAMP}/x`, 204, undefined)).not.toEqual([]);
    expect(
      strict.checkRequest("POST", `${CAMP}/batch/update`, { inputs: [{ properties: { hs_name: 1 } }] }),
    ).not.toEqual([]);
  });

  it("lists what was validated and uses every allow-list entry", () => {
    console.log(`Validated against ${specs.dir}:\n  ${[...specs.checked].sort().join("\n  ")}`);
    const unused = [...specs.allowedHits].filter(([, n]) => n === 0).map(([a]) => `${a.spec}${a.at}`);
    const unusedStatus = ALLOWED_STATUS.filter((a) => !specs.allowedStatusHits.has(a)).map(
      (a) => `${a.method} ${a.path} ${a.status}`,
    );
    expect([...unused, ...unusedStatus], "stale allow-list entries: remove them").toEqual([]);
  });
});
