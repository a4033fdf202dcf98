import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { campaignBatchAdapter } from "../hubspot/campaign-batch-adapter";
import type { RunBatchOptions } from "./engine";
import {
  BATCH_CREATE,
  BATCH_UPDATE,
  byStatus,
  inputsOf,
  sandboxKit,
  type SandboxKit,
} from "../../tests/support/sandbox-kit";
import type { RateLimiter } from "./rate-limiter";
import type { RowOperation, RowOutcome } from "./types";

/**
 * The engine against a real sandbox: chunking, 207 correlation, unordered create results and
 * whole-batch 400 isolation. What HubSpot holds is checked in /__sandbox/records, not taken from
 * the engine's word.
 */
let kit: SandboxKit;
beforeAll(async () => {
  kit = await sandboxKit();
});
afterAll(async () => kit?.close());
beforeEach(async () => kit.reset());

const run = (ops: RowOperation[], extra: Partial<RunBatchOptions> = {}) => kit.run(campaignBatchAdapter, ops, extra);
const outcome = (os: RowOutcome[], rowKey: string) => os.find((o) => o.rowKey === rowKey)!;

describe("runBatch: updates", () => {
  it("chunks 120 updates into 3 batch calls of at most 50 and saves every row", async () => {
    const records = (await kit.records()).slice(0, 120);
    const ops: RowOperation[] = records.map((r, i) => ({
      rowKey: `r${i}`,
      kind: "update",
      id: r.id,
      properties: { hs_notes: `note ${i}` },
    }));
    const emitted: RowOutcome[] = [];
    const saving: string[] = [];
    const outcomes = await run(ops, {
      onOutcomes: (o) => void emitted.push(...o),
      onSaving: (k) => void saving.push(...k),
    });

    expect(outcomes.map((o) => o.rowKey)).toEqual(ops.map((o) => o.rowKey));
    expect(byStatus(outcomes)).toEqual({ saved: 120 });
    expect(emitted).toHaveLength(120);
    expect(new Set(saving).size).toBe(120);
    const calls = await kit.requests(BATCH_UPDATE);
    expect(calls.map((c) => inputsOf(c).length).sort((a, b) => b - a)).toEqual([50, 50, 20]);
    // Only changed properties are sent.
    expect(calls.flatMap(inputsOf).every((i) => Object.keys(i.properties).join() === "hs_notes")).toBe(true);
    const stored = new Map((await kit.records()).map((r) => [r.id, r]));
    records.forEach((r, i) => {
      expect(stored.get(r.id)!.properties.hs_notes).toBe(`note ${i}`);
      const o = outcome(outcomes, `r${i}`);
      expect(o.status === "saved" && o.record.updatedAt).toBe(stored.get(r.id)!.updatedAt);
    });
  });

  it("207: fails only the rows HubSpot names, with a marketer-friendly message; saves the rest", async () => {
    const records = (await kit.records()).slice(0, 10);
    const ops: RowOperation[] = records.map((r, i) => ({
      rowKey: `r${i}`,
      kind: "update",
      id: r.id,
      properties: { hs_audience: `aud ${i}` },
    }));
    ops[3] = {
      rowKey: "r3",
      kind: "update",
      id: records[3]!.id,
      properties: { hs_start_date: "2026-03-31T10:00:00Z" },
    };
    ops[5] = {
      rowKey: "r5",
      kind: "update",
      id: "00000000-0000-4000-a000-000000000000",
      properties: { hs_audience: "x" },
    };
    ops[7] = {
      rowKey: "r7",
      kind: "update",
      id: records[7]!.id,
      properties: { hs_name: records[8]!.properties.hs_name! },
    };
    const outcomes = await run(ops);

    expect(byStatus(outcomes)).toEqual({ saved: 7, failed: 3 });
    expect(outcome(outcomes, "r3")).toMatchObject({
      status: "failed",
      error: {
        category: "VALIDATION_ERROR",
        code: "INVALID_DATE_PROPERTY",
        property: "hs_start_date",
        message: "Start date must be a date like 2026-03-31, not a date and time.",
      },
    });
    expect(outcome(outcomes, "r5")).toMatchObject({ status: "failed", error: { category: "OBJECT_NOT_FOUND" } });
    expect(outcome(outcomes, "r7")).toMatchObject({
      status: "failed",
      error: {
        category: "CONFLICT",
        code: "DUPLICATE_CAMPAIGN_NAME",
        message: `Another campaign is already called “${records[8]!.properties.hs_name}”.`,
      },
    });
    const raw = (outcome(outcomes, "r3") as Extract<RowOutcome, { status: "failed" }>).error.raw as {
      context: { ids: string[] };
    };
    expect(raw.context.ids).toEqual([records[3]!.id]);
    const stored = new Map((await kit.records()).map((r) => [r.id, r]));
    for (const i of [0, 1, 2, 4, 6, 8, 9]) expect(stored.get(records[i]!.id)!.properties.hs_audience).toBe(`aud ${i}`);
    expect(stored.get(records[3]!.id)!.properties.hs_start_date).toBe(records[3]!.properties.hs_start_date);
  });

  it("a whole batch rejected with 400: binary split isolates the bad row, every valid row is saved", async () => {
    const records = (await kit.records()).slice(0, 10);
    const ops: RowOperation[] = records.map((r, i) => ({
      rowKey: `r${i}`,
      kind: "update",
      id: r.id,
      properties: { hs_notes: `n${i}` },
    }));
    // A non-string value makes HubSpot reject the whole request (an upload could carry one).
    ops[6] = { rowKey: "r6", kind: "update", id: records[6]!.id, properties: { hs_notes: 42 as unknown as string } };
    const outcomes = await run(ops);

    expect(byStatus(outcomes)).toEqual({ saved: 9, failed: 1 });
    const bad = outcome(outcomes, "r6") as Extract<RowOutcome, { status: "failed" }>;
    expect(bad.error.category).toBe("VALIDATION_ERROR");
    expect(bad.error.message).toMatch(/^HubSpot rejected this campaign: Invalid input/);
    const calls = await kit.requests(BATCH_UPDATE);
    const ok = calls
      .filter((c) => c.status === 200)
      .flatMap(inputsOf)
      .map((i) => i.id);
    expect(ok.sort()).toEqual(
      records
        .filter((_, i) => i !== 6)
        .map((r) => r.id)
        .sort(),
    );
    expect(calls.length).toBeLessThanOrEqual(1 + 2 * Math.ceil(Math.log2(10)));
  });

  it("a whole-batch 400 injected once (HubSpot-shaped) is split and resent; nothing is lost", async () => {
    const records = (await kit.records()).slice(0, 8);
    await kit.faults({
      method: "POST",
      path: BATCH_UPDATE,
      status: 400,
      times: 1,
      body: { status: "error", category: "VALIDATION_ERROR", message: "Invalid input JSON", correlationId: "c1" },
    });
    const outcomes = await run(
      records.map((r, i) => ({ rowKey: `r${i}`, kind: "update", id: r.id, properties: { hs_notes: "split" } })),
    );
    expect(byStatus(outcomes)).toEqual({ saved: 8 });
    expect((await kit.requests(BATCH_UPDATE)).map((c) => inputsOf(c).length)).toEqual([8, 4, 4]);
  });

  it("two rows for the same campaign: the first is sent, the second fails up front", async () => {
    const [r] = await kit.records();
    const outcomes = await run([
      { rowKey: "a", kind: "update", id: r!.id, properties: { hs_notes: "first" } },
      { rowKey: "b", kind: "update", id: r!.id, properties: { hs_notes: "second" } },
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(["saved", "failed"]);
    expect(outcome(outcomes, "b")).toMatchObject({ error: { code: "DUPLICATE_ROW" } });
  });
});

describe("runBatch: a run's last sends", () => {
  it("are marked `ending` once no more batches wait to start than are in flight, and only then", async () => {
    const records = (await kit.records()).slice(0, 300);
    const ops: RowOperation[] = records.map((r, i) => ({
      rowKey: `r${i}`,
      kind: "update",
      id: r.id,
      properties: { hs_notes: `last ${i}` },
    }));
    const inner = kit.limiter();
    const asked: boolean[] = [];
    const limiter: RateLimiter = {
      acquire: (signal, kind, how) => (asked.push(how?.ending === true), inner.acquire(signal, kind, how)),
      observe: (res) => inner.observe(res),
    };
    const outcomes = await run(ops, { limiter, concurrency: 2 });
    expect(byStatus(outcomes)).toEqual({ saved: 300 });
    // 6 batches, 2 at a time: the first 3 start while more than 2 wait; the last 3 are the run's end.
    expect(asked).toEqual([false, false, false, true, true, true]);
  });
});

describe("runBatch: cancelling", () => {
  it("a cancelled submission still returns one outcome per row, and sends nothing more", async () => {
    const records = (await kit.records()).slice(0, 3);
    const ac = new AbortController();
    ac.abort();
    const outcomes = await run(
      records.map((r, i) => ({ rowKey: `r${i}`, kind: "update", id: r.id, properties: { hs_notes: "x" } })),
      { signal: ac.signal },
    );
    expect(outcomes).toMatchObject(records.map(() => ({ status: "failed", error: { category: "CANCELLED" } })));
    expect(await kit.requests(BATCH_UPDATE)).toHaveLength(0);
    expect(await run([])).toEqual([]);
  });
});

describe("runBatch: creates", () => {
  it("maps shuffled create results back to rows by name", async () => {
    const ops: RowOperation[] = Array.from({ length: 60 }, (_, i) => ({
      rowKey: `c${i}`,
      kind: "create",
      properties: { hs_name: `Created ${i}`, hs_notes: `body ${i}` },
    }));
    const outcomes = await run(ops);
    expect(byStatus(outcomes)).toEqual({ saved: 60 });
    const stored = new Map((await kit.records()).map((r) => [r.id, r]));
    outcomes.forEach((o, i) => {
      if (o.status !== "saved") throw new Error(o.status);
      expect(o.record.properties.hs_name).toBe(`Created ${i}`);
      expect(stored.get(o.record.id)!.properties).toMatchObject({ hs_name: `Created ${i}`, hs_notes: `body ${i}` });
    });
    expect((await kit.requests(BATCH_CREATE)).map((c) => inputsOf(c).length)).toEqual([50, 10]);
  });

  it("207 on create: errors are matched by name; a nameless row gets the lone unmatched error", async () => {
    const [existing] = await kit.records();
    const outcomes = await run([
      { rowKey: "ok", kind: "create", properties: { hs_name: "Fresh one" } },
      { rowKey: "dup", kind: "create", properties: { hs_name: ` ${existing!.properties.hs_name!.toUpperCase()} ` } },
      { rowKey: "date", kind: "create", properties: { hs_name: "Dated", hs_end_date: "31/03/2026" } },
      { rowKey: "noname", kind: "create", properties: { hs_notes: "who am I" } },
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(["saved", "failed", "failed", "failed"]);
    expect(outcome(outcomes, "dup")).toMatchObject({ error: { code: "DUPLICATE_CAMPAIGN_NAME" } });
    expect(outcome(outcomes, "date")).toMatchObject({
      error: { message: "End date must be a date like 2026-03-31, not “31/03/2026”." },
    });
    expect(outcome(outcomes, "noname")).toMatchObject({
      error: { code: "REQUIRED_PROPERTY", message: "A campaign needs a name." },
    });
  });

  it("several nameless creates share HubSpot's (identical) error instead of an unknown outcome", async () => {
    const outcomes = await run([
      { rowKey: "a", kind: "create", properties: { hs_notes: "1" } },
      { rowKey: "b", kind: "create", properties: { hs_name: "  " } },
      { rowKey: "ok", kind: "create", properties: { hs_name: "Named" } },
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(["failed", "failed", "saved"]);
    expect(outcomes[0]).toMatchObject({ error: { code: "REQUIRED_PROPERTY" } });
  });
});
