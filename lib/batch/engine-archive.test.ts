import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { campaignBatchAdapter } from "../hubspot/campaign-batch-adapter";
import { crmBatchAdapter } from "../hubspot/crm-batch-adapter";
import { marketingEventBatchAdapter } from "../hubspot/marketing-event-batch-adapter";
import { byStatus, CAMPAIGNS, inputsOf, sandboxKit, type SandboxKit } from "../../tests/support/sandbox-kit";
import type { RowOperation, RowOutcome } from "./types";

/**
 * Archive rows (a revert archives the records a submission created): chunked by the batch size,
 * checked for changes since the baseline by a read just before, refused where the resource has no
 * archive. What HubSpot holds is read from /__sandbox/records.
 */
let kit: SandboxKit;
beforeAll(async () => {
  kit = await sandboxKit({ campaigns: 120, counts: { contacts: 30, marketingEvents: 5 } });
});
afterAll(async () => kit?.close());
beforeEach(async () => kit.reset());

const outcome = (os: RowOutcome[], rowKey: string) => os.find((o) => o.rowKey === rowKey)!;
const ARCHIVE = `${CAMPAIGNS}/batch/archive`;

describe("runBatch: archives", () => {
  it("archives 60 campaigns in batches of 50; a record changed since its baseline is a conflict and stays", async () => {
    const records = (await kit.records()).slice(0, 60);
    const ops: RowOperation[] = records.map((r, i) => ({
      rowKey: `a${i}`,
      kind: "archive",
      id: r.id,
      properties: {},
      baseline: { updatedAt: r.updatedAt, values: {} },
    }));
    // Someone edits the 4th one in HubSpot after the baseline was taken.
    await kit.run(campaignBatchAdapter, [
      { rowKey: "x", kind: "update", id: records[3]!.id, properties: { hs_notes: "edited since" } },
    ]);
    // The 6th is forced: archived whatever happened to it.
    await kit.run(campaignBatchAdapter, [
      { rowKey: "y", kind: "update", id: records[5]!.id, properties: { hs_notes: "edited too" } },
    ]);
    ops[5] = { ...(ops[5] as Extract<RowOperation, { kind: "archive" }>), force: true };

    const outcomes = await kit.run(campaignBatchAdapter, ops);
    expect(byStatus(outcomes)).toEqual({ saved: 59, conflict: 1 });
    expect(outcome(outcomes, "a3")).toMatchObject({ status: "conflict", current: { id: records[3]!.id } });
    const calls = await kit.requests(ARCHIVE);
    expect(calls.map((c) => inputsOf(c).length).sort((a, b) => b - a)).toEqual([49, 10]); // the conflict (4th row) is left out of the first batch
    const left = new Set((await kit.records()).map((r) => r.id));
    expect(records.filter((r) => left.has(r.id)).map((r) => r.id)).toEqual([records[3]!.id]);
  });

  it("archives CRM records by id; the same record twice is archived once", async () => {
    const contacts = (await kit.records("contacts")).slice(0, 3);
    const ops: RowOperation[] = [
      ...contacts.map((c, i): RowOperation => ({ rowKey: `c${i}`, kind: "archive", id: c.id, properties: {} })),
      { rowKey: "dup", kind: "archive", id: contacts[0]!.id, properties: {} },
    ];
    const outcomes = await kit.run(crmBatchAdapter({ objectType: "contacts" }), ops);
    expect(byStatus(outcomes)).toEqual({ saved: 3, failed: 1 });
    expect(outcome(outcomes, "dup")).toMatchObject({ status: "failed", error: { code: "DUPLICATE_ROW" } });
    const left = new Set((await kit.records("contacts")).map((r) => r.id));
    expect(contacts.some((c) => left.has(c.id))).toBe(false);
  });

  it("refuses archive rows where the resource cannot archive, before sending anything", async () => {
    const [event] = await kit.records<{ objectId: string }>("marketing-events");
    const outcomes = await kit.run(marketingEventBatchAdapter({ apiVersion: "2026-03" }), [
      { rowKey: "e", kind: "archive", id: event!.objectId, properties: {} },
    ]);
    expect(outcomes).toMatchObject([{ status: "failed", error: { code: "ARCHIVE_NOT_SUPPORTED" } }]);
    expect(await kit.records("marketing-events")).toHaveLength(5);
  });
});
