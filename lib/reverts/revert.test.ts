/**
 * Reverts below the UI, against the sandbox, as jobs: a campaign submission (updates and creates) is
 * reverted with a record changed in HubSpot since (a conflict, skipped, then overwritten after a
 * second preview), created records archived, and the sandbox compared with its state before; a
 * contact update addressed by email is reverted by record id.
 */
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareEnv } from "../../tests/support/access-token.suite";
import { startSandbox, type RunningSandbox } from "../../sandbox/server";
import type { RowOperation } from "../batch/types";
import type { Session } from "../auth/session";
import { actorOf } from "../auth/actor";

const dataDir = prepareEnv();
type Stored = { id: string; updatedAt: string; properties: Record<string, string | null> };
/** A record as compared before and after: its properties, not its timestamps. */
const shape = (r: Stored) => ({
  id: r.id,
  properties: Object.fromEntries(
    Object.entries(r.properties).filter(([k]) => !/updated|modified|lastmodified/i.test(k)),
  ),
});

describe("revert", () => {
  let sb: RunningSandbox;
  let session: Session;
  let store: typeof import("../submissions/store");
  let runner: typeof import("../submissions/runner");
  let service: typeof import("./service");
  const records = async (kind = "campaigns") =>
    (await (await fetch(`${sb.url}/__sandbox/records/${kind}`)).json()) as Stored[];
  let token: string;
  const hubspot = (path: string, body: unknown) =>
    fetch(`${sb.url}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    sb = await startSandbox({ port: 0, counts: { campaigns: 40, contacts: 20, marketingEvents: 5 } });
    process.env.HUBSPOT_SANDBOX_URL = sb.url;
    store = await import("../submissions/store");
    runner = await import("../submissions/runner");
    service = await import("./service");
    // The app's process works its queues from its start (instrumentation.ts, lib/jobs/in-process.ts).
    await (await import("../jobs/in-process")).ensureInProcessWorkers();
    const made = await (await import("../../tests/support/test-connection")).insertTestConnection(sb);
    session = made.session;
    token = sb.ctx.issueTokens({ portalId: made.portalId, scopes: sb.ctx.knownScopes(), expiresIn: 3600 }).access_token;
  });
  afterAll(async () => {
    const { stopJobQueue } = await import("../queue/queue");
    await stopJobQueue({ graceful: false });
    await sb?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function submitAndRun(
    resource: Parameters<typeof store.insertSubmission>[0]["resource"],
    operations: RowOperation[],
  ) {
    const id = await store.insertSubmission({
      userId: session.user.id,
      connectionId: session.connection.id,
      portalId: session.connection.portalId,
      resource,
      operations,
    });
    expect(await runner.runSubmission(id)).toBe("done");
    return id;
  }
  async function preview(id: string) {
    const draftId = await service.previewRevert(actorOf(session), id);
    for (let i = 0; i < 100; i++) {
      const [s] = [await store.findSubmission(draftId, session.connection.portalId)];
      const plan = service.planStateOf(s?.plan);
      if (plan && plan.state !== "reading") return { draftId, plan };
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error("the preview never finished");
  }
  async function runToEnd(draftId: string, choice: { conflicts: "skip" | "overwrite"; archive: boolean }) {
    await service.runRevert(actorOf(session), draftId, choice);
    for (
      let i = 0;
      i < 100 && (await store.submissionView(draftId, session.connection.portalId))!.state !== "done";
      i++
    )
      await new Promise((r) => setTimeout(r, 100));
    return (await store.submissionView(draftId, session.connection.portalId))!;
  }

  it("restores updated campaigns and archives created ones; a change made since is a conflict, skipped, then overwritten on request", async () => {
    const before = await records();
    const edited = before.slice(0, 10);
    const ops: RowOperation[] = [
      ...edited.map((c, i): RowOperation => ({
        rowKey: c.id,
        kind: "update",
        id: c.id,
        properties: { hs_notes: `revert me ${i}`, hs_audience: `aud ${i}` },
        baseline: {
          updatedAt: c.updatedAt,
          values: { hs_notes: c.properties.hs_notes ?? null, hs_audience: c.properties.hs_audience ?? null },
        },
      })),
      { rowKey: "new-1", kind: "create", properties: { hs_name: "Revert: created 1" } },
      { rowKey: "new-2", kind: "create", properties: { hs_name: "Revert: created 2" } },
    ];
    const original = await submitAndRun({ type: "campaigns" }, ops);

    // After the submission: someone changes a value it wrote, and someone puts one back by hand.
    expect(
      (
        await hubspot("/marketing/campaigns/2026-03/batch/update", {
          inputs: [{ id: edited[2]!.id, properties: { hs_notes: "changed in HubSpot" } }],
        })
      ).ok,
    ).toBe(true);
    expect(
      (
        await hubspot("/marketing/campaigns/2026-03/batch/update", {
          inputs: [
            {
              id: edited[4]!.id,
              properties: {
                hs_notes: edited[4]!.properties.hs_notes ?? "",
                hs_audience: edited[4]!.properties.hs_audience ?? "",
              },
            },
          ],
        })
      ).ok,
    ).toBe(true);

    const first = await preview(original);
    expect(first.plan).toMatchObject({
      state: "ready",
      summary: { restore: 8, values: 16, archive: 2, conflicts: 1, skipped: { ALREADY_RESTORED: 1 }, notApplied: 0 },
    });
    // Nothing is written by a preview, and a draft is not in the history.
    expect((await records()).find((c) => c.id === edited[0]!.id)!.properties.hs_notes).toBe("revert me 0");
    expect((await store.listSubmissions(session.connection.portalId)).map((s) => s.id)).not.toContain(first.draftId);

    const done = await runToEnd(first.draftId, { conflicts: "skip", archive: true });
    expect(done.counts).toMatchObject({ saved: 10, conflict: 1, skipped: 1, failed: 0, pending: 0 });
    const afterFirst = await records();
    // The conflicting record is left as HubSpot has it, whole: a revert never restores half a record.
    const expected = before.map((c) =>
      c.id === edited[2]!.id
        ? { ...c, properties: { ...c.properties, hs_notes: "changed in HubSpot", hs_audience: "aud 2" } }
        : c,
    );
    expect(afterFirst.map(shape)).toEqual(expected.map(shape));

    // A second preview finds only the conflict left; overwriting it (confirmed) restores everything.
    const second = await preview(original);
    expect(second.plan).toMatchObject({
      summary: { restore: 0, conflicts: 1, archive: 0, skipped: { ALREADY_RESTORED: 9, GONE: 2 } },
    });
    const overwritten = await runToEnd(second.draftId, { conflicts: "overwrite", archive: true });
    expect(overwritten.counts).toMatchObject({ saved: 1, conflict: 0, skipped: 11 });
    expect((await records()).map(shape)).toEqual(before.map(shape));

    // Both reverts are in the history, linked to what they undo.
    expect((await service.revertsOf(original)).map((r) => r.id).sort()).toEqual([first.draftId, second.draftId].sort());
  });

  it("reverts contacts updated by email, by their record id", async () => {
    const before = await records("contacts");
    const some = before.slice(0, 3);
    const ops: RowOperation[] = some.map((c, i) => ({
      rowKey: `row-${i}`,
      kind: "update",
      id: c.properties.email!.toUpperCase(),
      properties: { jobtitle: `Title ${i}` },
      baseline: { updatedAt: c.updatedAt, values: { jobtitle: c.properties.jobtitle ?? null } },
      force: true,
    }));
    const original = await submitAndRun(
      { type: "crm", objectType: "contacts", idProperty: "email", uniqueProperty: "email" },
      ops,
    );
    await fetch(`${sb.url}/__sandbox/requests`, { method: "DELETE" });
    const { draftId, plan } = await preview(original);
    expect(plan).toMatchObject({ summary: { restore: 3, conflicts: 0 } });
    // The preview's baselines: asOf is its load time (before the batch read), never after the read,
    // never before the record's own updatedAt (the import's write).
    const log = (await (await fetch(`${sb.url}/__sandbox/requests`)).json()) as { at: string; path: string }[];
    const readAt = Date.parse(log.find((r) => r.path.endsWith("/batch/read"))!.at);
    const planned = await store.submissionResultRows(draftId);
    expect(planned).toHaveLength(3);
    for (const r of planned) {
      expect(Date.parse(r.baseline!.asOf!)).toBeGreaterThanOrEqual(Date.parse(r.baseline!.updatedAt));
      expect(Date.parse(r.baseline!.asOf!)).toBeLessThanOrEqual(readAt);
    }
    const draft = await store.findSubmission(draftId, session.connection.portalId);
    expect(draft?.resourceRef).toEqual({ type: "crm", objectType: "contacts" });
    expect((await runToEnd(draftId, { conflicts: "skip", archive: false })).counts).toMatchObject({ saved: 3 });
    expect((await records("contacts")).map(shape)).toEqual(before.map(shape));
  });

  it("reverts marketing events on the v3 API (read by a pass over the list)", async () => {
    type Event = { objectId: string; eventDescription?: string; eventUrl?: string; updatedAt: string };
    const before = (await records("marketing-events")) as unknown as Event[];
    const ops: RowOperation[] = before.slice(0, 2).map((e, i) => ({
      rowKey: e.objectId,
      kind: "update",
      id: e.objectId,
      properties: { eventDescription: `Reverted soon ${i}`, eventUrl: `https://example.com/e${i}` },
      baseline: {
        updatedAt: e.updatedAt,
        values: { eventDescription: e.eventDescription ?? null, eventUrl: e.eventUrl ?? null },
      },
    }));
    const original = await submitAndRun({ type: "marketing-events", apiVersion: "v3" }, ops);
    const { draftId, plan } = await preview(original);
    expect(plan).toMatchObject({ summary: { restore: 2, values: 4, conflicts: 0 } });
    expect((await runToEnd(draftId, { conflicts: "skip", archive: false })).counts).toMatchObject({ saved: 2 });
    const strip = (e: Event) => ({ ...e, updatedAt: undefined });
    expect(((await records("marketing-events")) as unknown as Event[]).map(strip)).toEqual(before.map(strip));
  });

  it("refuses to preview a submission with nothing saved, and one still running", async () => {
    const id = await store.insertSubmission({
      userId: session.user.id,
      connectionId: session.connection.id,
      portalId: session.connection.portalId,
      resource: { type: "campaigns" },
      operations: [
        { rowKey: "x", kind: "update", id: "00000000-0000-4000-a000-000000000000", properties: { hs_notes: "x" } },
      ],
    });
    await expect(service.previewRevert(actorOf(session), id)).rejects.toThrow(/still running/);
    expect(await runner.runSubmission(id)).toBe("done");
    await expect(service.previewRevert(actorOf(session), id)).rejects.toThrow(/no row of this submission was saved/);

    // While a revert of it runs, another preview would read a half-reverted state.
    const saved = await submitAndRun({ type: "campaigns" }, [
      { rowKey: "y", kind: "update", id: (await records())[30]!.id, properties: { hs_notes: "y" } },
    ]);
    const running = await store.insertSubmission({
      userId: session.user.id,
      connectionId: session.connection.id,
      portalId: session.connection.portalId,
      resource: { type: "campaigns" },
      source: "revert",
      revertOf: saved,
      operations: [],
    });
    await expect(service.previewRevert(actorOf(session), saved)).rejects.toThrow(/still running/);
    await store.finishSubmission(running);
    await expect(service.previewRevert(actorOf(session), saved)).resolves.toMatch(/^[0-9a-f-]{36}$/);
  });
});
