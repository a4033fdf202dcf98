import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { campaignBatchAdapter } from "../hubspot/campaign-batch-adapter";
import { crmBatchAdapter } from "../hubspot/crm-batch-adapter";
import { marketingEventBatchAdapter } from "../hubspot/marketing-event-batch-adapter";
import { eventRowValues } from "../hubspot/marketing-event-fields";
import type { BatchAdapter } from "./adapter";
import type { RunBatchOptions } from "./engine";
import { byStatus, sandboxKit, type SandboxKit } from "../../tests/support/sandbox-kit";
import type { PropertyValues, RowError, RowOperation, RowOutcome } from "./types";

/**
 * The contract every resource adapter keeps with the one engine, run against the sandbox for each
 * resource: chunking at the adapter's batch size, 207s failing only the rows they name, unordered
 * results mapped to the right rows, 429/502 retried with every row written exactly once, and
 * conflicts detected against a baseline. What HubSpot holds is read from /__sandbox/records.
 */
type Stored = Record<string, unknown> & { updatedAt: string };

interface Resource {
  name: string;
  adapter: BatchAdapter;
  /** /__sandbox/records/{kind} */
  kind: string;
  updatePath: string;
  /** The record's id as rows carry it. */
  idOf: (r: Stored) => string;
  /** A stored record's values, flat like a row's. */
  valuesOf: (r: Stored) => Record<string, string | null>;
  /** The id of one input of a batch-update request. */
  inputId: (input: Record<string, unknown>) => string;
  /** A valid edit, distinct per i. */
  edit: (i: number) => PropertyValues;
  /** An edit HubSpot rejects for that input only (207), and what the row's error must say. */
  bad: { properties: PropertyValues; error: Omit<Partial<RowError>, "message"> & { message: RegExp } };
  unknownId: string;
}

const crmIdOf = (r: Stored) => r.id as string;
const crmValues = (r: Stored) => r.properties as Record<string, string | null>;
const byId = (i: Record<string, unknown>) => i.id as string;

const crm = (name: string, kind: string, edit: (i: number) => PropertyValues, bad: Resource["bad"]): Resource => ({
  name,
  adapter: crmBatchAdapter({ objectType: kind }),
  kind,
  updatePath: `/crm/objects/2026-03/${kind}/batch/update`,
  idOf: crmIdOf,
  valuesOf: crmValues,
  inputId: byId,
  edit,
  bad,
  unknownId: "999999999",
});

const events = (apiVersion: "2026-03" | "v3", base: string): Resource => ({
  name: `marketing events ${apiVersion}`,
  adapter: marketingEventBatchAdapter({ apiVersion }),
  kind: "marketing-events",
  updatePath: `${base}/batch/update`,
  idOf: (r) => r.objectId as string,
  valuesOf: (r) => eventRowValues(r as unknown as Parameters<typeof eventRowValues>[0]),
  inputId: (i) => i.objectId as string,
  // A standard field and a custom property in one edit.
  edit: (i) => ({ eventDescription: `Description ${i}`, region: `R${i}` }),
  bad: {
    properties: { endDateTime: "2000-01-01T00:00:00Z" },
    error: { category: "VALIDATION_ERROR", code: "END_BEFORE_START", message: /^The event can't end before it starts/ },
  },
  unknownId: "1",
});

const RESOURCES: Resource[] = [
  {
    name: "campaigns",
    adapter: campaignBatchAdapter,
    kind: "campaigns",
    updatePath: "/marketing/campaigns/2026-03/batch/update",
    idOf: crmIdOf,
    valuesOf: crmValues,
    inputId: byId,
    edit: (i) => ({ hs_notes: `note ${i}` }),
    bad: {
      properties: { hs_start_date: "2026-03-31T10:00:00Z" },
      error: { code: "INVALID_DATE_PROPERTY", message: /^Start date must be a date like 2026-03-31/ },
    },
    unknownId: "00000000-0000-4000-a000-000000000000",
  },
  events("2026-03", "/marketing/marketing-events/2026-03"),
  events("v3", "/marketing/v3/marketing-events"),
  crm("contacts", "contacts", (i) => ({ jobtitle: `Title ${i}` }), {
    properties: { lifecyclestage: "Lead" },
    error: {
      code: "INVALID_OPTION",
      message: /^“Lead” is not a valid lifecyclestage\. Choose one of: subscriber, lead/,
    },
  }),
  crm("companies", "companies", (i) => ({ city: `City ${i}` }), {
    properties: { numberofemployees: "12.5" },
    error: { code: "INVALID_INTEGER", message: /^numberofemployees must be a whole number, not “12.5”\.$/ },
  }),
  crm("deals", "deals", (i) => ({ dealname: `Deal ${i}` }), {
    properties: { dealstage: "won" },
    error: { code: "INVALID_OPTION", message: /^“won” is not a valid dealstage/ },
  }),
  crm("custom object p_projects", "p_projects", (i) => ({ project_manager: `PM ${i}` }), {
    properties: { budget: "lots" },
    error: { code: "INVALID_DECIMAL", message: /^budget must be a number, not “lots”\.$/ },
  }),
];

let kit: SandboxKit;
beforeAll(async () => {
  kit = await sandboxKit({
    campaigns: 60,
    counts: { marketingEvents: 110, contacts: 110, companies: 110, deals: 110, p_projects: 110 },
  });
});
afterAll(async () => kit?.close());
beforeEach(async () => kit.reset());

describe.each(RESOURCES)("adapter contract: $name", (res) => {
  const run = (ops: RowOperation[], extra: Partial<RunBatchOptions> = {}) => kit.run(res.adapter, ops, extra);
  const records = () => kit.records<Stored>(res.kind);
  const storedById = async () => new Map((await records()).map((r) => [res.idOf(r), r]));
  const updates = (recs: Stored[]): RowOperation[] =>
    recs.map((r, i) => ({ rowKey: `r${i}`, kind: "update", id: res.idOf(r), properties: res.edit(i) }));
  const writeCalls = async () =>
    (await kit.requests(res.updatePath)).map((c) => ({
      ...c,
      inputs: (c.requestBody as { inputs?: Record<string, unknown>[] })?.inputs ?? [],
    }));

  it("chunks at the batch size, and maps unordered results to their rows", async () => {
    const n = res.adapter.batchSize + 5;
    const recs = (await records()).slice(0, n);
    expect(recs).toHaveLength(n);
    // HubSpot's batch results are unordered; reversing them on the way in makes positional matching fail for sure.
    const reversing: typeof fetch = async (input, init) => {
      const answer = await fetch(input, init);
      if (!String(input).endsWith("/batch/update") || !answer.ok) return answer;
      const body = (await answer.json()) as { results: unknown[] };
      return Response.json({ ...body, results: body.results.reverse() }, { status: answer.status });
    };
    const outcomes = await run(updates(recs), { client: kit.client(reversing) });

    expect(byStatus(outcomes)).toEqual({ saved: n });
    const calls = await writeCalls();
    expect(calls.map((c) => c.inputs.length)).toEqual([res.adapter.batchSize, 5]);
    const stored = await storedById();
    recs.forEach((r, i) => {
      const o = outcomes[i]!;
      if (o.status !== "saved") throw new Error(`${o.rowKey}: ${o.status}`);
      expect(o.record.id).toBe(res.idOf(r));
      expect(o.record.properties).toMatchObject(res.edit(i));
      expect(res.valuesOf(stored.get(res.idOf(r))!)).toMatchObject(res.edit(i));
    });
  });

  it("207: fails only the rows HubSpot names (bad value, unknown id); the others are saved", async () => {
    const recs = (await records()).slice(0, 5);
    const ops = updates(recs);
    ops[1] = { rowKey: "r1", kind: "update", id: res.idOf(recs[1]!), properties: res.bad.properties };
    ops[3] = { rowKey: "r3", kind: "update", id: res.unknownId, properties: res.edit(3) };
    const outcomes = await run(ops);

    expect(outcomes.map((o) => o.status)).toEqual(["saved", "failed", "saved", "failed", "saved"]);
    const bad = (outcomes[1] as Extract<RowOutcome, { status: "failed" }>).error;
    expect(bad).toMatchObject({ ...res.bad.error, message: expect.stringMatching(res.bad.error.message) });
    expect(bad.raw).toBeDefined();
    expect(outcomes[3]).toMatchObject({ error: { category: "OBJECT_NOT_FOUND", code: "OBJECT_NOT_FOUND" } });
    expect((await writeCalls()).map((c) => c.status)).toEqual([207]);
    const stored = await storedById();
    for (const i of [0, 2, 4]) expect(res.valuesOf(stored.get(res.idOf(recs[i]!))!)).toMatchObject(res.edit(i));
    expect(res.valuesOf(stored.get(res.idOf(recs[1]!))!)).toEqual(res.valuesOf(recs[1]!));
  });

  it("retries a 429 burst and 502s; every row is written exactly once", async () => {
    const n = res.adapter.batchSize + 5;
    const recs = (await records()).slice(0, n);
    await kit.faults(
      { method: "POST", path: res.updatePath, status: 429, times: 3 },
      { method: "POST", path: res.updatePath, status: 502, times: 2 },
    );
    const outcomes = await run(updates(recs));

    expect(byStatus(outcomes)).toEqual({ saved: n });
    const calls = await writeCalls();
    expect(calls.filter((c) => c.status === 429)).toHaveLength(3);
    expect(calls.filter((c) => c.status === 502)).toHaveLength(2);
    const written = calls.filter((c) => c.status === 200 || c.status === 207).flatMap((c) => c.inputs.map(res.inputId));
    expect(written.sort()).toEqual(recs.map(res.idOf).sort());
  });

  it("detects a conflict against the baseline; the other row is written", async () => {
    const [a, b] = await records();
    const baseline = (r: Stored) => ({ updatedAt: r.updatedAt, values: res.valuesOf(r) });
    await run([{ rowKey: "them", kind: "update", id: res.idOf(a!), properties: res.edit(100) }]); // someone else, in HubSpot
    const outcomes = await run([
      { rowKey: "a", kind: "update", id: res.idOf(a!), properties: res.edit(1), baseline: baseline(a!) },
      { rowKey: "b", kind: "update", id: res.idOf(b!), properties: res.edit(2), baseline: baseline(b!) },
    ]);

    expect(outcomes.map((o) => o.status)).toEqual(["conflict", "saved"]);
    expect((outcomes[0] as Extract<RowOutcome, { status: "conflict" }>).current).toMatchObject({
      id: res.idOf(a!),
      properties: res.edit(100),
    });
    const stored = await storedById();
    expect(res.valuesOf(stored.get(res.idOf(a!))!)).toMatchObject(res.edit(100));
    expect(res.valuesOf(stored.get(res.idOf(b!))!)).toMatchObject(res.edit(2));
    // Only the non-conflicting row was sent.
    expect((await writeCalls()).slice(1).flatMap((c) => c.inputs.map(res.inputId))).toEqual([res.idOf(b!)]);
  });

  it("detects a conflict with asOf baselines too (one scan with changedSince, else batch reads)", async () => {
    const all = await records();
    const asOf = all.reduce((m, r) => (Date.parse(r.updatedAt) > Date.parse(m) ? r.updatedAt : m), all[0]!.updatedAt);
    const [a, b] = all;
    const baseline = (r: Stored) => ({ updatedAt: r.updatedAt, values: res.valuesOf(r), asOf });
    await run([{ rowKey: "them", kind: "update", id: res.idOf(a!), properties: res.edit(100) }]);
    const outcomes = await run([
      { rowKey: "a", kind: "update", id: res.idOf(a!), properties: res.edit(1), baseline: baseline(a!) },
      { rowKey: "b", kind: "update", id: res.idOf(b!), properties: res.edit(2), baseline: baseline(b!) },
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(["conflict", "saved"]);
    expect((outcomes[0] as Extract<RowOutcome, { status: "conflict" }>).current).toMatchObject({
      id: res.idOf(a!),
      properties: res.edit(100),
    });
    const stored = await storedById();
    expect(res.valuesOf(stored.get(res.idOf(a!))!)).toMatchObject(res.edit(100));
    expect(res.valuesOf(stored.get(res.idOf(b!))!)).toMatchObject(res.edit(2));
  });
});
