/**
 * Submissions as jobs, against the sandbox: a run paused midway and resumed, and a run whose HubSpot
 * grant is revoked midway, paused with the reason and resumed by signing in again. In both, every
 * row ends written exactly as intended: nothing lost, nothing left behind.
 */
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareEnv } from "../../tests/support/access-token.suite";
import { startSandbox, type RunningSandbox } from "../../sandbox/server";
import type { RowOperation } from "../batch/types";

const dataDir = prepareEnv();
const SCOPES = ["oauth", "marketing.campaigns.read", "marketing.campaigns.write"];
type Stored = { id: string; updatedAt: string; properties: Record<string, string | null> };

describe("submission jobs", () => {
  let sb: RunningSandbox;
  let store: typeof import("./store");
  let runner: typeof import("./runner");
  let resume: typeof import("./resume");
  let dbm: typeof import("../db");
  let connection: { id: string; userId: string; portalId: number };
  let tokens: { access_token: string; refresh_token: string };
  const records = async () => (await (await fetch(`${sb.url}/__sandbox/records/campaigns`)).json()) as Stored[];
  const control = (path: string, body: unknown) =>
    fetch(`${sb.url}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    sb = await startSandbox({ port: 0, counts: { campaigns: 1200 }, config: { latencyMs: 150 } });
    process.env.HUBSPOT_SANDBOX_URL = sb.url;
    dbm = await import("../db");
    store = await import("./store");
    runner = await import("./runner");
    resume = await import("./resume");
    const made = await (await import("../../tests/support/test-connection")).insertTestConnection(sb, SCOPES);
    tokens = made.tokens;
    connection = { id: made.connection.id, userId: made.user.id, portalId: made.portalId };
  });

  afterAll(async () => {
    await sb?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function submit(tag: string, from: number, n: number) {
    const all = (await records()).slice(from, from + n);
    const ops: RowOperation[] = all.map((c) => ({
      rowKey: c.id,
      kind: "update",
      id: c.id,
      properties: { hs_notes: `${tag} ${c.id}` },
    }));
    const id = await store.insertSubmission({
      userId: connection.userId,
      connectionId: connection.id,
      portalId: connection.portalId,
      resource: { type: "campaigns" },
      operations: ops,
    });
    return { id, ids: all.map((c) => c.id) };
  }
  const written = async (tag: string, ids: string[]) => {
    const now = new Map((await records()).map((c) => [c.id, c]));
    return ids.filter((id) => now.get(id)?.properties.hs_notes === `${tag} ${id}`).length;
  };

  it("a paused run stops after the batches in flight and a resumed one finishes every row", async () => {
    const { id, ids } = await submit("pause", 0, 500);
    // Slow answers, so the run outlasts the job's once-a-second look at its state (at 150 ms, 500 rows
    // could all be written before the pause is noticed, and the run would rightly end "done").
    await control("/__sandbox/config", { latencyMs: 600 });
    const run = runner.runSubmission(id);
    // Pause once some rows are saved (polled, not a fixed wait: a loaded machine is slower).
    for (let i = 0; i < 200 && (await store.submissionView(id, connection.portalId))!.counts.saved === 0; i++)
      await new Promise((r) => setTimeout(r, 20));
    await store.setSubmissionState(id, "paused", "Paused by you.");
    expect(await run).toBe("paused");
    await control("/__sandbox/config", { latencyMs: 150 });
    const mid = (await store.submissionView(id, connection.portalId))!;
    expect(mid.state).toBe("paused");
    expect(mid.counts.saved).toBeGreaterThan(0);
    expect(mid.counts.pending + mid.counts.saving).toBeGreaterThan(0);

    await store.setSubmissionState(id, "running");
    expect(await runner.runSubmission(id)).toBe("done");
    const end = (await store.submissionView(id, connection.portalId))!;
    expect(end.counts).toMatchObject({ saved: 500, failed: 0, pending: 0, saving: 0 });
    expect(await written("pause", ids)).toBe(500);
  });

  it("a revoked grant pauses the run with the reason; signing in again resumes it", async () => {
    const { id, ids } = await submit("revoke", 500, 500);
    const run = runner.runSubmission(id);
    await new Promise((r) => setTimeout(r, 400));
    // The user disconnects the app in HubSpot: the refresh token and its access tokens stop working.
    expect((await control("/__sandbox/tokens/revoke", { token: tokens.refresh_token })).ok).toBe(true);
    expect(await run).toBe("paused");
    const paused = (await store.submissionView(id, connection.portalId))!;
    expect(paused.pausedReason).toMatch(/^HubSpot access was revoked/);
    expect(paused.counts.failed).toBe(0);

    // Signing in again stores new tokens for the connection, then resumes its paused submissions.
    const fresh = sb.ctx.issueTokens({
      portalId: connection.portalId,
      scopes: SCOPES,
      clientId: "batchboard-sandbox-client",
    });
    const { secretBox } = await import("../crypto/app-secret");
    const { eq } = await import("drizzle-orm");
    await (
      await dbm.db()
    )
      .update(dbm.tables.connections)
      .set({
        status: "active",
        statusReason: null,
        accessTokenEnc: secretBox().seal(fresh.access_token),
        refreshTokenEnc: secretBox().seal(fresh.refresh_token),
        accessTokenExpiresAt: new Date(Date.now() + 1800_000),
      })
      .where(eq(dbm.tables.connections.id, connection.id));
    // The app's process works its queues from its start (instrumentation.ts).
    await (await import("../jobs/in-process")).ensureInProcessWorkers();
    expect(await resume.resumeAfterReconnect(connection.id)).toBe(1);
    // The queued job runs in this process; wait for it to finish.
    for (let i = 0; i < 100 && (await store.submissionView(id, connection.portalId))!.state !== "done"; i++)
      await new Promise((r) => setTimeout(r, 200));
    const end = (await store.submissionView(id, connection.portalId))!;
    expect(end.counts).toMatchObject({ saved: 500, failed: 0, pending: 0, saving: 0 });
    expect(await written("revoke", ids)).toBe(500);
    const { stopJobQueue } = await import("../queue/queue");
    await stopJobQueue({ graceful: false });
  });
});
