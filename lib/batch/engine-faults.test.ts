import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { campaignBatchAdapter } from "../hubspot/campaign-batch-adapter";
import type { RunBatchOptions } from "./engine";
import {
  BATCH_CREATE,
  BATCH_UPDATE,
  CAMPAIGNS,
  byStatus,
  inputsOf,
  sandboxKit,
  type SandboxKit,
  loseFirstAnswer,
} from "../../tests/support/sandbox-kit";
import type { RowOperation, RowOutcome } from "./types";

/**
 * Retries and lost answers. Every row must be written exactly once: the sandbox's request log is
 * the witness (successful writes per id / name), and its records are the truth.
 */
let kit: SandboxKit;
beforeAll(async () => {
  kit = await sandboxKit();
});
afterAll(async () => kit?.close());
beforeEach(async () => kit.reset());

const run = (ops: RowOperation[], extra: Partial<RunBatchOptions> = {}) => kit.run(campaignBatchAdapter, ops, extra);

async function updates(n: number): Promise<RowOperation[]> {
  return (await kit.records())
    .slice(0, n)
    .map((r, i) => ({ rowKey: `r${i}`, kind: "update", id: r.id, properties: { hs_notes: `retry ${i}` } }));
}
const creates = (n: number, prefix: string): RowOperation[] =>
  Array.from({ length: n }, (_, i) => ({ rowKey: `c${i}`, kind: "create", properties: { hs_name: `${prefix} ${i}` } }));

async function expectWrittenOnce(ids: string[]) {
  const written = (await kit.requests(BATCH_UPDATE))
    .filter((c) => c.status === 200 || c.status === 207)
    .flatMap(inputsOf)
    .map((i) => i.id);
  expect(written.sort()).toEqual([...ids].sort());
}
async function expectEachNameOnce(names: string[]) {
  const stored = (await kit.records()).map((r) => r.properties.hs_name);
  for (const name of names)
    expect(
      stored.filter((s) => s === name),
      name,
    ).toHaveLength(1);
}

describe("runBatch: retries", () => {
  it("a burst of 429s is retried; every row saved exactly once", async () => {
    const ops = await updates(120);
    await kit.faults({ method: "POST", path: BATCH_UPDATE, status: 429, times: 5 });
    const outcomes = await run(ops);
    expect(byStatus(outcomes)).toEqual({ saved: 120 });
    await expectWrittenOnce(ops.map((o) => (o as { id: string }).id));
    expect((await kit.requests(BATCH_UPDATE)).filter((c) => c.status === 429)).toHaveLength(5);
  });

  it("502s on updates are retried (idempotent); every row saved exactly once", async () => {
    const ops = await updates(60);
    await kit.faults({ method: "POST", path: BATCH_UPDATE, status: 502, times: 3 });
    const outcomes = await run(ops);
    expect(byStatus(outcomes)).toEqual({ saved: 60 });
    await expectWrittenOnce(ops.map((o) => (o as { id: string }).id));
  });

  it("a batch that keeps failing yields failed rows with a clear error, not an exception", async () => {
    const ops = await updates(3);
    await kit.faults({ method: "POST", path: BATCH_UPDATE, status: 429, times: 50 });
    const outcomes = await run(ops, { maxAttempts: 3 });
    expect(outcomes.map((o) => o.status)).toEqual(["failed", "failed", "failed"]);
    expect((outcomes[0] as Extract<RowOutcome, { status: "failed" }>).error).toMatchObject({
      category: "RATE_LIMIT",
      message: expect.stringMatching(/^HubSpot is busy \(rate limit\)/),
    });
  });
});

describe("runBatch: creates are never sent twice for one row", () => {
  it("create batch answered 502 before being applied: names looked up, then sent again once", async () => {
    const ops = creates(12, "Lost 502");
    await kit.faults({ method: "POST", path: BATCH_CREATE, status: 502, times: 1 });
    const outcomes = await run(ops);
    expect(byStatus(outcomes)).toEqual({ saved: 12 });
    await expectEachNameOnce(ops.map((o) => o.properties.hs_name!));
    expect((await kit.requests(CAMPAIGNS, "GET")).map((r) => r.query.name).sort()).toEqual(
      ops.map((o) => o.properties.hs_name!.toLowerCase()).sort(),
    );
    expect((await kit.requests(BATCH_CREATE)).map((c) => c.status)).toEqual([502, 201]);
  });

  it("connection reset on create: looked up, then sent again once", async () => {
    const ops = creates(5, "Reset");
    await kit.faults({ method: "POST", path: BATCH_CREATE, reset: true, times: 1 });
    const outcomes = await run(ops);
    expect(byStatus(outcomes)).toEqual({ saved: 5 });
    await expectEachNameOnce(ops.map((o) => o.properties.hs_name!));
  });

  it("create applied by HubSpot but the answer lost (reset after the write): found by name, never resent", async () => {
    const ops = [
      ...creates(6, "Applied"),
      {
        rowKey: "bad",
        kind: "create",
        properties: { hs_name: "Applied bad", hs_start_date: "2026-13-45" },
      } as RowOperation,
    ];
    const losing = loseFirstAnswer("/batch/create");
    const outcomes = await run(ops, { client: kit.client(losing) });

    expect(outcomes.map((o) => o.status)).toEqual([...Array(6).fill("saved"), "failed"]);
    await expectEachNameOnce(ops.slice(0, 6).map((o) => o.properties.hs_name!));
    const stored = new Map((await kit.records()).map((r) => [r.properties.hs_name, r.id]));
    outcomes
      .slice(0, 6)
      .forEach((o, i) => expect(o.status === "saved" && o.record.id).toBe(stored.get(`Applied ${i}`)));
    // Only the row that was not created (invalid) is sent again, and fails with HubSpot's reason.
    expect((await kit.requests(BATCH_CREATE)).map((c) => inputsOf(c).map((i) => i.properties.hs_name))).toEqual([
      ops.map((o) => o.properties.hs_name),
      ["Applied bad"],
    ]);
    expect(outcomes[6]).toMatchObject({
      error: { code: "INVALID_DATE_PROPERTY", message: "Start date must be a date like 2026-03-31, not “2026-13-45”." },
    });
  });

  it("resuming a run: creates that may have been sent already are looked up, not resent", async () => {
    const ops = creates(3, "Resumed");
    await run(ops.slice(0, 2)); // the earlier run, interrupted before it could record outcomes
    await kit.control("DELETE", "/__sandbox/requests");
    const outcomes = await run(ops, { maybeSent: new Set(["c0", "c1", "c2"]) });
    expect(byStatus(outcomes)).toEqual({ saved: 3 });
    expect((await kit.requests(BATCH_CREATE)).flatMap(inputsOf).map((i) => i.properties.hs_name)).toEqual([
      "Resumed 2",
    ]);
    await expectEachNameOnce(ops.map((o) => o.properties.hs_name!));
  });

  it("create whose existence cannot be checked fails as UNKNOWN_OUTCOME instead of being resent", async () => {
    const ops = creates(2, "Unknowable");
    await kit.faults(
      { method: "POST", path: BATCH_CREATE, status: 503, times: 1 },
      { method: "GET", path: CAMPAIGNS, status: 500, times: 100 },
    );
    const outcomes = await run(ops, { maxAttempts: 2 });
    expect(outcomes.map((o) => o.status)).toEqual(["failed", "failed"]);
    expect(outcomes[0]).toMatchObject({ error: { category: "UNKNOWN_OUTCOME" } });
    expect(await kit.requests(BATCH_CREATE)).toHaveLength(1);
    await kit.control("DELETE", "/__sandbox/faults");
  });
});
