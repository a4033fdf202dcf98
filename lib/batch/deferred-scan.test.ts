import { describe, expect, it } from "vitest";
import type { BatchAdapter, UpdateOp } from "./adapter";
import type { BatchClient } from "./client";
import { READING_WHILE_PENDING } from "./deferred-scan";
import { runBatch } from "./engine";
import type { RateLimiter } from "./rate-limiter";
import type { RowOperation, SavedRecord } from "./types";

/**
 * When the deferred scan must NOT run, against an in-memory adapter with an indexed changedSince
 * that counts its calls (the sandbox tests in engine-indexed-scan.test.ts cover the scan itself).
 */
function fakeAdapter(o: { bumps: boolean; newest?: boolean; scanMs?: number }) {
  const records = new Map<string, SavedRecord>();
  for (let i = 0; i < 100; i++)
    records.set(String(i), { id: String(i), updatedAt: "2026-01-01T00:00:00.000Z", properties: { p: "old" } });
  const calls = { read: 0, update: 0, indexedStamp: 0, changedSince: 0, maxBusyWhilePending: 0 };
  // Batches between their read and the end of their write while no scan has answered.
  let busy = 0;
  let answered = false;
  let clock = Date.parse("2026-06-01T00:00:00.000Z");
  const adapter: BatchAdapter = {
    noun: "record",
    batchSize: 10,
    async read(_http, ids) {
      calls.read++;
      busy++;
      if (!answered) calls.maxBusyWhilePending = Math.max(calls.maxBusyWhilePending, busy);
      await new Promise((r) => setTimeout(r, 2));
      return new Map(ids.flatMap((id) => (records.has(id) ? [[id, records.get(id)!] as const] : [])));
    },
    async update(_http, ops: UpdateOp[]) {
      calls.update++;
      // A real wait, so that a scan started after the first batch would have its turn.
      await new Promise((r) => setTimeout(r, 5));
      const stamp = new Date(++clock).toISOString();
      const saved = new Map<string, SavedRecord>();
      for (const op of ops) {
        const rec = records.get(op.id)!;
        const next = {
          ...rec,
          properties: { ...rec.properties, ...op.properties },
          updatedAt: o.bumps ? stamp : rec.updatedAt,
        };
        records.set(op.id, next);
        saved.set(op.rowKey, next);
      }
      busy = Math.max(0, busy - 1);
      return { saved, failed: new Map(), unassigned: [] };
    },
    async create() {
      throw new Error("no creates");
    },
    async changedSince(_http, since, _ids, _props, call) {
      calls.changedSince++;
      if (o.scanMs) await new Promise((r) => setTimeout(r, o.scanMs));
      answered = true;
      return { changed: new Map(), coveredFrom: since, pages: 1, ...(o.newest ? { newest: call.until } : {}) };
    },
    changedSinceIndexed: { indexLagFloorMs: 0 },
    async indexedStamp(_http, id) {
      calls.indexedStamp++;
      return records.get(id)?.updatedAt;
    },
    describeError: (status, _body, message) => ({ category: "ERROR", message: `${status} ${message}` }),
  };
  return { adapter, calls };
}

const client: BatchClient = {
  request: async () => {
    throw new Error("the fake adapter sends nothing");
  },
  classifyFailure: () => undefined,
  backoff: () => 0,
};
const free: RateLimiter = { acquire: async () => {}, observe: () => {} };
const rows = (n: number): RowOperation[] =>
  Array.from({ length: n }, (_, i) => ({
    rowKey: `r${i}`,
    kind: "update",
    id: String(i),
    properties: { p: "mine" },
    baseline: { updatedAt: "2026-01-01T00:00:00.000Z", values: { p: "old" }, asOf: "2026-02-01T00:00:00.000Z" },
  }));

describe("the deferred scan is not run", () => {
  it("when no write moved a record's stamp: an unmoved stamp proves nothing about the index", async () => {
    const { adapter, calls } = fakeAdapter({ bumps: false });
    const out = await runBatch(rows(100), { adapter, client, limiter: free, searchLimiter: free, concurrency: 1 });
    expect(out.every((o) => o.status === "saved")).toBe(true);
    expect(calls).toMatchObject({ update: 10, read: 10, indexedStamp: 0, changedSince: 0 });
  });

  it("for a submission of 3 batches or fewer, nor without a search limiter", async () => {
    const small = fakeAdapter({ bumps: true });
    await runBatch(rows(30), { adapter: small.adapter, client, limiter: free, searchLimiter: free });
    expect(small.calls).toMatchObject({ update: 3, read: 3, indexedStamp: 0, changedSince: 0 });

    const unpaced = fakeAdapter({ bumps: true });
    await runBatch(rows(100), { adapter: unpaced.adapter, client, limiter: free });
    expect(unpaced.calls).toMatchObject({ update: 10, read: 10, indexedStamp: 0, changedSince: 0 });
  });
});

describe("the deferred scan, proving that search caught up", () => {
  /** The first batch's outcomes wait for the scan's report: the rest are decided by it. */
  async function gatedRun(adapter: BatchAdapter, concurrency: number) {
    let reported!: () => void;
    const scanned = new Promise<void>((r) => (reported = r));
    let first = true;
    return runBatch(rows(100), {
      adapter,
      client,
      limiter: free,
      searchLimiter: free,
      concurrency,
      onScan: () => reported(),
      onOutcomes: async () => {
        if (first) {
          first = false;
          await scanned;
        }
      },
    });
  }

  it("a scan that says search reached W is the proof itself: no poll, one scan", async () => {
    const { adapter, calls } = fakeAdapter({ bumps: true, newest: true });
    const out = await gatedRun(adapter, 1);
    expect(out.every((o) => o.status === "saved")).toBe(true);
    expect(calls).toMatchObject({ changedSince: 1, indexedStamp: 0, read: 1, update: 10 });
  });

  it("a scan that does not show W is not trusted: the probe is polled and the scan taken again", async () => {
    const { adapter, calls } = fakeAdapter({ bumps: true, newest: false });
    const out = await gatedRun(adapter, 1);
    expect(out.every((o) => o.status === "saved")).toBe(true);
    expect(calls).toMatchObject({ changedSince: 2, indexedStamp: 1, read: 1, update: 10 });
  });

  it("while the scan is pending at most two batches read, whatever the concurrency", async () => {
    const { adapter, calls } = fakeAdapter({ bumps: true, newest: true, scanMs: 40 });
    const out = await runBatch(rows(100), { adapter, client, limiter: free, searchLimiter: free, concurrency: 4 });
    expect(out.every((o) => o.status === "saved")).toBe(true);
    expect(READING_WHILE_PENDING).toBe(2);
    expect(calls.maxBusyWhilePending).toBe(2);
  });
});
