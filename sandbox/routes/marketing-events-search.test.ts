import { beforeEach, describe, expect, it } from "vitest";
import { CrmSearchResponseSchema } from "../../lib/hubspot/schemas/crm";
import { setupSandbox } from "./route-test-kit";

const S = "/crm/objects/2026-03/marketing_events/search";
const V2026 = "/marketing/marketing-events/2026-03";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let sb: ReturnType<typeof setupSandbox>;
let tok: string;
let events: any[];
beforeEach(async () => {
  sb = setupSandbox();
  tok = sb.token(["crm.objects.marketing_events.read", "crm.objects.marketing_events.write"]);
  events = await sb.records("marketing-events");
});

const changedAfter = (ms: number, extra: object = {}) => ({
  filterGroups: [{ filters: [{ propertyName: "hs_lastmodifieddate", operator: "GT", value: String(ms) }] }],
  sorts: [{ propertyName: "hs_lastmodifieddate", direction: "DESCENDING" }],
  limit: 200,
  ...extra,
});
const rename = (id: string, eventName: string) =>
  sb.call("POST", `${V2026}/batch/update`, {
    token: tok,
    body: { inputs: [{ objectId: id, eventName, customProperties: [] }] },
  });

describe("CRM search over marketing events", () => {
  it("finds events by last modified date, newest first, with ids = objectIds and HubSpot's shape", async () => {
    const start = Date.now();
    await rename(events[3].objectId, "Renamed A");
    await sleep(5);
    await rename(events[7].objectId, "Renamed B");
    const r = await sb.call("POST", S, { token: tok, body: changedAfter(start - 1) });
    expect(r.status).toBe(200);
    const body = CrmSearchResponseSchema.parse(r.body);
    expect(body.total).toBe(2);
    expect(body.results.map((x) => x.id)).toEqual([events[7].objectId, events[3].objectId]);
    const now = (await sb.call("GET", `${V2026}/${events[7].objectId}`, { token: tok })).body;
    expect(body.results[0]!.properties.hs_lastmodifieddate).toBe(now.updatedAt);
    expect(body.results[0]!.updatedAt).toBe(now.updatedAt);
    // The type id works as well as the name.
    const byId = await sb.call("POST", "/crm/objects/2026-03/0-54/search", {
      token: tok,
      body: changedAfter(start - 1),
    });
    expect(byId.body.total).toBe(2);
  });

  it("pages 200 at a time with an exact total and refuses more than 200 a page", async () => {
    const many = setupSandbox({ counts: { marketingEvents: 450 } });
    const t = many.token(["crm.objects.marketing_events.read"]);
    const p1 = await many.call("POST", S, { token: t, body: { limit: 200 } });
    expect(p1.body.total).toBe(450);
    expect(p1.body.results).toHaveLength(200);
    const p3 = await many.call("POST", S, { token: t, body: { limit: 200, after: "400" } });
    expect(p3.body.results).toHaveLength(50);
    expect(p3.body.paging).toBeUndefined();
    expect((await many.call("POST", S, { token: t, body: { limit: 201 } })).status).toBe(400);
  });

  it("answers 400 for a filter on a property it does not know, 403 without the events scope", async () => {
    const bad = await sb.call("POST", S, {
      token: tok,
      body: { filterGroups: [{ filters: [{ propertyName: "nope", operator: "EQ", value: "1" }] }] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.category).toBe("VALIDATION_ERROR");
    const other = sb.token(["crm.objects.contacts.read"]);
    expect((await sb.call("POST", S, { token: other, body: {} })).status).toBe(403);
  });

  it("trails writes by searchIndexDelayMs: the old stamp meanwhile, the new one after", async () => {
    await sb.call("POST", "/__sandbox/config", { body: { searchIndexDelayMs: 300 } });
    const id = events[5].objectId;
    const start = Date.now();
    await rename(id, "Late");
    const byId = {
      filterGroups: [{ filters: [{ propertyName: "hs_object_id", operator: "EQ", value: id }] }],
    };
    expect((await sb.call("POST", S, { token: tok, body: changedAfter(start - 1) })).body.total).toBe(0);
    const stale = await sb.call("POST", S, { token: tok, body: byId });
    expect(stale.body.results[0].updatedAt).toBe(events[5].updatedAt);
    await sleep(350);
    const fresh = await sb.call("POST", S, { token: tok, body: changedAfter(start - 1) });
    expect(fresh.body.results.map((x: any) => x.id)).toEqual([id]);
  });

  it("keeps a deleted event visible to search until the delay has passed", async () => {
    await sb.call("POST", "/__sandbox/config", { body: { searchIndexDelayMs: 300 } });
    const id = events[9].objectId;
    expect((await sb.call("DELETE", `${V2026}/${id}`, { token: tok })).status).toBe(204);
    const q = { filterGroups: [{ filters: [{ propertyName: "hs_object_id", operator: "EQ", value: id }] }] };
    expect((await sb.call("POST", S, { token: tok, body: q })).body.total).toBe(1);
    await sleep(350);
    expect((await sb.call("POST", S, { token: tok, body: q })).body.total).toBe(0);
  });
});
