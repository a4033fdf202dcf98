import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { BATCH_READ, CAMPAIGNS, sandboxKit, type SandboxKit, type StoredRecord } from "../../tests/support/sandbox-kit";
import type { RowOperation } from "../batch/types";
import { campaignBatchAdapter } from "./campaign-batch-adapter";

/**
 * The conflict scan reads the campaigns list sorted by -updatedAt, a sort HubSpot does not document
 * (issue 12, item 7). If the portal ignores it, or refuses it with a 400, the scan must not report
 * "nothing changed": every row is checked by a batch read before its write instead, and the log says so.
 */
let kit: SandboxKit;
beforeAll(async () => {
  kit = await sandboxKit({ campaigns: 150 });
});
afterAll(async () => kit?.close());
beforeEach(async () => {
  await kit.control("POST", "/__sandbox/config", { strict: { ignoreCampaignSort: false } });
  await kit.reset();
});

const newestOf = (recs: StoredRecord[]) =>
  recs.reduce((m, r) => (Date.parse(r.updatedAt) > Date.parse(m) ? r.updatedAt : m), recs[0]!.updatedAt);

/** Every record loaded (asOf = the newest), then another user edits one far down the createdAt order. */
async function loadThenEditInHubSpot() {
  const all = await kit.records();
  const asOf = newestOf(all);
  const theirs = all[120]!;
  await kit.run(campaignBatchAdapter, [
    { rowKey: "them", kind: "update", id: theirs.id, properties: { hs_notes: "theirs" } },
  ]);
  await kit.control("DELETE", "/__sandbox/requests");
  const ops: RowOperation[] = [all[0]!, theirs].map((r, i) => ({
    rowKey: `r${i}`,
    kind: "update",
    id: r.id,
    properties: { hs_notes: `mine ${i}` },
    baseline: { updatedAt: r.updatedAt, values: { ...r.properties }, asOf },
  }));
  return { ops, theirs };
}

describe("conflict scan when the list does not honour sort=-updatedAt", () => {
  it("a list answered in its own order is noticed: rows are batch-read, the change made in HubSpot is a conflict", async () => {
    await kit.control("POST", "/__sandbox/config", { strict: { ignoreCampaignSort: true } });
    const { ops, theirs } = await loadThenEditInHubSpot();
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const outcomes = await kit.run(campaignBatchAdapter, ops);
    expect(outcomes.map((o) => o.status)).toEqual(["saved", "conflict"]);
    expect((await kit.records()).find((r) => r.id === theirs.id)!.properties.hs_notes).toBe("theirs");
    expect(await kit.requests(BATCH_READ)).toHaveLength(1);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/not in descending updatedAt order/));
    warn.mockRestore();
  });

  it("a 400 for the sort: rows are batch-read before writing, and the log says why", async () => {
    const { ops, theirs } = await loadThenEditInHubSpot();
    await kit.faults({ method: "GET", path: CAMPAIGNS, status: 400 });
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const outcomes = await kit.run(campaignBatchAdapter, ops);
    expect(outcomes.map((o) => o.status)).toEqual(["saved", "conflict"]);
    expect((await kit.records()).find((r) => r.id === theirs.id)!.properties.hs_notes).toBe("theirs");
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/refused sort=-updatedAt \(HTTP 400/));
    warn.mockRestore();
  });

  it("when the list honours the sort, one scan decides and no batch read is needed", async () => {
    const { ops } = await loadThenEditInHubSpot();
    const outcomes = await kit.run(campaignBatchAdapter, ops);
    expect(outcomes.map((o) => o.status)).toEqual(["saved", "conflict"]);
    expect(await kit.requests(BATCH_READ)).toHaveLength(0);
    expect(await kit.requests(CAMPAIGNS, "GET")).toHaveLength(1);
  });
});
