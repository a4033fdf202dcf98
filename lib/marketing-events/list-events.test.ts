import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sandboxKit, type SandboxKit } from "../../tests/support/sandbox-kit";
import type { MarketingEvent } from "../hubspot/schemas/marketing-events";
import type { RecordPage } from "../records/page";
import { listMarketingEventsPage } from "./list-events";

/** 130 events: a full page of 100, then 30 and no cursor. */
let kit: SandboxKit;
let stored: Map<string, MarketingEvent>;
beforeAll(async () => {
  kit = await sandboxKit({ campaigns: 0, counts: { marketingEvents: 130 } });
  stored = new Map((await kit.records<MarketingEvent>("marketing-events")).map((e) => [e.objectId, e]));
});
afterAll(async () => kit?.close());

describe("listMarketingEventsPage", () => {
  it.each(["2026-03", "v3"] as const)("pages through every event as flat rows (%s)", async (apiVersion) => {
    const first = await listMarketingEventsPage(kit.client(), { apiVersion });
    expect(first.rows).toHaveLength(100);
    expect(first.total).toBeNull();
    expect(first.nextAfter).toEqual(expect.any(String));
    const second = await listMarketingEventsPage(kit.client(), { apiVersion, after: first.nextAfter! });
    expect(second.rows).toHaveLength(30);
    expect(second.nextAfter).toBeNull();

    const rows = [...first.rows, ...second.rows];
    expect(new Set(rows.map((r) => r.id))).toEqual(new Set(stored.keys()));
    for (const row of rows) expectRowOf(row, stored.get(row.id)!);

    const path = apiVersion === "v3" ? "/marketing/marketing-events/v3" : "/marketing/marketing-events/2026-03";
    const sent = (await kit.requests(path, "GET")).slice(-2).map((r) => r.query.after);
    expect(sent).toEqual([undefined, first.nextAfter]);
  });

  it("shows a counter HubSpot left out as null, and a custom property added later", async () => {
    const [e] = stored.values();
    await kit.faults({
      method: "GET",
      path: "/marketing/marketing-events/2026-03",
      status: 200,
      body: {
        results: [
          {
            ...e,
            registrants: undefined,
            eventStatus: "ENDED",
            customProperties: [{ name: "venue_size", value: "120" }],
          },
        ],
      },
    });
    const page = await listMarketingEventsPage(kit.client(), { apiVersion: "2026-03" });
    expect(page.rows[0]!.properties).toMatchObject({ registrants: null, eventStatus: "ENDED", venue_size: "120" });
    expect(page.rows[0]!.properties).not.toHaveProperty("region");
    expect(page.nextAfter).toBeNull();
  });
});

function expectRowOf(row: RecordPage["rows"][number], e: MarketingEvent) {
  expect(row.createdAt).toBe(e.createdAt);
  expect(row.updatedAt).toBe(e.updatedAt);
  const p = row.properties;
  expect(p.eventName).toBe(e.eventName);
  expect(p.startDateTime).toBe(e.startDateTime);
  expect(p.eventCancelled).toBe(String(e.eventCancelled));
  expect(p.eventCompleted).toBe(String(e.eventCompleted));
  expect(p.registrants).toBe(String(e.registrants));
  expect(p.attendees).toBe(String(e.attendees));
  // Custom properties sit beside the standard fields, by their own names.
  for (const c of e.customProperties) expect(p[c.name]).toBe(c.value);
  expect(p.region).toEqual(expect.any(String));
  expect(p).not.toHaveProperty("customProperties");
}
