/**
 * Bulk edit below the UI, against the sandbox, as jobs: the dry run streams a filtered view of
 * contacts and stores its fixed set in chunks; the run is an ordinary submission in which a record
 * changed in HubSpot during the gap is a conflict and a record that starts matching the view is left
 * alone; the bounds (view size, one dry run at a time) and the starter-only rule.
 */
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareEnv } from "../../tests/support/access-token.suite";
import { startSandbox, type RunningSandbox } from "../../sandbox/server";
import { storedRows } from "../../tests/support/stored-rows";
import type { Actor } from "../auth/actor";
import type { BulkEditRequest, PlannedChange } from "./types";
import { BULK_EDIT_BOUNDS } from "./bounds";

const dataDir = prepareEnv();
type Stored = { id: string; updatedAt: string; properties: Record<string, string | null> };
const CONTACTS = "/crm/objects/2026-03/contacts";
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("bulk edit of a view", () => {
  let sb: RunningSandbox;
  let actor: Actor;
  let other: Actor;
  let token: string;
  let service: typeof import("./service");
  let store: typeof import("./store");
  let subs: typeof import("../submissions/store");
  const contacts = async () => (await (await fetch(`${sb.url}/__sandbox/records/contacts`)).json()) as Stored[];
  const hubspot = (path: string, body: unknown) =>
    fetch(`${sb.url}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
  const setContacts = async (inputs: { id: string; properties: Record<string, string> }[]) =>
    expect((await hubspot(`${CONTACTS}/batch/update`, { inputs })).status).toBeLessThan(300);

  beforeAll(async () => {
    sb = await startSandbox({ port: 0, counts: { campaigns: 0, contacts: 1_500, marketingEvents: 0 } });
    process.env.HUBSPOT_SANDBOX_URL = sb.url;
    service = await import("./service");
    store = await import("./store");
    subs = await import("../submissions/store");
    await (await import("../jobs/in-process")).ensureInProcessWorkers();
    const kit = await import("../../tests/support/test-connection");
    const made = await kit.insertTestConnection(sb);
    actor = made.actor;
    other = (await kit.insertTestConnection(sb, undefined, "other@example.com")).actor;
    token = sb.ctx.issueTokens({ portalId: made.portalId, scopes: sb.ctx.knownScopes(), expiresIn: 3600 }).access_token;
  });
  afterAll(async () => {
    const { stopJobQueue } = await import("../queue/queue");
    await stopJobQueue({ graceful: false });
    await sb?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function dryRun(as: Actor, request: BulkEditRequest) {
    const id = await service.startBulkEdit(as, request);
    for (let i = 0; i < 300; i++) {
      const row = (await store.findBulkEditById(id))!;
      if (row.state !== "reading") return row;
      await wait(100);
    }
    throw new Error("the dry run never finished");
  }
  async function runToEnd(id: string) {
    await service.runBulkEdit(actor, id);
    const submissionId = await ranAs(id);
    for (let i = 0; i < 300; i++) {
      const view = (await subs.submissionView(submissionId, actor.connection.portalId))!;
      if (view.state === "done") return { submissionId, view };
      await wait(100);
    }
    throw new Error("the submission never finished");
  }
  /** Run is a job (run-job.ts): the bulk edit is "preparing" until its submission starts. */
  async function ranAs(id: string) {
    for (let i = 0; i < 300; i++) {
      const row = (await store.findBulkEditById(id))!;
      if (row.state !== "preparing") {
        expect(row.state).toBe("started");
        return row.submissionId!;
      }
      await wait(100);
    }
    throw new Error("the run was never prepared");
  }
  const subscribers: BulkEditRequest = {
    target: { type: "crm", objectType: "contacts" },
    query: { filters: [[{ property: "lifecyclestage", operator: "any_of", values: ["subscriber", "lead"] }]] },
    timeZone: "Europe/Berlin",
    edit: { kind: "set", property: "jobtitle", value: "Bulk title" },
  };

  it("dry-runs a view into a fixed set in chunks, then runs it as a submission: a change during the gap is a conflict, a record that starts matching is not changed", async () => {
    const before = await contacts();
    const matches = (c: Stored) => ["subscriber", "lead"].includes(c.properties.lifecyclestage ?? "");
    const inView = before.filter(matches);
    const outside = before.find((c) => !matches(c))!;
    expect(inView.length).toBeGreaterThan(200); // more than one search page
    // One record already holds the value: counted, not sent.
    await setContacts([{ id: inView[0]!.id, properties: { jobtitle: "Bulk title" } }]);

    const row = await dryRun(actor, subscribers);
    expect(row).toMatchObject({
      state: "ready",
      read: inView.length,
      total: inView.length,
      willChange: inView.length - 1,
      alreadySet: 1,
      cannotChange: 0,
      propertyLabel: "Job Title",
    });
    expect(row.sample).toHaveLength(20);
    expect(row.sample!.every((s) => s.new === "Bulk title" && s.old !== "Bulk title")).toBe(true);
    let stored = 0;
    for await (const chunk of store.changeChunks(row.id)) {
      expect(chunk.length).toBeLessThanOrEqual(BULK_EDIT_BOUNDS.chunkSize);
      stored += chunk.length;
    }
    expect(stored).toBe(inView.length - 1);

    // The gap between the dry run and the run: someone edits a record of the set in HubSpot, and
    // another record starts matching the view.
    const changed = inView[5]!;
    await setContacts([
      { id: changed.id, properties: { jobtitle: "Changed in HubSpot" } },
      { id: outside.id, properties: { lifecyclestage: "subscriber" } },
    ]);

    const { view } = await runToEnd(row.id);
    expect(view.counts).toMatchObject({ saved: inView.length - 2, conflict: 1, failed: 0, pending: 0 });
    expect(view.source).toBe("bulk-edit");
    const after = new Map((await contacts()).map((c) => [c.id, c]));
    expect(after.get(changed.id)!.properties.jobtitle).toBe("Changed in HubSpot");
    expect(after.get(outside.id)!.properties.jobtitle).toBe(outside.properties.jobtitle ?? null);
    expect(inView.filter((c) => after.get(c.id)!.properties.jobtitle === "Bulk title")).toHaveLength(inView.length - 1);

    // Run once only.
    await expect(service.runBulkEdit(actor, row.id)).rejects.toThrow(/already been run/);
  });

  it("stamps the set with its page's load time, less the search's lag: a change the search did not show yet is after asOf, and the run's rows carry it", async () => {
    const config = (body: unknown) =>
      fetch(`${sb.url}/__sandbox/config`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const inView = (await contacts()).filter((c) => ["subscriber", "lead"].includes(c.properties.lifecyclestage ?? ""));
    const target = inView[2]!;
    const request: BulkEditRequest = { ...subscribers, edit: { kind: "set", property: "country", value: "Lagland" } };
    expect((await config({ searchIndexDelayMs: 10_000 })).status).toBe(200);
    let row: Awaited<ReturnType<typeof dryRun>>;
    let stamp: string;
    try {
      // Changed just before the dry run: its search still shows the old city.
      const res = await hubspot(`${CONTACTS}/batch/update`, {
        inputs: [{ id: target.id, properties: { country: "Changed unseen" } }],
      });
      stamp = ((await res.json()) as { results: Stored[] }).results[0]!.updatedAt;
      await wait(1_500); // past the Date header's one-second rounding
      row = await dryRun(actor, request);
    } finally {
      await config({ searchIndexDelayMs: 0 });
    }
    expect(row.state).toBe("ready");
    const changes: PlannedChange[] = [];
    for await (const chunk of store.changeChunks(row.id)) changes.push(...chunk);
    const planned = changes.find((c) => c.id === target.id)!;
    expect(planned.old).toBe(target.properties.country ?? null);
    expect(Date.parse(planned.asOf!)).toBeLessThan(Date.parse(stamp));
    expect(changes.every((c) => c.asOf !== undefined && Date.parse(c.asOf) >= Date.parse(c.updatedAt))).toBe(true);

    const { submissionId, view } = await runToEnd(row.id);
    expect(view.counts).toMatchObject({ saved: changes.length - 1, conflict: 1, failed: 0 });
    const rows = await storedRows(submissionId);
    const asOfOf = new Map(changes.map((c) => [c.id, c.asOf]));
    expect(rows.every((r) => r.baseline?.asOf !== undefined && r.baseline.asOf === asOfOf.get(r.recordId!))).toBe(true);
    expect((await contacts()).find((c) => c.id === target.id)!.properties.country).toBe("Changed unseen");
  });

  it("is its starter's: another user of the portal neither sees, runs nor cancels it", async () => {
    const row = await dryRun(actor, { ...subscribers, edit: { kind: "clear", property: "phone" } });
    expect(row.state).toBe("ready");
    const { bulkEditView } = await import("./view");
    await expect(bulkEditView(other, row.id)).rejects.toThrow(/does not exist/);
    await expect(service.runBulkEdit(other, row.id)).rejects.toThrow(/does not exist/);
    await expect(service.cancelBulkEdit(other, row.id)).rejects.toThrow(/does not exist/);
    expect((await bulkEditView(actor, row.id)).state).toBe("ready");
    await service.cancelBulkEdit(actor, row.id);
    expect((await store.findBulkEditById(row.id))!.state).toBe("cancelled");
    await expect(service.runBulkEdit(actor, row.id)).rejects.toThrow(/not ready/);
  });

  it("refuses a read-only property, and a text edit on a property that is not text", async () => {
    const ro = await dryRun(actor, { ...subscribers, edit: { kind: "clear", property: "createdate" } });
    expect(ro).toMatchObject({ state: "failed", message: expect.stringMatching(/read-only/) });
    const notText = await dryRun(actor, { ...subscribers, edit: { kind: "trim", property: "lifecyclestage" } });
    expect(notText).toMatchObject({ state: "failed", message: expect.stringMatching(/not a text property/) });
    const badValue = await dryRun(actor, {
      ...subscribers,
      edit: { kind: "set", property: "lifecyclestage", value: "nope" },
    });
    expect(badValue).toMatchObject({ state: "failed", message: expect.stringMatching(/not one of the options/) });
  });

  it("bounds: a view larger than the limit fails with the reason; one dry run at a time per user and portal", async () => {
    const { db, tables } = await import("../db");
    const { bulkEditDryRunJob } = await import("./dry-run-job");
    const [row] = await (
      await db()
    )
      .insert(tables.bulkEdits)
      .values({
        userId: actor.userId,
        connectionId: actor.connection.id,
        portalId: actor.connection.portalId,
        request: subscribers,
      })
      .returning();
    // While it reads, the same user cannot start another one; another user can.
    await expect(service.startBulkEdit(actor, subscribers)).rejects.toThrow(/still reading/);
    await bulkEditDryRunJob({ data: { bulkEditId: row!.id } } as never, { ...BULK_EDIT_BOUNDS, maxRecords: 100 });
    const failed = (await store.findBulkEditById(row!.id))!;
    expect(failed).toMatchObject({ state: "failed", message: expect.stringMatching(/at most 100/) });
    const stillThere = await (await db()).select().from(tables.bulkEditChanges);
    expect(stillThere.filter((c) => c.bulkEditId === row!.id)).toHaveLength(0);
    const otherUsers = await dryRun(other, {
      ...subscribers,
      edit: { kind: "case", property: "jobtitle", to: "upper" },
    });
    expect(otherUsers.state).toBe("ready");
    expect(otherUsers.sample!.every((s) => s.new === s.old!.toUpperCase())).toBe(true);
  });

  it("stores the set in chunks of the bound's size", async () => {
    const { db, tables } = await import("../db");
    const { bulkEditDryRunJob } = await import("./dry-run-job");
    const request: BulkEditRequest = { ...subscribers, edit: { kind: "set", property: "city", value: "Chunkville" } };
    const [row] = await (
      await db()
    )
      .insert(tables.bulkEdits)
      .values({ userId: other.userId, connectionId: other.connection.id, portalId: other.connection.portalId, request })
      .returning();
    await bulkEditDryRunJob({ data: { bulkEditId: row!.id } } as never, { ...BULK_EDIT_BOUNDS, chunkSize: 50 });
    const done = (await store.findBulkEditById(row!.id))!;
    expect(done.state).toBe("ready");
    const sizes: number[] = [];
    for await (const chunk of store.changeChunks(row!.id)) sizes.push(chunk.length);
    expect(sizes.length).toBe(Math.ceil(done.willChange / 50));
    expect(sizes.slice(0, -1).every((n) => n === 50)).toBe(true);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(done.willChange);
  });

  it("runs as a job that copies the set in chunks: an attempt that dies midway is retried into exactly one submission of exactly the set, as its starter", async () => {
    const { db, tables } = await import("../db");
    const { and, count, eq } = await import("drizzle-orm");
    const { bulkEditDryRunJob } = await import("./dry-run-job");
    const { bulkEditRunJob } = await import("./run-job");
    const { bulkEditView } = await import("./view");
    const request: BulkEditRequest = { ...subscribers, edit: { kind: "set", property: "city", value: "Copytown" } };
    const database = await db();
    const [row] = await database
      .insert(tables.bulkEdits)
      .values({ userId: other.userId, connectionId: other.connection.id, portalId: other.connection.portalId, request })
      .returning();
    const id = row!.id;
    await bulkEditDryRunJob({ data: { bulkEditId: id } } as never, { ...BULK_EDIT_BOUNDS, chunkSize: 50 });
    const ready = (await store.findBulkEditById(id))!;
    expect(ready.state).toBe("ready");
    const n = ready.willChange;
    expect(n).toBeGreaterThan(200); // several chunks of 50
    // Run, as runBulkEdit does it (without queueing, so that this test is the only worker of it).
    const submissionId = await subs.insertSubmission({
      userId: other.userId,
      connectionId: other.connection.id,
      portalId: other.connection.portalId,
      resource: { type: "crm", objectType: "contacts" },
      source: "bulk-edit",
      state: "draft",
      operations: [],
    });
    await store.updateBulkEdit(id, { state: "preparing", submissionId });
    const attempt = (retryCount: number) =>
      ({ data: { bulkEditId: id }, retryCount, retryLimit: 3, signal: new AbortController().signal }) as never;
    const rows = async () =>
      (
        await database
          .select({ n: count() })
          .from(tables.submissionRows)
          .where(eq(tables.submissionRows.submissionId, submissionId))
      )[0]!.n;

    // The first attempt dies after three chunks: they stay, counted; nothing started.
    await expect(
      bulkEditRunJob(attempt(0), {
        afterChunk: (copied) => {
          if (copied >= 150) throw new Error("the worker died");
        },
      }),
    ).rejects.toThrow(/worker died/);
    expect(await rows()).toBe(150);
    expect((await bulkEditView(other, id)).prepared).toBe(150);
    expect((await store.findBulkEditById(id))!.state).toBe("preparing");

    // The retry resumes after them and starts the submission; a third delivery changes nothing.
    expect(await bulkEditRunJob(attempt(1))).toEqual({ started: submissionId, rows: n });
    await bulkEditRunJob(attempt(2));
    expect(await rows()).toBe(n);
    const mine = await database
      .select()
      .from(tables.submissions)
      .where(and(eq(tables.submissions.userId, other.userId), eq(tables.submissions.source, "bulk-edit")));
    expect(mine.map((s) => s.id)).toEqual([submissionId]);
    expect(mine[0]).toMatchObject({ totalRows: n, connectionId: other.connection.id });
    expect((await store.findBulkEditById(id))!).toMatchObject({ state: "started", submissionId });
    for (let i = 0; i < 300; i++) {
      const view = (await subs.submissionView(submissionId, other.connection.portalId))!;
      if (view.state === "done") {
        expect(view.counts).toMatchObject({ saved: n, failed: 0, conflict: 0 });
        expect((await contacts()).filter((c) => c.properties.city === "Copytown")).toHaveLength(n);
        return;
      }
      await wait(100);
    }
    throw new Error("the submission never finished");
  });
});
