/**
 * The submit path end to end, below the UI: a submission is recorded, run through the batch engine
 * against the sandbox, and every row's fate lands in the database, readable incrementally by cursor.
 */
import { randomInt } from "node:crypto";
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareEnv } from "../../tests/support/access-token.suite";
import { startSandbox, type RunningSandbox } from "../../sandbox/server";
import { storedRows } from "../../tests/support/stored-rows";
import type { RowOperation } from "../batch/types";

const dataDir = prepareEnv();
const SCOPES = [
  "oauth",
  "marketing.campaigns.read",
  "marketing.campaigns.write",
  "crm.objects.contacts.read",
  "crm.objects.contacts.write",
  "crm.objects.marketing_events.read",
  "crm.objects.marketing_events.write",
];

describe("submissions", () => {
  let sb: RunningSandbox;
  let store: typeof import("./store");
  let runner: typeof import("./runner");
  let connection: { id: string; apiBase: string; portalId: number };
  let userId: string;
  const records = async () =>
    (await (await fetch(`${sb.url}/__sandbox/records/campaigns`)).json()) as {
      id: string;
      updatedAt: string;
      properties: Record<string, string | null>;
    }[];

  beforeAll(async () => {
    sb = await startSandbox({ port: 0, counts: { campaigns: 120, contacts: 30, marketingEvents: 20 } });
    process.env.HUBSPOT_SANDBOX_URL = sb.url;
    const dbm = await import("../db");
    const { secretBox } = await import("../crypto/app-secret");
    store = await import("./store");
    runner = await import("./runner");
    const portalId = sb.ctx.defaultPortal().id;
    const tokens = sb.ctx.issueTokens({ portalId, scopes: SCOPES, clientId: "batchboard-sandbox-client" });
    const database = await dbm.db();
    const [user] = await database
      .insert(dbm.tables.users)
      .values({ hubspotUserId: randomInt(1, 2 ** 40), email: "s@example.com" })
      .returning();
    userId = user!.id;
    const [conn] = await database
      .insert(dbm.tables.connections)
      .values({
        userId,
        portalId,
        hubDomain: "acme-marketing.example.com",
        apiBase: sb.url,
        scopes: SCOPES,
        accessTokenEnc: secretBox().seal(tokens.access_token),
        refreshTokenEnc: secretBox().seal(tokens.refresh_token),
        accessTokenExpiresAt: new Date(Date.now() + 1800_000),
      })
      .returning();
    connection = { id: conn!.id, apiBase: sb.url, portalId };
  });

  afterAll(async () => {
    await sb?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("records every row's fate and the values before and after", async () => {
    const before = (await records()).slice(0, 60);
    const ops: RowOperation[] = before.map((c, i): RowOperation => ({
      rowKey: c.id,
      kind: "update",
      id: c.id,
      // Row 3 gets a date-time, which HubSpot rejects for that row only.
      properties: i === 3 ? { hs_start_date: "2026-01-01T10:00:00Z" } : { hs_notes: `note ${i}` },
      baseline: {
        updatedAt: c.updatedAt,
        values:
          i === 3 ? { hs_start_date: c.properties.hs_start_date ?? null } : { hs_notes: c.properties.hs_notes ?? null },
      },
    }));
    ops.push({
      rowKey: "new-1",
      kind: "create",
      properties: { hs_name: "Submitted from a test", hs_campaign_status: "planned" },
    });

    const id = await store.insertSubmission({
      userId,
      connectionId: connection.id,
      portalId: connection.portalId,
      resource: { type: "campaigns" },
      operations: ops,
    });
    const first = await store.submissionView(id, connection.portalId);
    expect(first?.counts.pending).toBe(61);
    expect(await runner.runSubmission(id)).toBe("done");

    const view = (await store.submissionView(id, connection.portalId))!;
    expect(view.state).toBe("done");
    expect(view.counts).toMatchObject({ saved: 60, failed: 1, pending: 0, saving: 0 });
    expect(view.outcomes).toHaveLength(61);
    const failed = view.outcomes.find((o) => o.status === "failed");
    expect(failed?.rowKey).toBe(before[3]!.id);

    const after = new Map((await records()).map((c) => [c.id, c]));
    expect(after.get(before[5]!.id)?.properties.hs_notes).toBe("note 5");
    expect(after.get(before[3]!.id)?.properties.hs_start_date).toBe(before[3]!.properties.hs_start_date);
    expect([...after.values()].some((c) => c.properties.hs_name === "Submitted from a test")).toBe(true);

    // Polling with the cursor returns nothing new once everything is known.
    const again = await store.submissionView(id, connection.portalId, view.cursor);
    expect(again?.outcomes).toEqual([]);

    const rows = await store.submissionRowsPage(id, { status: "saved", offset: 0, limit: 100 });
    const row5 = rows.find((r) => r.rowKey === before[5]!.id)!;
    expect(row5.baseline?.values.hs_notes).toBe(before[5]!.properties.hs_notes ?? null);
    expect(row5.after?.properties.hs_notes).toBe("note 5");
  });

  it("stores each row exactly as given: awkward text, creates, decided fates and an upload's cells", async () => {
    const awkward = 'quote " back\\slash \\u0041 new\nline tab\t emoji 🎉 ʻokina null {"a":1}';
    const ops: RowOperation[] = [
      {
        rowKey: "k1",
        kind: "update",
        id: "101",
        properties: { hs_notes: awkward, empty: "" },
        baseline: { updatedAt: "2026-01-02T03:04:05.678Z", asOf: "2026-01-02T03:04:06Z", values: { hs_notes: null } },
        force: true,
      },
      { rowKey: "k2", kind: "create", properties: { hs_name: "named by its name" } },
      { rowKey: "k3", kind: "update", id: "103", properties: { hs_notes: "x" }, label: "its own label" },
    ];
    const current = { id: "101", updatedAt: "2026-02-01T00:00:00.000Z", properties: { hs_notes: "theirs" } };
    const id = await store.insertSubmission({
      userId,
      connectionId: connection.id,
      portalId: connection.portalId,
      resource: { type: "campaigns" },
      state: "draft",
      operations: ops,
      sources: [
        { row: 1, cells: [awkward, ""] },
        { row: 2, cells: ["b"] },
        { row: 7, cells: [] },
      ],
      fates: [
        { status: "conflict", current, error: { category: "CONFLICT", message: "changed in HubSpot" } },
        undefined,
        {
          status: "skipped",
          error: {
            category: "SKIPPED",
            code: "NOT_CONFIRMED",
            message: "not confirmed",
            raw: { nested: [1, null, "é"] },
          },
        },
      ],
    });
    const rows = await storedRows(id);
    expect(rows.map((r) => [r.rowKey, r.kind, r.recordId, r.label, r.status, r.force, r.sourceRow])).toEqual([
      ["k1", "update", "101", null, "conflict", true, 1],
      ["k2", "create", null, "named by its name", "pending", false, 2],
      ["k3", "update", "103", "its own label", "skipped", false, 7],
    ]);
    expect(rows[0]!.sent).toEqual({ hs_notes: awkward, empty: "" });
    expect(rows[0]!.baseline).toEqual(ops[0]!.kind === "update" ? ops[0]!.baseline : null);
    expect(rows[0]!.source).toEqual([awkward, ""]);
    expect(rows[0]!.conflictCurrent).toEqual(current);
    expect(rows[0]!.error).toEqual({ category: "CONFLICT", message: "changed in HubSpot" });
    expect(rows[1]!.baseline).toBeNull();
    expect(rows[1]!.error).toBeNull();
    expect(rows[2]!.source).toEqual([]);
    expect(rows[2]!.error).toEqual({
      category: "SKIPPED",
      code: "NOT_CONFIRMED",
      message: "not confirmed",
      raw: { nested: [1, null, "é"] },
    });
    expect(rows[2]!.conflictCurrent).toBeNull();
  });

  it("reads the unfinished rows back as the operations stored, with those that were saving", async () => {
    const awkward = 'quote " back\\slash \\u0041 new\nline 🎉 {"a":1}';
    const ops: RowOperation[] = [
      {
        rowKey: "u1",
        kind: "update",
        id: "201",
        properties: { hs_notes: awkward },
        baseline: { updatedAt: "2026-01-02T03:04:05.678Z", asOf: "2026-01-02T03:04:06Z", values: { hs_notes: null } },
        force: true,
        label: "first",
      },
      { rowKey: "c1", kind: "create", properties: { hs_name: "new one", hs_notes: "" } },
      { rowKey: "u2", kind: "update", id: "202", properties: { hs_notes: "plain" } },
      { rowKey: "a1", kind: "archive", id: "203", properties: {} },
      { rowKey: "u3", kind: "update", id: "204", properties: { hs_notes: "done already" } },
    ];
    const id = await store.insertSubmission({
      userId,
      connectionId: connection.id,
      portalId: connection.portalId,
      resource: { type: "campaigns" },
      state: "draft",
      operations: ops,
    });
    await store.markSaving(id, ["u2"]);
    await store.recordOutcomes(id, [
      { rowKey: "u3", status: "saved", record: { id: "204", updatedAt: "2026-03-01T00:00:00Z", properties: {} } },
    ]);
    const { ops: read, maybeSent } = await store.unfinishedOperations(id);
    const byKey = new Map(read.map((op) => [op.rowKey, op]));
    expect([...byKey.keys()].sort()).toEqual(["a1", "c1", "u1", "u2"]);
    expect([...maybeSent]).toEqual(["u2"]);
    // The same operations as the rows read column by column give.
    const stored = (await storedRows(id)).filter((r) => r.status === "pending" || r.status === "saving");
    for (const r of stored) expect(byKey.get(r.rowKey)).toEqual(store.storedOperation(r));
    expect(byKey.get("u1")).toEqual(ops[0]);
    expect(byKey.get("u2")).toMatchObject({
      kind: "update",
      id: "202",
      properties: { hs_notes: "plain" },
      force: false,
    });
    expect(byKey.get("a1")).toMatchObject({ kind: "archive", id: "203" });
  });

  it("does not show a submission to another portal", async () => {
    const id = await store.insertSubmission({
      userId,
      connectionId: connection.id,
      portalId: connection.portalId,
      resource: { type: "campaigns" },
      operations: [{ rowKey: "x", kind: "create", properties: { hs_name: "Other portal check" } }],
    });
    expect(await store.submissionView(id, 999)).toBeNull();
  });

  it("stores the resource ref, so contacts and v3 events run through their own adapters", async () => {
    type Stored = { id: string; properties: Record<string, string | null> };
    const get = async (kind: string) => (await (await fetch(`${sb.url}/__sandbox/records/${kind}`)).json()) as Stored[];
    const contact = (await get("contacts"))[0]!;
    const ref = { type: "crm" as const, objectType: "contacts", uniqueProperty: "email" };
    const cid = await store.insertSubmission({
      userId,
      connectionId: connection.id,
      portalId: connection.portalId,
      resource: ref,
      operations: [
        {
          rowKey: contact.id,
          kind: "update",
          id: contact.id,
          label: "Contact one",
          properties: { jobtitle: "Head of tests" },
        },
        { rowKey: "new-c", kind: "create", properties: { email: "new.person@example.com", firstname: "New" } },
      ],
    });
    const stored = await store.findSubmission(cid, connection.portalId);
    expect(store.refOf(stored!)).toEqual(ref);
    expect(stored!.resource).toBe("crm:contacts");
    expect(await runner.runSubmission(cid)).toBe("done");
    const view = (await store.submissionView(cid, connection.portalId))!;
    expect(view.resourceTitle).toBe("Contacts");
    expect(view.counts).toMatchObject({ saved: 2, failed: 0 });
    const contacts = await get("contacts");
    expect(contacts.find((c) => c.id === contact.id)?.properties.jobtitle).toBe("Head of tests");
    expect(contacts.some((c) => c.properties.email === "new.person@example.com")).toBe(true);
    const rows = await store.submissionRowsPage(cid, { offset: 0, limit: 10 });
    expect(rows.find((r) => r.rowKey === contact.id)?.label).toBe("Contact one");

    const eventId = ((await get("marketing-events"))[0] as unknown as { objectId: string }).objectId;
    const eid = await store.insertSubmission({
      userId,
      connectionId: connection.id,
      portalId: connection.portalId,
      resource: { type: "marketing-events", apiVersion: "v3" },
      operations: [{ rowKey: eventId, kind: "update", id: eventId, properties: { eventOrganizer: "Test org" } }],
    });
    const log0 = (await (await fetch(`${sb.url}/__sandbox/requests`)).json()) as { path: string }[];
    expect(await runner.runSubmission(eid)).toBe("done");
    expect((await store.submissionView(eid, connection.portalId))!.counts.saved).toBe(1);
    const log = (await (await fetch(`${sb.url}/__sandbox/requests`)).json()) as { path: string }[];
    expect(log.slice(log0.length).some((r) => r.path === "/marketing/v3/marketing-events/batch/update")).toBe(true);
  });

  it("reads submissions stored before refs existed as campaigns", () => {
    expect(store.refOf({ resource: "campaigns", resourceRef: null })).toEqual({ type: "campaigns" });
    expect(() => store.refOf({ resource: "crm:contacts", resourceRef: null })).toThrow(/no usable resource ref/);
  });
});
