import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  BATCH_CREATE,
  BATCH_UPDATE,
  byStatus,
  sandboxKit,
  type SandboxKit,
  type StoredRecord,
} from "../../tests/support/sandbox-kit";
import type { RowOperation, RowOutcome } from "../batch/types";
import { campaignBatchAdapter } from "./campaign-batch-adapter";
import { crmBatchAdapter } from "./crm-batch-adapter";
import { marketingEventBatchAdapter } from "./marketing-event-batch-adapter";
import { listMarketingEvents } from "./marketing-events";

/**
 * Answers shaped as real HubSpot sends them (issue 12, item 6): the sandbox applies the write, then
 * answers with a body of the test's making (`when: "after"`, `body`). One odd item never decides the
 * batch: rows HubSpot saved read saved, an error item without `errors[]`/`links` still fails its own
 * row, and an answer that cannot be read at all is confirmed by reading before anything is resent.
 */
let kit: SandboxKit;
beforeAll(async () => {
  kit = await sandboxKit({ campaigns: 20, counts: { contacts: 10, marketingEvents: 10 } });
});
afterAll(async () => kit?.close());
beforeEach(async () => kit.reset());

const byRow = (outcomes: RowOutcome[]) => new Map(outcomes.map((o) => [o.rowKey, o]));
const updatesOf = (recs: StoredRecord[], tag: string): RowOperation[] =>
  recs.map((r, i) => ({ rowKey: `r${i}`, kind: "update", id: r.id, properties: { hs_notes: `${tag} ${i}` } }));
const stamp = "2026-12-01T10:00:00.000Z";

describe("campaign batch update answers", () => {
  it("odd items: extra fields, null values, an error item without errors[]/links, an unreadable result", async () => {
    const recs = (await kit.records()).slice(0, 5);
    const ops = updatesOf(recs, "lenient");
    const result = (r: StoredRecord, i: number) => ({
      id: r.id,
      properties: { hs_notes: `lenient ${i}`, hs_goal: null },
      createdAt: stamp,
      updatedAt: stamp,
      businessUnits: [{ id: 0 }],
      somethingNew: { x: 1 },
    });
    const body = {
      status: "COMPLETE",
      startedAt: stamp,
      completedAt: stamp,
      numErrors: 1,
      brandNewField: true,
      results: [
        result(recs[0]!, 0),
        result(recs[1]!, 1),
        result(recs[2]!, 2),
        { id: recs[3]!.id, properties: "not an object" },
      ],
      errors: [
        {
          status: "error",
          category: "VALIDATION_ERROR",
          message: "Property values were not valid",
          context: { ids: [recs[4]!.id] },
        },
      ],
    };
    await kit.faults({ method: "POST", path: BATCH_UPDATE, when: "after", status: 207, body });
    const outcomes = byRow(await kit.run(campaignBatchAdapter, ops));
    for (const k of ["r0", "r1", "r2"])
      expect(outcomes.get(k)).toMatchObject({
        status: "saved",
        record: { properties: { hs_notes: expect.stringMatching(/^lenient/) } },
      });
    // The unreadable item's row: HubSpot holds the values sent, confirmed by one read, not resent.
    expect(outcomes.get("r3")).toMatchObject({
      status: "saved",
      record: { id: recs[3]!.id, properties: { hs_notes: "lenient 3" } },
    });
    expect(outcomes.get("r4")).toMatchObject({
      status: "failed",
      error: { category: "VALIDATION_ERROR", message: expect.stringContaining("Property values were not valid") },
    });
    expect(await kit.requests(BATCH_UPDATE)).toHaveLength(1);
  });

  it("an answer that cannot be read at all: every row is confirmed by reading, none resent", async () => {
    const recs = (await kit.records()).slice(5, 9);
    const ops = updatesOf(recs, "unreadable");
    await kit.faults({ method: "POST", path: BATCH_UPDATE, when: "after", status: 200, body: "<html>gateway</html>" });
    const outcomes = await kit.run(campaignBatchAdapter, ops);
    expect(byStatus(outcomes)).toEqual({ saved: 4 });
    expect(await kit.requests(BATCH_UPDATE)).toHaveLength(1);
  });
});

describe("campaign batch create answers", () => {
  it("an unreadable answer to a create: looked up by name, never created twice", async () => {
    const ops: RowOperation[] = Array.from({ length: 3 }, (_, i) => ({
      rowKey: `c${i}`,
      kind: "create",
      properties: { hs_name: `Odd answer launch ${i}` },
    }));
    await kit.faults({ method: "POST", path: BATCH_CREATE, when: "after", status: 201, body: { surprise: true } });
    expect(byStatus(await kit.run(campaignBatchAdapter, ops))).toEqual({ saved: 3 });
    const names = (await kit.records()).map((r) => r.properties.hs_name);
    for (const op of ops) expect(names.filter((n) => n === op.properties.hs_name)).toHaveLength(1);
    expect(await kit.requests(BATCH_CREATE)).toHaveLength(1);
  });
});

describe("CRM batch update answers", () => {
  it("a 207 whose error item lacks errors[] and links, and a result with properties: null", async () => {
    const path = "/crm/objects/2026-03/contacts/batch/update";
    const recs = (await kit.records("contacts")).slice(0, 3);
    const ops: RowOperation[] = recs.map((r, i) => ({
      rowKey: `k${i}`,
      kind: "update",
      id: r.id,
      properties: { jobtitle: `Lenient ${i}` },
    }));
    const body = {
      status: "COMPLETE",
      startedAt: stamp,
      completedAt: stamp,
      results: [
        {
          id: recs[0]!.id,
          properties: { jobtitle: "Lenient 0", hs_lastmodifieddate: null },
          createdAt: stamp,
          updatedAt: stamp,
          archived: false,
          objectWriteTraceId: "k0",
        },
        {
          id: recs[1]!.id,
          properties: null,
          createdAt: stamp,
          updatedAt: stamp,
          archived: false,
          objectWriteTraceId: "k1",
        },
      ],
      errors: [
        {
          status: "error",
          category: "VALIDATION_ERROR",
          message: "Property values were not valid",
          context: { objectWriteTraceId: ["k2"] },
        },
      ],
    };
    await kit.faults({ method: "POST", path, when: "after", status: 207, body });
    const outcomes = byRow(await kit.run(crmBatchAdapter({ objectType: "contacts" }), ops));
    expect(outcomes.get("k0")).toMatchObject({ status: "saved" });
    expect(outcomes.get("k1")).toMatchObject({ status: "saved", record: { id: recs[1]!.id } });
    expect(outcomes.get("k2")).toMatchObject({ status: "failed", error: { category: "VALIDATION_ERROR" } });
  });
});

describe("marketing events with null values", () => {
  type Event = { objectId: string; eventName: string; updatedAt: string; createdAt: string };
  it("a list page whose events carry null fields and null custom values is read, nulls as no value", async () => {
    const events = await kit.records<Event>("marketing-events");
    const body = {
      results: events.slice(0, 2).map((e) => ({
        ...e,
        eventDescription: null,
        eventUrl: null,
        eventCancelled: null,
        customProperties: [{ name: "region", value: null }],
      })),
    };
    await kit.faults({ method: "GET", path: "/marketing/marketing-events/2026-03", status: 200, body });
    const page = await listMarketingEvents(kit.client());
    expect(page.results.map((e) => [e.objectId, e.eventDescription])).toEqual([
      [events[0]!.objectId, null],
      [events[1]!.objectId, null],
    ]);
  });

  it("a 207 update answer with null fields and an error item without errors[]/links: each row its own outcome", async () => {
    const events = (await kit.records<Event>("marketing-events")).slice(0, 2);
    const ops: RowOperation[] = events.map((e, i) => ({
      rowKey: `e${i}`,
      kind: "update",
      id: e.objectId,
      properties: { eventOrganizer: `Org ${i}` },
    }));
    const body = {
      status: "COMPLETE",
      startedAt: stamp,
      completedAt: stamp,
      results: [{ ...events[0], eventOrganizer: "Org 0", eventDescription: null, customProperties: [] }],
      errors: [
        {
          status: "error",
          category: "VALIDATION_ERROR",
          message: "Invalid input",
          context: { ids: [events[1]!.objectId] },
        },
      ],
    };
    await kit.faults({
      method: "POST",
      path: "/marketing/marketing-events/2026-03/batch/update",
      when: "after",
      status: 207,
      body,
    });
    const outcomes = byRow(await kit.run(marketingEventBatchAdapter({ apiVersion: "2026-03" }), ops));
    expect(outcomes.get("e0")).toMatchObject({
      status: "saved",
      record: { properties: { eventOrganizer: "Org 0", eventDescription: null } },
    });
    expect(outcomes.get("e1")).toMatchObject({ status: "failed", error: { category: "VALIDATION_ERROR" } });
  });
});
