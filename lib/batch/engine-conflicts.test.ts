import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { campaignBatchAdapter } from "../hubspot/campaign-batch-adapter";
import { runBatch } from "./engine";
import { BATCH_READ, BATCH_UPDATE, CAMPAIGNS, byStatus, noSleep, sandboxKit, type SandboxKit, type StoredRecord } from "./testing/sandbox-kit";
import type { RowBaseline, RowOperation, RowOutcome } from "./types";

/** Conflict detection: rows edited in HubSpot since they were loaded are not overwritten. */
let kit: SandboxKit;
beforeAll(async () => { kit = await sandboxKit(); });
afterAll(async () => kit?.close());
beforeEach(async () => kit.reset());

const run = (ops: RowOperation[]) => runBatch(ops, { adapter: campaignBatchAdapter, client: kit.client(), limiter: kit.limiter(), sleep: noSleep });
const baselineOf = (r: StoredRecord): RowBaseline => ({ updatedAt: r.updatedAt, values: { ...r.properties } });
/** Another user editing in HubSpot: a plain write without a baseline. */
const editInHubSpot = (id: string, properties: Record<string, string>) => run([{ rowKey: "them", kind: "update", id, properties }]);

describe("runBatch: conflicts", () => {
  it("a property changed in HubSpot since load is a conflict, not overwritten; `force` overwrites", async () => {
    const [a, b, c, d] = await kit.records();
    const loaded = [a!, b!, c!, d!].map(baselineOf);
    await editInHubSpot(a!.id, { hs_notes: "theirs" });
    await editInHubSpot(c!.id, { hs_audience: "their audience" }); // a column row c does not write
    await editInHubSpot(d!.id, { hs_notes: "same as mine" }); // the very same change

    const outcomes = await run([
      { rowKey: "a", kind: "update", id: a!.id, properties: { hs_notes: "mine" }, baseline: loaded[0] },
      { rowKey: "b", kind: "update", id: b!.id, properties: { hs_notes: "mine" }, baseline: loaded[1] },
      { rowKey: "c", kind: "update", id: c!.id, properties: { hs_notes: "mine" }, baseline: loaded[2] },
      { rowKey: "d", kind: "update", id: d!.id, properties: { hs_notes: "same as mine" }, baseline: loaded[3] },
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(["conflict", "saved", "saved", "saved"]);
    const conflict = outcomes[0] as Extract<RowOutcome, { status: "conflict" }>;
    expect(conflict.current).toMatchObject({ id: a!.id, properties: { hs_notes: "theirs" } });
    const stored = new Map((await kit.records()).map((r) => [r.id, r]));
    expect(stored.get(a!.id)!.properties.hs_notes).toBe("theirs");
    expect(stored.get(c!.id)!.properties).toMatchObject({ hs_notes: "mine", hs_audience: "their audience" });
    // Only the non-conflicting rows were written, after one batch read.
    const reads = await kit.requests(BATCH_READ);
    expect(reads).toHaveLength(1);
    expect(reads[0]!.query.properties).toBe("hs_notes");

    const forced = await run([{ rowKey: "a", kind: "update", id: a!.id, properties: { hs_notes: "mine" }, baseline: loaded[0], force: true }]);
    expect(forced[0]!.status).toBe("saved");
    expect((await kit.records()).find((r) => r.id === a!.id)!.properties.hs_notes).toBe("mine");
  });

  it("a value emptied in HubSpot conflicts with a baseline that had one (null, missing and \"\" are equal)", async () => {
    const rec = (await kit.records()).find((r) => r.properties.hs_audience)!;
    const baseline = baselineOf(rec);
    await editInHubSpot(rec.id, { hs_audience: "" });
    const [o] = await run([{ rowKey: "x", kind: "update", id: rec.id, properties: { hs_audience: "new" }, baseline }]);
    expect(o!.status).toBe("conflict");
    // Unchanged empty value: batch read omits it, the baseline has null → no conflict.
    const [o2] = await run([{ rowKey: "y", kind: "update", id: rec.id, properties: { hs_audience: "new" }, baseline: { updatedAt: "x", values: { hs_audience: null } } }]);
    expect(o2!.status).toBe("saved");
  });

  it("a campaign archived since load fails with OBJECT_NOT_FOUND; the others are written", async () => {
    const recs = (await kit.records()).slice(0, 3);
    await kit.client().request(`${CAMPAIGNS}/${recs[1]!.id}`, { method: "DELETE" }); // archived by someone else
    const outcomes = await run(recs.map((r, i) => ({ rowKey: `r${i}`, kind: "update", id: r.id, properties: { hs_notes: "n" }, baseline: baselineOf(r) })));
    expect(outcomes.map((o) => o.status)).toEqual(["saved", "failed", "saved"]);
    expect(outcomes[1]).toMatchObject({ error: { category: "OBJECT_NOT_FOUND" } });
    expect(byStatus(outcomes)).toEqual({ saved: 2, failed: 1 });
    expect((await kit.requests(BATCH_UPDATE)).flatMap((c) => (c.requestBody as { inputs: { id: string }[] }).inputs.map((i) => i.id))).not.toContain(recs[1]!.id);
  });
});
