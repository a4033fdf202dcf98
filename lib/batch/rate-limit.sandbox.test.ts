import { afterAll, beforeAll, expect, it } from "vitest";
import { campaignBatchAdapter } from "../hubspot/campaign-batch-adapter";
import { runBatch } from "./engine";
import { SlidingWindowLimiter } from "./rate-limiter";
import { BATCH_UPDATE, byStatus, sandboxKit, type SandboxKit } from "../../tests/support/sandbox-kit";
import type { RowOperation } from "./types";

/**
 * HubSpot's real limit (110 requests / 10 s) against the default limiter (100 / 10 s) with 8
 * batches in flight: 115 write calls (more than HubSpot allows in one window) must all get through without a single 429. It has to outlast
 * one 10-second window, so this test takes ~10 s.
 */
let kit: SandboxKit;
beforeAll(async () => {
  kit = await sandboxKit({ campaigns: 115 * 50, rateLimit: 110 });
});
afterAll(async () => kit?.close());

it("the default limiter never lets the sandbox answer 429 under concurrency", { timeout: 30_000 }, async () => {
  const records = await kit.records();
  const ops: RowOperation[] = records.map((r, i) => ({
    rowKey: `r${i}`,
    kind: "update",
    id: r.id,
    properties: { hs_notes: "paced" },
  }));
  const outcomes = await runBatch(ops, {
    adapter: campaignBatchAdapter,
    client: kit.client(),
    limiter: new SlidingWindowLimiter(),
    concurrency: 8,
  });
  expect(byStatus(outcomes)).toEqual({ saved: 115 * 50 });
  const calls = await kit.requests(BATCH_UPDATE);
  expect(calls.filter((c) => c.status === 429)).toHaveLength(0);
  expect(calls).toHaveLength(115);
});
