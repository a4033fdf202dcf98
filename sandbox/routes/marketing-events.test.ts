import { beforeEach, describe, expect, it } from "vitest";
import {
  MarketingEventBatchResponseSchema,
  MarketingEventPageSchema,
  MarketingEventSchema,
} from "../../lib/hubspot/schemas/marketing-events";
import { setupSandbox } from "./route-test-kit";

const V2026 = "/marketing/marketing-events/2026-03";
const V3 = "/marketing/v3/marketing-events";
let sb: ReturnType<typeof setupSandbox>;
let tok: string;
let events: any[];
beforeEach(async () => {
  sb = setupSandbox();
  tok = sb.token(["crm.objects.marketing_events.read", "crm.objects.marketing_events.write"]);
  events = await sb.records("marketing-events");
});
const get = async (id: string) => (await sb.call("GET", `${V2026}/${id}`, { token: tok })).body;

describe("seeded events", () => {
  it("has 120 realistic events by default, some cancelled, several types, external ids", () => {
    expect(events).toHaveLength(120);
    for (const e of events) MarketingEventSchema.parse(e);
    expect(events.filter((e) => e.eventCancelled).length).toBeGreaterThan(0);
    expect(events.filter((e) => e.eventCompleted).length).toBeGreaterThan(0);
    expect(new Set(events.map((e) => e.eventType))).toEqual(
      new Set(["WEBINAR", "CONFERENCE", "ROADSHOW", "WORKSHOP", "TRADE_SHOW"]),
    );
    for (const e of events) {
      expect(Date.parse(e.endDateTime)).toBeGreaterThan(Date.parse(e.startDateTime));
      expect(e.externalEventId).toBeTruthy();
      expect(e.externalAccountId).toBeTruthy();
      expect(e.eventUrl).toMatch(/^https:\/\//);
    }
    expect(new Set(events.map((e) => e.objectId)).size).toBe(120);
  });

  it("is deterministic per seed and honours counts.marketingEvents", async () => {
    expect(await setupSandbox().records("marketing-events")).toEqual(events);
    expect(await setupSandbox({ counts: { marketingEvents: 7 } }).records("marketing-events")).toHaveLength(7);
  });
});

describe("list and read", () => {
  it.each([V2026, V3, `${V3}/`, "/marketing/marketing-events/v3"])("pages through all events at %s", async (path) => {
    const ids: string[] = [];
    let after: string | undefined;
    do {
      const r = await sb.call("GET", `${path}?limit=50${after ? `&after=${after}` : ""}`, { token: tok });
      expect(r.status).toBe(200);
      const page = MarketingEventPageSchema.parse(r.body);
      expect(page.results[0]).not.toHaveProperty("externalAccountId");
      ids.push(...page.results.map((e) => e.objectId));
      after = page.paging?.next?.after;
    } while (after);
    expect(ids).toEqual(events.map((e) => e.objectId));
  });

  it("reads one event on both versions; 404 for unknown", async () => {
    const e = events[3];
    expect((await sb.call("GET", `${V3}/${e.objectId}`, { token: tok })).body.eventName).toBe(e.eventName);
    expect((await get(e.objectId)).registrants).toBe(e.registrants);
    const missing = await sb.call("GET", `${V2026}/1`, { token: tok });
    expect(missing.status).toBe(404);
    expect(missing.body.category).toBe("OBJECT_NOT_FOUND");
  });

  it("needs the marketing events scopes", async () => {
    expect((await sb.call("GET", V2026)).status).toBe(401);
    const readOnly = sb.token(["crm.objects.marketing_events.read"]);
    expect((await sb.call("GET", V2026, { token: readOnly })).status).toBe(200);
    const upd = await sb.call("POST", `${V2026}/batch/update`, { token: readOnly, body: { inputs: [] } });
    expect(upd.status).toBe(403);
    expect((await sb.call("GET", V3, { token: sb.token(["crm.objects.contacts.read"]) })).status).toBe(403);
  });
});

describe.each([
  ["2026-03", V2026],
  ["v3", V3],
])("batch update (%s)", (_version, base) => {
  const url = `${base}/batch/update`;

  it("updates fields, merges customProperties and bumps updatedAt (200)", async () => {
    const [a, b] = [events[0], events[1]];
    const r = await sb.call("POST", url, {
      token: tok,
      body: {
        inputs: [
          {
            objectId: a.objectId,
            eventName: "Renamed",
            eventCancelled: true,
            customProperties: [
              { name: "region", value: "APAC" },
              { name: "budget_code", value: "MKT-7" },
            ],
          },
          {
            objectId: b.objectId,
            customProperties: [],
            startDateTime: "2026-05-01T09:00:00Z",
            endDateTime: "2026-05-01T10:30:00+00:00",
          },
        ],
      },
    });
    expect(r.status).toBe(200);
    const body = MarketingEventBatchResponseSchema.parse(r.body);
    expect(body.results).toHaveLength(2);
    expect(body.errors).toBeUndefined();
    const ua = await get(a.objectId);
    expect(ua).toMatchObject({ eventName: "Renamed", eventCancelled: true, eventType: a.eventType });
    expect(ua.customProperties).toEqual(
      expect.arrayContaining([
        { name: "region", value: "APAC" },
        { name: "budget_code", value: "MKT-7" },
        a.customProperties[1],
      ]),
    );
    expect(Date.parse(ua.updatedAt)).toBeGreaterThan(Date.parse(a.updatedAt));
    expect((await get(b.objectId)).startDateTime).toBe("2026-05-01T09:00:00Z");
  });

  it("rejects the whole batch (400, nothing written) when an input breaks the spec's shape", async () => {
    const [a, b] = [events[0], events[1]];
    const cases = [
      [
        { objectId: a.objectId, eventName: "X", customProperties: [] },
        { objectId: b.objectId, eventName: "Y" },
      ], // customProperties missing
      [
        { objectId: a.objectId, eventName: "X", customProperties: [] },
        { eventName: "Y", customProperties: [] },
      ], // objectId missing
      [
        { objectId: a.objectId, eventName: "X", customProperties: [] },
        { objectId: b.objectId, customProperties: [], startDateTime: "May 1st" },
      ], // not ISO
      [
        { objectId: a.objectId, eventName: "X", customProperties: [] },
        { objectId: a.objectId, customProperties: [] },
      ], // duplicate
    ];
    for (const inputs of cases) {
      const r = await sb.call("POST", url, { token: tok, body: { inputs } });
      expect(r.status, JSON.stringify(inputs)).toBe(400);
      expect(r.body.category).toBe("VALIDATION_ERROR");
    }
    expect((await get(a.objectId)).eventName).toBe(a.eventName);
    const tooMany = Array.from({ length: 101 }, (_, i) => ({ objectId: String(i), customProperties: [] }));
    expect((await sb.call("POST", url, { token: tok, body: { inputs: tooMany } })).status).toBe(400);
  });

  it("answers 207 with per-input errors for bad URLs, end before start and unknown ids, writing the rest", async () => {
    const [a, b, c] = [events[0], events[1], events[2]];
    const r = await sb.call("POST", url, {
      token: tok,
      body: {
        inputs: [
          { objectId: a.objectId, eventUrl: "not a url", customProperties: [] },
          { objectId: b.objectId, endDateTime: "2020-01-01T00:00:00Z", customProperties: [] },
          { objectId: c.objectId, eventName: "Fine", customProperties: [] },
          { objectId: "404404", customProperties: [] },
        ],
      },
    });
    expect(r.status).toBe(207);
    const body = MarketingEventBatchResponseSchema.parse(r.body);
    expect(body.results.map((e) => e.objectId)).toEqual([c.objectId]);
    const byCategory = (cat: string) => body.errors!.filter((e) => e.category === cat);
    expect(byCategory("VALIDATION_ERROR").map((e) => e.context.ids)).toEqual([[a.objectId], [b.objectId]]);
    expect(byCategory("VALIDATION_ERROR")[1]!.message).toContain("before startDateTime");
    expect(byCategory("OBJECT_NOT_FOUND")[0]!.context.ids).toEqual(["404404"]);
    expect(body.numErrors).toBe(3);
    expect((await get(c.objectId)).eventName).toBe("Fine");
    expect((await get(a.objectId)).eventUrl).toBe(a.eventUrl);
    expect((await get(b.objectId)).endDateTime).toBe(b.endDateTime);
  });
});

describe("batch archive", () => {
  it("answers 204 when all existed and 207 naming the unknown ids otherwise", async () => {
    const [a, b, c] = events.map((e) => e.objectId);
    expect(
      (
        await sb.call("POST", `${V2026}/batch/archive`, {
          token: tok,
          body: { inputs: [{ objectId: a }, { objectId: b }] },
        })
      ).status,
    ).toBe(204);
    const r = await sb.call("POST", `${V3}/batch/archive`, {
      token: tok,
      body: { inputs: [{ objectId: c }, { objectId: a }] },
    });
    expect(r.status).toBe(207);
    expect(r.body.errors[0]).toMatchObject({ category: "OBJECT_NOT_FOUND", context: { ids: [a] } });
    expect(await sb.records("marketing-events")).toHaveLength(117);
    expect((await sb.call("POST", `${V3}/batch/archive`, { token: tok, body: { inputs: [{ id: a }] } })).status).toBe(
      400,
    );
  });
});

describe("single event writes", () => {
  it("patches one event and validates it (400 for end before start)", async () => {
    const e = events[5];
    const ok = await sb.call("PATCH", `${V2026}/${e.objectId}`, {
      token: tok,
      body: { eventOrganizer: "New team", customProperties: [] },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.eventOrganizer).toBe("New team");
    const bad = await sb.call("PATCH", `${V3}/${e.objectId}`, {
      token: tok,
      body: { startDateTime: "2099-01-01T00:00:00Z", customProperties: [] },
    });
    expect(bad.status).toBe(400);
  });
});
