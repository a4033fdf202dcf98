import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { byStatus, sandboxKit, type SandboxKit } from "../../tests/support/sandbox-kit";
import type { RowOperation, RowOutcome } from "../batch/types";
import { eventRequestError } from "./marketing-event-batch-errors";
import { eventRowValues, eventUpdateInput } from "./marketing-event-fields";
import { marketingEventBatchAdapter } from "./marketing-event-batch-adapter";
import type { MarketingEvent } from "./schemas/marketing-events";

/**
 * What only marketing events do, on both API versions: the row → event input mapping (standard
 * fields, custom properties, the cancelled flag), rows refused before sending (creates, bad dates
 * and URLs), HubSpot's end-before-start in plain words, and the conflict read without a batch read.
 */
let kit: SandboxKit;
beforeAll(async () => {
  kit = await sandboxKit({ campaigns: 0, counts: { marketingEvents: 30 } });
});
afterAll(async () => kit?.close());
beforeEach(async () => kit.reset());

const events = () => kit.records<MarketingEvent>("marketing-events");
const errorOf = (o: RowOutcome | undefined) => (o as Extract<RowOutcome, { status: "failed" }>).error;

describe("eventUpdateInput", () => {
  it("known keys go to the top level (the flag as a boolean), other keys to customProperties", () => {
    expect(eventUpdateInput("7", { eventName: "Summit", eventCancelled: "TRUE", region: "EMEA" })).toEqual({
      objectId: "7",
      eventName: "Summit",
      eventCancelled: true,
      customProperties: [{ name: "region", value: "EMEA" }],
    });
    expect(eventUpdateInput("7", {})).toEqual({ objectId: "7", customProperties: [] });
  });
});

describe.each([
  {
    apiVersion: "2026-03" as const,
    base: "/marketing/marketing-events/2026-03",
    list: "/marketing/marketing-events/2026-03",
  },
  { apiVersion: "v3" as const, base: "/marketing/v3/marketing-events", list: "/marketing/marketing-events/v3" },
])("marketing events $apiVersion", ({ apiVersion, base, list }) => {
  const run = (ops: RowOperation[]) => kit.run(marketingEventBatchAdapter({ apiVersion }), ops);

  it("writes standard fields, the cancelled flag and custom properties where HubSpot keeps them", async () => {
    const [a] = await events();
    const [o] = await run([
      {
        rowKey: "a",
        kind: "update",
        id: a!.objectId,
        properties: { eventName: "Renamed", eventCancelled: "true", language: "pt", budget_code: "B-7" },
      },
    ]);
    expect(o).toMatchObject({
      status: "saved",
      record: {
        id: a!.objectId,
        properties: { eventName: "Renamed", eventCancelled: "true", language: "pt", budget_code: "B-7" },
      },
    });
    const stored = (await events()).find((e) => e.objectId === a!.objectId)!;
    expect(stored).toMatchObject({ eventName: "Renamed", eventCancelled: true });
    expect(eventRowValues(stored)).toMatchObject({
      region: a!.customProperties.find((p) => p.name === "region")!.value,
      language: "pt",
      budget_code: "B-7",
    });
    const [call] = await kit.requests(`${base}/batch/update`);
    expect((call!.requestBody as { inputs: unknown[] }).inputs).toEqual([
      {
        objectId: a!.objectId,
        eventName: "Renamed",
        eventCancelled: true,
        customProperties: [
          { name: "language", value: "pt" },
          { name: "budget_code", value: "B-7" },
        ],
      },
    ]);
  });

  it("refuses creates and values HubSpot would reject before sending; the valid rows still go", async () => {
    const [a, b] = await events();
    const outcomes = await run([
      { rowKey: "new", kind: "create", properties: { eventName: "Brand new" } },
      { rowKey: "date", kind: "update", id: a!.objectId, properties: { startDateTime: "31/03/2026 09:00" } },
      { rowKey: "url", kind: "update", id: a!.objectId, properties: { eventUrl: "zoom.us/j/1" } },
      { rowKey: "flag", kind: "update", id: a!.objectId, properties: { eventCancelled: "yes" } },
      {
        rowKey: "window",
        kind: "update",
        id: a!.objectId,
        properties: { startDateTime: "2026-05-02T09:00:00Z", endDateTime: "2026-05-01T09:00:00Z" },
      },
      { rowKey: "ro", kind: "update", id: a!.objectId, properties: { attendees: "12" } },
      { rowKey: "ok", kind: "update", id: b!.objectId, properties: { eventUrl: "https://example.com/summit" } },
    ]);
    expect(outcomes.map((o) => o.status)).toEqual([
      "failed",
      "failed",
      "failed",
      "failed",
      "failed",
      "failed",
      "saved",
    ]);
    expect(outcomes.slice(0, 6).map((o) => [errorOf(o).code, errorOf(o).message])).toEqual([
      ["CREATE_NOT_SUPPORTED", expect.stringMatching(/^New marketing events can't be added here/)],
      [
        "INVALID_DATE_TIME",
        "Start date and time must be a date and time with a time zone, like 2026-03-31T09:00:00Z, not “31/03/2026 09:00”.",
      ],
      ["INVALID_URL", "Event URL must be a full web address starting with https:// or http://, not “zoom.us/j/1”."],
      ["INVALID_BOOLEAN", "Cancelled must be true or false, not “yes”."],
      [
        "END_BEFORE_START",
        "The event can't end before it starts (ends 2026-05-01T09:00:00Z, starts 2026-05-02T09:00:00Z). Change the start or the end date.",
      ],
      ["READ_ONLY_VALUE", "Attendees is set by HubSpot and can't be changed."],
    ]);
    const calls = await kit.requests(`${base}/batch/update`);
    expect(
      calls.map((c) => (c.requestBody as { inputs: { objectId: string }[] }).inputs.map((i) => i.objectId)),
    ).toEqual([[b!.objectId]]);
  });

  it("an end before the stored start comes back from HubSpot (207) in plain words", async () => {
    const [a] = await events();
    const [o] = await run([
      { rowKey: "a", kind: "update", id: a!.objectId, properties: { endDateTime: "2001-01-01T00:00:00Z" } },
    ]);
    expect(errorOf(o)).toMatchObject({
      category: "VALIDATION_ERROR",
      code: "END_BEFORE_START",
      property: "endDateTime",
      message: `The event can't end before it starts (ends 2001-01-01T00:00:00Z, starts ${a!.startDateTime}). Change the start or the end date.`,
    });
  });

  it("conflict check without a batch read: one by one for a few rows, the list for many", async () => {
    const all = await events();
    const baseline = (e: MarketingEvent) => ({ updatedAt: e.updatedAt, values: eventRowValues(e) });
    const few = await run(
      all.slice(0, 3).map((e, i) => ({
        rowKey: `f${i}`,
        kind: "update",
        id: e.objectId,
        properties: { eventOrganizer: `Org ${i}` },
        baseline: baseline(e),
      })),
    );
    expect(byStatus(few)).toEqual({ saved: 3 });
    const gets = await kit.control<{ path: string }[]>(
      "GET",
      `/__sandbox/requests?method=GET&path=${encodeURIComponent(`${base}/`)}`,
    );
    expect(gets.map((r) => r.path).sort()).toEqual(
      all
        .slice(0, 3)
        .map((e) => `${base}/${e.objectId}`)
        .sort(),
    );

    await kit.control("DELETE", "/__sandbox/requests");
    const many = await run(
      all.slice(0, 25).map((e, i) => ({
        rowKey: `m${i}`,
        kind: "update",
        id: e.objectId,
        properties: { eventOrganizer: `Other ${i}` },
        baseline: baseline(e),
      })),
    );
    // The first three changed since `all` was loaded (by the run above): conflicts; the rest saved.
    expect(byStatus(many)).toEqual({ conflict: 3, saved: 22 });
    const reads = await kit.requests(list, "GET");
    expect(reads.filter((r) => r.path === list).map((r) => r.query.limit)).toEqual(["100"]);
  });

  it("rows loaded with asOf are checked by one pass over the list for the whole submission", async () => {
    await kit.control("POST", "/__sandbox/reset", { campaigns: 0, marketingEvents: 250 });
    const all = await events();
    const asOf = all.reduce((m, e) => (Date.parse(e.updatedAt) > Date.parse(m) ? e.updatedAt : m), all[0]!.updatedAt);
    // Someone edits one event in HubSpot after the grid loaded it.
    await kit.run(marketingEventBatchAdapter({ apiVersion }), [
      { rowKey: "x", kind: "update", id: all[7]!.objectId, properties: { eventOrganizer: "Theirs" } },
    ]);
    await kit.control("DELETE", "/__sandbox/requests");
    const out = await run(
      all.map((e, i) => ({
        rowKey: `r${i}`,
        kind: "update",
        id: e.objectId,
        properties: { eventOrganizer: `Mine ${i}` },
        baseline: { updatedAt: e.updatedAt, values: { eventOrganizer: e.eventOrganizer ?? null }, asOf },
      })),
    );
    expect(byStatus(out)).toEqual({ conflict: 1, saved: 249 });
    expect(out.find((o) => o.rowKey === "r7")?.status).toBe("conflict");
    // 3 list pages for 250 events, once; not 3 per batch of 100 (9), and 3 writes.
    expect((await kit.requests(list, "GET")).length).toBe(3);
    expect((await kit.requests(`${base}/batch/update`)).length).toBe(3);
  });
});

describe("eventRequestError", () => {
  it("words a whole-batch 400 about a date field", () => {
    const e = eventRequestError(
      400,
      {
        category: "VALIDATION_ERROR",
        message: "Invalid input JSON",
        errors: [{ message: "Invalid ISO datetime", in: "inputs.0.startDateTime" }],
      },
      "x",
    );
    expect(e).toMatchObject({
      category: "VALIDATION_ERROR",
      message: "HubSpot could not read Start date and time: use a date and time like 2026-03-31T09:00:00Z.",
    });
  });
});
