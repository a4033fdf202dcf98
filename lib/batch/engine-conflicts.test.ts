import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { campaignBatchAdapter } from "../hubspot/campaign-batch-adapter";

import {
  BATCH_READ,
  BATCH_UPDATE,
  CAMPAIGNS,
  byStatus,
  sandboxKit,
  type SandboxKit,
  type StoredRecord,
} from "../../tests/support/sandbox-kit";
import type { RowBaseline, RowOperation, RowOutcome } from "./types";

/** Conflict detection: rows edited in HubSpot since they were loaded are not overwritten. */
let kit: SandboxKit;
beforeAll(async () => {
  kit = await sandboxKit();
});
afterAll(async () => kit?.close());
beforeEach(async () => kit.reset());

const run = (ops: RowOperation[]) => kit.run(campaignBatchAdapter, ops);
const baselineOf = (r: StoredRecord): RowBaseline => ({ updatedAt: r.updatedAt, values: { ...r.properties } });
/** Another user editing in HubSpot: a plain write without a baseline. */
const editInHubSpot = (id: string, properties: Record<string, string>) =>
  run([{ rowKey: "them", kind: "update", id, properties }]);

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

    const forced = await run([
      { rowKey: "a", kind: "update", id: a!.id, properties: { hs_notes: "mine" }, baseline: loaded[0], force: true },
    ]);
    expect(forced[0]!.status).toBe("saved");
    expect((await kit.records()).find((r) => r.id === a!.id)!.properties.hs_notes).toBe("mine");
  });

  it('a value emptied in HubSpot conflicts with a baseline that had one (null, missing and "" are equal)', async () => {
    const rec = (await kit.records()).find((r) => r.properties.hs_audience)!;
    const baseline = baselineOf(rec);
    await editInHubSpot(rec.id, { hs_audience: "" });
    const [o] = await run([{ rowKey: "x", kind: "update", id: rec.id, properties: { hs_audience: "new" }, baseline }]);
    expect(o!.status).toBe("conflict");
    // Unchanged empty value: batch read omits it, the baseline has null → no conflict.
    const [o2] = await run([
      {
        rowKey: "y",
        kind: "update",
        id: rec.id,
        properties: { hs_audience: "new" },
        baseline: { updatedAt: "x", values: { hs_audience: null } },
      },
    ]);
    expect(o2!.status).toBe("saved");
  });

  it("a campaign archived since load fails with OBJECT_NOT_FOUND; the others are written", async () => {
    const recs = (await kit.records()).slice(0, 3);
    await kit.client().request(`${CAMPAIGNS}/${recs[1]!.id}`, { method: "DELETE" }); // archived by someone else
    const outcomes = await run(
      recs.map((r, i) => ({
        rowKey: `r${i}`,
        kind: "update",
        id: r.id,
        properties: { hs_notes: "n" },
        baseline: baselineOf(r),
      })),
    );
    expect(outcomes.map((o) => o.status)).toEqual(["saved", "failed", "saved"]);
    expect(outcomes[1]).toMatchObject({ error: { category: "OBJECT_NOT_FOUND" } });
    expect(byStatus(outcomes)).toEqual({ saved: 2, failed: 1 });
    expect(
      (await kit.requests(BATCH_UPDATE)).flatMap((c) =>
        (c.requestBody as { inputs: { id: string }[] }).inputs.map((i) => i.id),
      ),
    ).not.toContain(recs[1]!.id);
  });
});

/** The newest updatedAt among the loaded records: what the grid sends as `asOf` once the list has loaded. */
const newestOf = (recs: StoredRecord[]) =>
  recs.reduce((m, r) => (Date.parse(r.updatedAt) > Date.parse(m) ? r.updatedAt : m), recs[0]!.updatedAt);
const loadedAsOf = (r: StoredRecord, asOf: string): RowBaseline => ({ ...baselineOf(r), asOf });
const clearLog = () => kit.control("DELETE", "/__sandbox/requests");
const listScans = () => kit.requests(CAMPAIGNS, "GET");

describe("runBatch: conflicts with asOf (one scan of the records changed since load)", () => {
  it("decides every row from one list request: a row changed since load is a conflict and not written; the others are written with no batch read", async () => {
    const all = await kit.records();
    const asOf = newestOf(all);
    const rows = all.slice(0, 60); // more than one batch of 50
    const [a, , c, d] = rows;
    await editInHubSpot(a!.id, { hs_notes: "theirs" });
    await editInHubSpot(c!.id, { hs_audience: "their audience" }); // a column the row does not write
    await editInHubSpot(d!.id, { hs_notes: "same as mine" }); // the very same change
    await clearLog();

    const outcomes = await run(
      rows.map((r, i) => ({
        rowKey: `r${i}`,
        kind: "update",
        id: r.id,
        properties: { hs_notes: i === 3 ? "same as mine" : `mine ${i}` },
        baseline: loadedAsOf(r, asOf),
      })),
    );
    expect(byStatus(outcomes)).toEqual({ conflict: 1, saved: 59 });
    expect(outcomes[0]).toMatchObject({
      status: "conflict",
      current: { id: a!.id, properties: { hs_notes: "theirs" } },
    });

    expect(await kit.requests(BATCH_READ)).toHaveLength(0);
    const scans = await listScans();
    expect(scans).toHaveLength(1);
    expect(scans[0]!.query).toMatchObject({ sort: "-updatedAt", limit: "100", properties: "hs_notes" });
    const written = (await kit.requests(BATCH_UPDATE)).flatMap((r) =>
      (r.requestBody as { inputs: { id: string }[] }).inputs.map((i) => i.id),
    );
    expect(written).toHaveLength(59);
    expect(written).not.toContain(a!.id);
    const stored = new Map((await kit.records()).map((r) => [r.id, r]));
    expect(stored.get(a!.id)!.properties.hs_notes).toBe("theirs");
    expect(stored.get(c!.id)!.properties).toMatchObject({ hs_notes: "mine 2", hs_audience: "their audience" });
    expect(stored.get(rows[59]!.id)!.properties.hs_notes).toBe("mine 59");
  });

  it("a row saved earlier carries its saved updatedAt as asOf: a later HubSpot change is still a conflict", async () => {
    const [r] = await kit.records();
    const first = (
      await run([
        {
          rowKey: "x",
          kind: "update",
          id: r!.id,
          properties: { hs_notes: "mine 1" },
          baseline: loadedAsOf(r!, newestOf(await kit.records())),
        },
      ])
    )[0]!;
    if (first.status !== "saved") throw new Error(first!.status);
    const rebased: RowBaseline = {
      updatedAt: first.record.updatedAt,
      asOf: first.record.updatedAt,
      values: { hs_notes: "mine 1" },
    };
    await editInHubSpot(r!.id, { hs_notes: "theirs" });
    await clearLog();
    const [o] = await run([
      { rowKey: "x", kind: "update", id: r!.id, properties: { hs_notes: "mine 2" }, baseline: rebased },
    ]);
    expect(o).toMatchObject({ status: "conflict", current: { properties: { hs_notes: "theirs" } } });
    expect(await listScans()).toHaveLength(1);
    expect(await kit.requests(BATCH_UPDATE)).toHaveLength(0);
  });

  it("falls back to batch reads when more changed since asOf than batch reads would cost to check", async () => {
    const all = await kit.records();
    const asOf = newestOf(all);
    // 150 campaigns edited in HubSpot since the load: the scan would need 2 pages for 2 rows (1 batch read).
    const edited = all.slice(0, 150);
    await run(
      edited.map((r, i) => ({ rowKey: `them${i}`, kind: "update", id: r.id, properties: { hs_notes: `theirs ${i}` } })),
    );
    await clearLog();
    const [x, y] = [all[0]!, all[200]!];
    const outcomes = await run([
      { rowKey: "x", kind: "update", id: x.id, properties: { hs_notes: "mine" }, baseline: loadedAsOf(x, asOf) },
      { rowKey: "y", kind: "update", id: y.id, properties: { hs_notes: "mine" }, baseline: loadedAsOf(y, asOf) },
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(["conflict", "saved"]);
    expect(await listScans()).toHaveLength(1); // stopped at ceil(2 / 50) = 1 page
    const reads = await kit.requests(BATCH_READ);
    expect(reads.map((r) => (r.requestBody as { inputs: { id: string }[] }).inputs.map((i) => i.id))).toEqual([
      [x.id, y.id],
    ]);
    expect((await kit.records()).find((r) => r.id === x.id)!.properties.hs_notes).toBe("theirs 0");
  });

  it("rows without asOf keep the batch read; forced rows are neither scanned nor read", async () => {
    const all = await kit.records();
    const asOf = newestOf(all);
    const [a, b, c, d, e] = all;
    await editInHubSpot(b!.id, { hs_notes: "theirs b" });
    await editInHubSpot(d!.id, { hs_notes: "theirs d" });
    await clearLog();
    const outcomes = await run([
      { rowKey: "a", kind: "update", id: a!.id, properties: { hs_notes: "mine" }, baseline: loadedAsOf(a!, asOf) },
      { rowKey: "b", kind: "update", id: b!.id, properties: { hs_notes: "mine" }, baseline: loadedAsOf(b!, asOf) },
      { rowKey: "c", kind: "update", id: c!.id, properties: { hs_notes: "mine" }, baseline: baselineOf(c!) },
      { rowKey: "d", kind: "update", id: d!.id, properties: { hs_notes: "mine" }, baseline: baselineOf(d!) },
      {
        rowKey: "e",
        kind: "update",
        id: e!.id,
        properties: { hs_notes: "mine" },
        baseline: loadedAsOf(e!, asOf),
        force: true,
      },
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(["saved", "conflict", "saved", "conflict", "saved"]);
    expect(await listScans()).toHaveLength(1);
    const reads = await kit.requests(BATCH_READ);
    expect(reads.map((r) => (r.requestBody as { inputs: { id: string }[] }).inputs.map((i) => i.id))).toEqual([
      [c!.id, d!.id],
    ]);
  });

  it("a scan that does not get through decides nothing: the rows are batch-read", async () => {
    const all = await kit.records();
    const [a, b] = all;
    await editInHubSpot(a!.id, { hs_notes: "theirs" });
    await clearLog();
    await kit.faults({ method: "GET", path: CAMPAIGNS, status: 500, times: 6 });
    const outcomes = await run(
      [a!, b!].map((r, i) => ({
        rowKey: `r${i}`,
        kind: "update",
        id: r.id,
        properties: { hs_notes: "mine" },
        baseline: loadedAsOf(r, newestOf(all)),
      })),
    );
    expect(outcomes.map((o) => o.status)).toEqual(["conflict", "saved"]);
    expect(await listScans()).toHaveLength(6);
    expect(await kit.requests(BATCH_READ)).toHaveLength(1);
  });

  it("a list that shrinks while it is paged (an archive can move a record past the cursor) vouches for nothing", async () => {
    const { campaignsChangedSince } = await import("../hubspot/campaign-batch-adapter");
    const rec = (id: string, updatedAt: string) => ({
      id,
      updatedAt,
      createdAt: updatedAt,
      properties: {},
      businessUnits: [],
    });
    const pages = [
      {
        total: 300,
        results: [rec("1", "2026-03-02T00:00:03Z"), rec("2", "2026-03-02T00:00:02Z")],
        paging: { next: { after: "2" } },
      },
      { total: 299, results: [rec("3", "2026-03-01T00:00:00Z")] },
    ];
    const http = { request: async () => pages.shift() } as unknown as Parameters<typeof campaignsChangedSince>[0];
    const r = await campaignsChangedSince(http, "2026-03-02T00:00:00Z", ["1", "3"], ["hs_notes"], { maxPages: 5 });
    expect(r.coveredFrom).toBeUndefined();
    expect([...r.changed.keys()]).toEqual(["1"]);
  });
});
