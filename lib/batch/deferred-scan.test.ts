import { describe, expect, it } from "vitest";
import type { BatchAdapter, UpdateOp } from "./adapter";
import type { BatchClient } from "./client";
import { runBatch } from "./engine";
import type { RateLimiter } from "./rate-limiter";
import type { RowOperation, SavedRecord } from "./types";

/**
 * When the deferred scan must NOT run, against an in-memory adapter with an indexed changedSince
 * that counts its calls (the sandbox tests in engine-indexed-scan.test.ts cover the scan itself).
 */
function fakeAdapter(o: { bumps: boolean }) {
  const records = new Map<string, SavedRecord>();
  for (let i = 0; i < 100; i++)
    records.set(String(i), { id: String(i), updatedAt: "2026-01-01T00:00:00.000Z", properties: { p: "old" } });
  const calls = { read: 0, update: 0, indexedStamp: 0, changedSince: 0 };
  let clock = Date.parse("2026-06-01T00:00:00.000Z");
  const adapter: BatchAdapter = {
    noun: "record",
    batchSize: 10,
    async read(_http, ids) {
      calls.read++;
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
      return { saved, failed: new Map(), unassigned: [] };
    },
    async create() {
      throw new Error("no creates");
    },
    async changedSince() {
      calls.changedSince++;
      return { changed: new Map(), coveredFrom: undefined, pages: 1 };
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
