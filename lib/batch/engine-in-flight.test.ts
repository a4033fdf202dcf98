import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { campaignBatchAdapter } from "../hubspot/campaign-batch-adapter";
import {
  BATCH_READ,
  BATCH_UPDATE,
  byStatus,
  inputsOf,
  sandboxKit,
  type SandboxKit,
} from "../../tests/support/sandbox-kit";
import type { RowOperation, RowOutcome } from "./types";

/**
 * Durability of a run (issue 11, item 5): each batch's answer reaches the caller in one call, and
 * is recorded before the batch's slot takes the next one; rows that were in flight when a worker
 * died ("saving") are read before anything is re-sent, updates as well as creates.
 */
let kit: SandboxKit;
beforeAll(async () => {
  kit = await sandboxKit({ campaigns: 200 });
});
afterAll(async () => kit?.close());
beforeEach(async () => kit.reset());

describe("runBatch: in-flight rows and recording", () => {
  it("in-flight updates are read first: those HubSpot already holds are saved without a write, the rest are sent once", async () => {
    const records = (await kit.records()).slice(0, 60);
    const ops: RowOperation[] = records.map((r, i) => ({
      rowKey: `r${i}`,
      kind: "update",
      id: r.id,
      properties: { hs_notes: `in flight ${i}` },
      baseline: { updatedAt: r.updatedAt, values: { hs_notes: r.properties.hs_notes ?? null }, asOf: r.updatedAt },
    }));
    // The dead worker's first batch (rows 0–29) reached HubSpot; its answer was never recorded.
    const landed = await kit.run(campaignBatchAdapter, ops.slice(0, 30));
    expect(byStatus(landed)).toEqual({ saved: 30 });
    await kit.control("DELETE", "/__sandbox/requests");

    const maybeSent = new Set(ops.slice(0, 45).map((o) => o.rowKey)); // 0–44 were "saving"
    const outcomes = await kit.run(campaignBatchAdapter, ops, { maybeSent });
    // Old behaviour: the in-flight rows went through the conflict check, which took our own earlier
    // write for someone else's change (30 conflicts), or were sent again blindly.
    expect(byStatus(outcomes)).toEqual({ saved: 60 });
    const written = (await kit.requests(BATCH_UPDATE))
      .filter((r) => r.status === 200 || r.status === 207)
      .flatMap(inputsOf)
      .map((i) => i.id);
    expect(written.sort()).toEqual(
      records
        .slice(30)
        .map((r) => r.id)
        .sort(),
    );
    expect((await kit.requests(BATCH_READ)).length).toBeGreaterThan(0);
    const now = new Map((await kit.records()).map((r) => [r.id, r]));
    records.forEach((r, i) => expect(now.get(r.id)!.properties.hs_notes).toBe(`in flight ${i}`));
  });

  it("hands each batch's answer over in one call, and a batch ends only once its outcomes are recorded", async () => {
    const records = (await kit.records()).slice(0, 200);
    const ops: RowOperation[] = records.map((r, i) => ({
      rowKey: `r${i}`,
      kind: "update",
      id: r.id,
      properties: { hs_notes: `batched ${i}` },
    }));
    const calls: number[] = [];
    let recording = 0;
    let startedWhileRecording = 0;
    const outcomes = await kit.run(campaignBatchAdapter, ops, {
      concurrency: 1,
      onSaving: () => {
        if (recording) startedWhileRecording++;
      },
      onOutcomes: async (list: RowOutcome[]) => {
        recording++;
        calls.push(list.length);
        await new Promise((r) => setTimeout(r, 30)); // a slow database
        recording--;
      },
    });
    expect(byStatus(outcomes)).toEqual({ saved: 200 });
    // Four batches of 50: four calls of 50, not 200 calls of one.
    expect(calls).toEqual([50, 50, 50, 50]);
    // With one batch in flight, no write starts while the previous answer is still being recorded.
    expect(startedWhileRecording).toBe(0);
  });
});
