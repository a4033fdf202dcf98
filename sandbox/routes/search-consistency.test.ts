import { beforeEach, describe, expect, it } from "vitest";
import { RateLimitErrorSchema } from "../../lib/hubspot/schemas/errors";
import { DEFAULT_CONFIG } from "../core/state";
import { typeStore } from "./crm-store";
import { CRM_TYPES } from "./crm-types";
import { PORTAL, setupSandbox } from "./route-test-kit";

const S = "/crm/objects/2026-03/contacts/search";
const byFirstname = (v: string) => ({
  filterGroups: [{ filters: [{ propertyName: "firstname", operator: "EQ", value: v }] }],
  properties: ["firstname"],
});
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let sb: ReturnType<typeof setupSandbox>;
let read: string;
let write: string;
beforeEach(() => {
  sb = setupSandbox();
  read = sb.token(["crm.objects.contacts.read"]);
  write = sb.token(["crm.objects.contacts.write"]);
});

describe("search index delay (searchIndexDelayMs)", () => {
  it("defaults to 0, and GET /__sandbox/config echoes a new value", async () => {
    expect((await sb.call("GET", "/__sandbox/config")).body.searchIndexDelayMs).toBe(0);
    const set = await sb.call("POST", "/__sandbox/config", { body: { searchIndexDelayMs: 500 } });
    expect(set.status).toBe(200);
    expect((await sb.call("GET", "/__sandbox/config")).body.searchIndexDelayMs).toBe(500);
    expect((await sb.call("POST", "/__sandbox/config", { body: { searchIndexDelayMs: -1 } })).status).toBe(400);
  });

  it("shows an update and a create to search only after the delay; the old value meanwhile", async () => {
    const [target] = await sb.records("contacts");
    const old = target.properties.firstname as string;
    await sb.call("POST", "/__sandbox/config", { body: { searchIndexDelayMs: 500 } });
    const upd = await sb.call("POST", "/crm/objects/2026-03/contacts/batch/update", {
      token: write,
      body: { inputs: [{ id: target.id, properties: { firstname: "Zebulon-Delayed" } }] },
    });
    expect(upd.status).toBe(200);
    const created = await sb.call("POST", "/crm/objects/2026-03/contacts", {
      token: write,
      body: { properties: { email: "late@example.com", firstname: "Newcomer-Delayed" } },
    });
    expect(created.status).toBe(201);

    const before = await sb.call("POST", S, { token: read, body: byFirstname("Zebulon-Delayed") });
    expect(before.body.total).toBe(0);
    expect((await sb.call("POST", S, { token: read, body: byFirstname("Newcomer-Delayed") })).body.total).toBe(0);
    // The record is still found by its old value, with its old properties.
    const oldHit = await sb.call("POST", S, { token: read, body: { ...byFirstname(old), limit: 200 } });
    const stale = oldHit.body.results.find((r: any) => r.id === target.id);
    expect(stale.properties.firstname).toBe(old);
    // A plain GET reads the new value at once: only search lags.
    const got = await sb.call("GET", `/crm/objects/2026-03/contacts/${target.id}?properties=firstname`, {
      token: read,
    });
    expect(got.body.properties.firstname).toBe("Zebulon-Delayed");

    await sleep(550);
    const after = await sb.call("POST", S, { token: read, body: byFirstname("Zebulon-Delayed") });
    expect(after.body.total).toBe(1);
    expect(after.body.results[0].id).toBe(target.id);
    expect((await sb.call("POST", S, { token: read, body: byFirstname("Newcomer-Delayed") })).body.total).toBe(1);
    // Expired entries are pruned by that search: nothing is kept once the window has passed.
    expect(typeStore(sb.ctx.portalById(PORTAL)!, CRM_TYPES[0]!).lag.size).toBe(0);
  });

  it("with the default 0 a write is searchable at once", async () => {
    const [target] = await sb.records("contacts");
    await sb.call("POST", "/crm/objects/2026-03/contacts/batch/update", {
      token: write,
      body: { inputs: [{ id: target.id, properties: { firstname: "Immediate" } }] },
    });
    expect((await sb.call("POST", S, { token: read, body: byFirstname("Immediate") })).body.total).toBe(1);
  });
});

describe("search rate limit", () => {
  it("answers the 6th search in one second with 429 and HubSpot's SECONDLY body", async () => {
    const limited = setupSandbox({ config: { searchPerSecond: 5 } });
    const t = limited.token(["crm.objects.contacts.read"]);
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await limited.call("POST", S, { token: t, body: { limit: 1 } }));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 429]);
    const body = RateLimitErrorSchema.parse(answers[5]!.body);
    expect(body.policyName).toBe("SECONDLY");
    expect(body.errorType).toBe("RATE_LIMIT");
  });

  it("is 5 per second by default (HubSpot's documented search limit)", () => {
    expect(DEFAULT_CONFIG.searchPerSecond).toBe(5);
  });
});

describe("search limits answer HubSpot's 400", () => {
  const f = { propertyName: "firstname", operator: "HAS_PROPERTY" };
  const cases: [string, unknown][] = [
    ["6 filter groups", { filterGroups: Array.from({ length: 6 }, () => ({ filters: [f] })) }],
    ["11 filters in one group", { filterGroups: [{ filters: Array.from({ length: 11 }, () => f) }] }],
    [
      "26 filters in all",
      {
        filterGroups: Array.from({ length: 3 }, (_, i) => ({
          filters: Array.from({ length: i < 2 ? 10 : 6 }, () => f),
        })),
      },
    ],
    ["limit 201", { limit: 201 }],
    ["paging past 10,000", { after: "10000" }],
  ];
  for (const [name, body] of cases)
    it(`refuses ${name}`, async () => {
      const r = await sb.call("POST", S, { token: read, body });
      expect(r.status).toBe(400);
      expect(r.body.status).toBe("error");
      expect(r.body.category).toBe("VALIDATION_ERROR");
      expect(typeof r.body.message).toBe("string");
    });

  it("accepts the limits themselves: 5 groups, 10 per group, 25 in all", async () => {
    const body = {
      filterGroups: Array.from({ length: 5 }, (_, i) => ({
        filters: Array.from({ length: i < 2 ? 10 : i === 2 ? 5 : 0 }, () => f),
      })),
      limit: 1,
    };
    expect((await sb.call("POST", S, { token: read, body })).status).toBe(200);
  });
});
