/**
 * Two users of one portal (an admin and a marketer), below the UI, through the server actions:
 * every write runs on the grant of the user who starts it and is recorded as theirs, whoever
 * prepared it; only a job's owner steers it; seeing stays shared. The admin's grant is revoked in
 * each case before the marketer acts, so a write on it would pause ("HubSpot access was revoked").
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { prepareEnv } from "../../tests/support/access-token.suite";
import type { Session } from "../auth/session";
import { startSandbox, type RunningSandbox } from "../../sandbox/server";

const dataDir = prepareEnv();
/** The signed-in user of the "request" (the actions read the session through next/headers in the app). */
let current: Session;
vi.mock("../auth/session", async (original) => ({
  ...(await original<typeof import("../auth/session")>()),
  getSession: async () => current,
}));

type Stored = { id: string; updatedAt: string; properties: Record<string, string | null> };
type Made = Awaited<ReturnType<typeof import("../../tests/support/test-connection").insertTestConnection>>;

describe("who acts on a submission", () => {
  let sb: RunningSandbox;
  let admin: Made;
  let marketer: Made;
  let dbm: typeof import("../db");
  let store: typeof import("./store");
  const records = async (kind: string) =>
    (await (await fetch(`${sb.url}/__sandbox/records/${kind}`)).json()) as Stored[];
  const setAdminStatus = async (status: "active" | "revoked") =>
    (await dbm.db())
      .update(dbm.tables.connections)
      .set({ status, statusReason: status === "revoked" ? "You signed out." : null })
      .where(eq(dbm.tables.connections.id, admin.connection.id));
  const submission = async (id: string) => (await store.findSubmission(id, admin.portalId))!;
  async function until<T>(read: () => Promise<T>, done: (v: T) => boolean): Promise<T> {
    for (let i = 0; i < 300; i++) {
      const v = await read();
      if (done(v)) return v;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error("timed out");
  }
  const finished = (id: string) =>
    until(
      () => submission(id),
      (s) => !["running", "draft"].includes(s.state),
    );
  /** A finished submission of the admin's, run on the admin's grant. */
  async function adminSubmission(operations: import("../batch/types").RowOperation[]) {
    const id = await store.insertSubmission({
      userId: admin.user.id,
      connectionId: admin.connection.id,
      portalId: admin.portalId,
      resource: { type: "campaigns" },
      operations,
    });
    expect(await (await import("./runner")).runSubmission(id)).toBe("done");
    return id;
  }

  beforeAll(async () => {
    sb = await startSandbox({ port: 0, counts: { campaigns: 30, contacts: 20 } });
    process.env.HUBSPOT_SANDBOX_URL = sb.url;
    const { insertTestConnection } = await import("../../tests/support/test-connection");
    admin = await insertTestConnection(sb, undefined, "admin@acme-marketing.example.com");
    marketer = await insertTestConnection(sb, undefined, "marketer@acme-marketing.example.com");
    // The app's process works its queues from its start (instrumentation.ts, lib/jobs/in-process.ts).
    await (await import("../jobs/in-process")).ensureInProcessWorkers();
    dbm = await import("../db");
    store = await import("./store");
  });
  beforeEach(() => setAdminStatus("active"));
  afterAll(async () => {
    const { stopJobQueue } = await import("../queue/queue");
    await stopJobQueue({ graceful: false });
    await sb?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("an upload of the admin's, dry-run and imported by the marketer, reads and writes on the marketer's grant and is theirs", async () => {
    const contact = (await records("contacts"))[0]!;
    const dir = path.join(dataDir, "uploads");
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, "titles.csv");
    writeFileSync(file, `Email,Job title\n${contact.properties.email},Imported by the marketer\n`);
    const { insertUpload, findUpload } = await import("../uploads/upload-store");
    const uploadId = await insertUpload(admin.actor, {
      fileName: "titles.csv",
      kind: "csv",
      sizeBytes: 1,
      storedPath: file,
      sheets: [],
      sheet: null,
      headers: ["Email", "Job title"],
      rowCount: 1,
    });
    await setAdminStatus("revoked");

    current = marketer.session;
    const actions = await import("../uploads/actions");
    const options = {
      dateFormat: "auto" as const,
      timeZone: "UTC",
      decimalSeparator: "." as const,
      booleanTrue: ["true"],
      booleanFalse: ["false"],
      emptyMeans: "leave" as const,
    };
    const settings = {
      target: { type: "crm" as const, objectType: "contacts" },
      mode: "update" as const,
      keyColumn: "email",
      mapping: { Email: "email", "Job title": "jobtitle" },
      options,
    };
    expect(await actions.dryRunUploadRows({ id: uploadId, settings })).toMatchObject({ ok: true });
    const dry = await until(
      async () =>
        (await findUpload(uploadId, admin.portalId))!.dryRun as {
          state: string;
          submissionId?: string;
          message?: string;
        },
      (d) => d.state !== "running",
    );
    expect(dry).toMatchObject({ state: "done", updates: 1 });
    expect(await submission(dry.submissionId!)).toMatchObject({
      state: "draft",
      userId: marketer.user.id,
      connectionId: marketer.connection.id,
    });

    expect(await actions.runUpload({ id: uploadId })).toMatchObject({
      ok: true,
      data: { submissionId: dry.submissionId },
    });
    expect(await finished(dry.submissionId!)).toMatchObject({
      state: "done",
      userId: marketer.user.id,
      connectionId: marketer.connection.id,
    });
    expect((await records("contacts")).find((c) => c.id === contact.id)!.properties.jobtitle).toBe(
      "Imported by the marketer",
    );
  });

  it("a draft dry-run by the admin and imported by the marketer becomes the marketer's", async () => {
    const campaign = (await records("campaigns"))[1]!;
    const draftId = await store.insertSubmission({
      userId: admin.user.id,
      connectionId: admin.connection.id,
      portalId: admin.portalId,
      resource: { type: "campaigns" },
      source: "upload",
      state: "draft",
      operations: [
        { rowKey: campaign.id, kind: "update", id: campaign.id, properties: { hs_notes: "draft of the admin" } },
      ],
    });
    const { insertUpload, updateUpload } = await import("../uploads/upload-store");
    const uploadId = await insertUpload(admin.actor, {
      fileName: "x.csv",
      kind: "csv",
      sizeBytes: 1,
      storedPath: "/nonexistent",
      sheets: [],
      sheet: null,
      headers: [],
      rowCount: 1,
    });
    await updateUpload(uploadId, { submissionId: draftId });
    await setAdminStatus("revoked");
    current = marketer.session;
    expect(await (await import("../uploads/actions")).runUpload({ id: uploadId })).toMatchObject({ ok: true });
    expect(await finished(draftId)).toMatchObject({
      state: "done",
      userId: marketer.user.id,
      connectionId: marketer.connection.id,
    });
  });

  it("retrying the admin's failed rows runs on the marketer's grant", async () => {
    const campaign = (await records("campaigns"))[2]!;
    // A date-time in a date property: HubSpot refuses this row.
    const id = await adminSubmission([
      { rowKey: campaign.id, kind: "update", id: campaign.id, properties: { hs_start_date: "2026-01-01T10:00:00Z" } },
    ]);
    await setAdminStatus("revoked");
    current = marketer.session;
    const retried = await (await import("./actions")).retryFailedRows({ id });
    if (!retried.ok) throw new Error(retried.error.message);
    // On the admin's revoked grant it would pause; on the marketer's it runs (the row fails again, as it must).
    expect(await finished(retried.data.submissionId)).toMatchObject({
      state: "done",
      userId: marketer.user.id,
      connectionId: marketer.connection.id,
    });
  });

  it("a revert previewed by the admin and confirmed by the marketer runs as the marketer", async () => {
    const campaign = (await records("campaigns"))[3]!;
    const id = await adminSubmission([
      {
        rowKey: campaign.id,
        kind: "update",
        id: campaign.id,
        properties: { hs_notes: "to be reverted" },
        baseline: { updatedAt: campaign.updatedAt, values: { hs_notes: campaign.properties.hs_notes ?? null } },
      },
    ]);
    current = admin.session;
    const reverts = await import("../reverts/actions");
    const preview = await reverts.startRevertPreview({ id });
    if (!preview.ok) throw new Error(preview.error.message);
    const { planStateOf } = await import("../reverts/service");
    await until(
      async () => planStateOf((await submission(preview.data.draftId)).plan)?.state,
      (s) => s === "ready",
    );
    await setAdminStatus("revoked");
    current = marketer.session;
    expect(await reverts.startRevert({ id: preview.data.draftId, conflicts: "skip", archive: false })).toMatchObject({
      ok: true,
    });
    expect(await finished(preview.data.draftId)).toMatchObject({
      state: "done",
      userId: marketer.user.id,
      connectionId: marketer.connection.id,
    });
    expect((await records("campaigns")).find((c) => c.id === campaign.id)!.properties.hs_notes ?? null).toBe(
      campaign.properties.hs_notes ?? null,
    );
  });

  it("only the owner pauses, resumes or cancels a job; everyone in the portal sees it", async () => {
    const campaign = (await records("campaigns"))[4]!;
    const id = await store.insertSubmission({
      userId: admin.user.id,
      connectionId: admin.connection.id,
      portalId: admin.portalId,
      resource: { type: "campaigns" },
      operations: [{ rowKey: campaign.id, kind: "update", id: campaign.id, properties: { hs_notes: "paused" } }],
    });
    await store.setSubmissionState(id, "paused", "Paused by you.");
    const actions = await import("./actions");

    current = marketer.session;
    for (const action of ["resume", "cancel"] as const) {
      const res = await actions.controlSubmission({ id, action });
      expect(res).toMatchObject({
        ok: false,
        error: {
          code: "forbidden",
          message: `Only admin@acme-marketing.example.com, who started this submission, can ${action} it.`,
        },
      });
    }
    expect((await submission(id)).state).toBe("paused");
    expect(await actions.getSubmission({ id })).toMatchObject({ ok: true, data: { state: "paused" } });

    current = admin.session;
    expect(await actions.controlSubmission({ id, action: "cancel" })).toMatchObject({
      ok: true,
      data: { state: "cancelled" },
    });
  });
});
