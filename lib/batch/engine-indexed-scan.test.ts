import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { crmBatchAdapter } from "../hubspot/crm-batch-adapter";
import { inputsOf, sandboxKit, type SandboxKit, type StoredRecord } from "../../tests/support/sandbox-kit";
import type { ScanReport } from "./deferred-scan";
import { SlidingWindowLimiter } from "./rate-limiter";
import type { RowOperation, RowOutcome } from "./types";

/**
 * The deferred CRM scan (conflicts.ts, deferred-scan.ts) against a sandbox whose search trails
 * writes (`searchIndexDelayMs`). The safety half: a change made in HubSpot at the worst moment
 * (just before the submission, while search does not show it yet) is still a conflict.
 *
 * "Gated" runs hold the run after its first batch until the scan has reported (one batch at a
 * time), so the rows after it are decided by the scan whatever the machine's speed: it stands for a
 * submission long enough to outlast the wait for the index (the benchmark measures the real mix).
 */
const CONTACTS = "/crm/objects/2026-03/contacts";
const N = 3000;
let kit: SandboxKit;
beforeAll(async () => {
  kit = await sandboxKit({ campaigns: 0, counts: { contacts: N } });
});
afterAll(async () => kit?.close());
beforeEach(async () => kit.reset());

const adapter = crmBatchAdapter({ objectType: "contacts" });
const searchLimiter = () => new SlidingWindowLimiter({ limit: 5, windowMs: 1150 });
const indexDelay = (ms: number) => kit.control("POST", "/__sandbox/config", { searchIndexDelayMs: ms });
/** Another user editing in HubSpot: a plain write, no check. */
const editInHubSpot = (id: string, properties: Record<string, string>) =>
  kit.run(adapter, [{ rowKey: "them", kind: "update", id, properties }]);

/** The grid's load: asOf is the time before the records were read (same clock as the sandbox). */
async function load(n: number) {
  const asOf = new Date().toISOString();
  const records = (await kit.records("contacts")).slice(0, n);
  const ops: RowOperation[] = records.map((r, i) => ({
    rowKey: `r${i}`,
    kind: "update",
    id: r.id,
    properties: { jobtitle: `mine ${i}` },
    baseline: { updatedAt: r.updatedAt, values: { jobtitle: r.properties.jobtitle ?? null }, asOf },
  }));
  return { records, ops };
}

async function run(ops: RowOperation[], o: { gated?: boolean; concurrency?: number } = {}) {
  const reports: ScanReport[] = [];
  let reported!: () => void;
  const scanned = new Promise<void>((r) => (reported = r));
  let first = true;
  const outcomes = await kit.run(adapter, ops, {
    searchLimiter: searchLimiter(),
    concurrency: o.concurrency ?? (o.gated ? 1 : 4),
    onScan: (r) => {
      reports.push(r);
      reported();
    },
    onOutcomes: async () => {
      if (o.gated && first) {
        first = false;
        await scanned;
      }
    },
  });
  return { outcomes, reports };
}

const stored = async () => new Map((await kit.records("contacts")).map((r) => [r.id, r]));
/** Batch reads by the conflict check (a whole batch) and the scan's read of changed records (fewer). */
async function reads() {
  const all = (await kit.requests(`${CONTACTS}/batch/read`)).map((r) => inputsOf(r).map((i) => i.id!));
  return { batches: all.filter((ids) => ids.length === 100), scan: all.filter((ids) => ids.length < 100) };
}
const searches = async () =>
  (await kit.requests(`${CONTACTS}/search`)).map(
    (r) => (r.requestBody as { filterGroups: { filters: { propertyName: string }[] }[] }).filterGroups[0]!.filters,
  );
const statusOf = (outcomes: RowOutcome[], key: string) => outcomes.find((o) => o.rowKey === key)!.status;

describe("runBatch: the deferred scan on a lagging search index", () => {
  /** 500 rows loaded; someone changes the last one in HubSpot just before the gated run, search `delayMs` behind. */
  async function changedJustBefore(delayMs: number) {
    await indexDelay(delayMs);
    const { records, ops } = await load(500);
    const x: StoredRecord = records[499]!;
    await kit.control("DELETE", "/__sandbox/requests");
    await editInHubSpot(x.id, { jobtitle: "theirs" });
    return { records, x, ...(await run(ops, { gated: true })) };
  }

  it("(a) a change made just before the submission, not yet searchable, is a conflict for a row written after the scan", async () => {
    const { records, x, outcomes, reports } = await changedJustBefore(800);

    expect(reports).toMatchObject([{ outcome: "scanned", changed: 1 }]);
    expect(statusOf(outcomes, "r499")).toBe("conflict");
    expect(outcomes.filter((o) => o.status === "saved")).toHaveLength(499);
    const now = await stored();
    expect(now.get(x.id)!.properties.jobtitle).toBe("theirs");
    expect(now.get(records[498]!.id)!.properties.jobtitle).toBe("mine 498");
    // Only the first batch was read before its write; x's was decided by the scan (and its one read).
    const r = await reads();
    expect(r.batches).toHaveLength(1);
    expect(r.batches[0]).not.toContain(x.id);
    expect(r.scan).toEqual([[x.id]]);
  });

  it("(a2) search still behind when the first scan runs: that scan is not trusted, the change is still a conflict", async () => {
    // 2.5 s behind: the scan taken 1 s (the floor) after the first write cannot show it yet.
    const { x, outcomes, reports } = await changedJustBefore(2500);

    expect(reports).toMatchObject([{ outcome: "scanned", changed: 1 }]);
    expect(statusOf(outcomes, "r499")).toBe("conflict");
    expect((await stored()).get(x.id)!.properties.jobtitle).toBe("theirs");
    // A scan that came back behind, polls of the probe until it showed, then the scan that counted.
    const kinds = (await searches()).map((f) => f[0]!.propertyName);
    expect(kinds[0]).toBe("lastmodifieddate");
    expect(kinds.filter((k) => k === "hs_object_id").length).toBeGreaterThan(0);
    expect(kinds.at(-1)).toBe("lastmodifieddate");
  });

  it("(b) a change made after load and long since indexed is caught by the scan, with no read of its batch", async () => {
    await indexDelay(800);
    const { records, ops } = await load(500);
    const x = records[250]!;
    await editInHubSpot(x.id, { jobtitle: "theirs" });
    await new Promise((r) => setTimeout(r, 1200));
    await kit.control("DELETE", "/__sandbox/requests");
    const { outcomes } = await run(ops, { gated: true });

    expect(statusOf(outcomes, "r250")).toBe("conflict");
    expect((await stored()).get(x.id)!.properties.jobtitle).toBe("theirs");
    const r = await reads();
    expect(r.batches.flat()).not.toContain(x.id);
    expect(r.scan).toEqual([[x.id]]);
  });

  it("(c) search never catching up: everything is batch-read and the conflict is still caught", async () => {
    await indexDelay(120_000);
    const { records, ops } = await load(500);
    const x = records[499]!;
    await kit.control("DELETE", "/__sandbox/requests");
    await editInHubSpot(x.id, { jobtitle: "theirs" });
    const { outcomes, reports } = await run(ops);

    expect(reports.filter((r) => r.outcome === "scanned")).toEqual([]);
    expect(statusOf(outcomes, "r499")).toBe("conflict");
    expect((await stored()).get(x.id)!.properties.jobtitle).toBe("theirs");
    expect((await reads()).batches).toHaveLength(5);
    // Only probes of our own write were searched: no scan ran.
    expect((await searches()).every((f) => f[0]!.propertyName === "hs_object_id")).toBe(true);
  });

  it("(d) a change to a property the row does not write is not a conflict: both are kept", async () => {
    await indexDelay(800);
    const { records, ops } = await load(500);
    const x = records[499]!;
    await editInHubSpot(x.id, { firstname: "Theirs" });
    const { outcomes, reports } = await run(ops, { gated: true });

    expect(reports).toMatchObject([{ outcome: "scanned", changed: 1 }]);
    expect(statusOf(outcomes, "r499")).toBe("saved");
    expect((await stored()).get(x.id)!.properties).toMatchObject({ firstname: "Theirs", jobtitle: "mine 499" });
  });

  it("(e) 3,000 rows, no changes: 30 writes and a handful of reads and searches, not 60 requests", async () => {
    await indexDelay(800);
    const { ops } = await load(N);
    await kit.control("DELETE", "/__sandbox/requests");
    const { outcomes } = await run(ops, { gated: true, concurrency: 4 });

    expect(outcomes.every((o) => o.status === "saved")).toBe(true);
    const writes = await kit.requests(`${CONTACTS}/batch/update`);
    const r = await reads();
    const s = await searches();
    expect(writes).toHaveLength(30);
    // The batches in flight before the scan was ready (at most the concurrency) were read.
    expect(r.batches.length).toBeLessThanOrEqual(4);
    expect(r.scan).toEqual([]);
    expect(s.length).toBeLessThanOrEqual(6);
    expect(writes.length + r.batches.length + s.length).toBeLessThanOrEqual(40);
  });

  it("without a search limiter an indexed adapter is not scanned: every batch is read", async () => {
    const { ops } = await load(500);
    await kit.control("DELETE", "/__sandbox/requests");
    const outcomes = await kit.run(adapter, ops);
    expect(outcomes.every((o) => o.status === "saved")).toBe(true);
    expect((await reads()).batches).toHaveLength(5);
    expect(await searches()).toEqual([]);
  });
});
