/**
 * A worker process killed mid-run on PostgreSQL (issue 11, item 5), as an operator or the OOM killer
 * would: SIGKILL, no cleanup. What the database says at that moment is close to what HubSpot holds
 * (each batch's outcomes are recorded as soon as it is answered, so only the batches in flight may be
 * unknown); the page shows the job as stalled once its lease expires; another process's sweeper
 * takes it over well within a minute, reads the rows that were in flight instead of re-sending them,
 * and finishes with every campaign written exactly once.
 */
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../tests/support/pg-database";
import { startSandbox, type RunningSandbox } from "../../sandbox/server";
import type { RowOperation } from "../batch/types";

type Stored = { id: string; properties: Record<string, string | null> };
type Logged = { path: string; status: number; requestBody?: { inputs?: { id: string }[] } };
const SECRET = "takeover-pg-secret-takeover-pg-secret-01";
const UPDATE = "/marketing/campaigns/2026-03/batch/update";
const IN_FLIGHT = 4 * 50;

describe("takeover of a killed worker's submission on PostgreSQL", () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let sb: RunningSandbox;
  const campaigns = async () => (await (await fetch(`${sb.url}/__sandbox/records/campaigns`)).json()) as Stored[];
  const writtenIds = async () =>
    ((await (await fetch(`${sb.url}/__sandbox/requests?path=${UPDATE}`)).json()) as Logged[])
      .filter((r) => r.path === UPDATE && (r.status === 200 || r.status === 207))
      .flatMap((r) => r.requestBody?.inputs ?? [])
      .map((i) => i.id);

  beforeAll(async () => {
    database = await createTestDatabase();
    process.env.DATABASE_URL = database.url;
    process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), "bb-takeover-pg-"));
    process.env.BATCHBOARD_SECRET = SECRET;
    process.env.SUBMISSION_LEASE_SECONDS = "5";
    sb = await startSandbox({ port: 0, counts: { campaigns: 1200 }, config: { latencyMs: 250 } });
    process.env.HUBSPOT_SANDBOX_URL = sb.url;
  });

  afterAll(async () => {
    const { closeSharedRateLimiters } = await import("../batch/shared-rate-limiter");
    await closeSharedRateLimiters();
    await (await (await import("../db")).db()).$close();
    await sb?.close();
    await database?.drop();
  });

  it("records answered batches at once, shows the job stalled, and another process finishes it without re-sending", async () => {
    const store = await import("./store");
    const { SUBMISSION_QUEUE } = await import("./start");
    const { createJobQueue } = await import("../queue/queue");
    const { insertTestConnection } = await import("../../tests/support/test-connection");
    const { user, connection, portalId } = await insertTestConnection(sb);
    const all = await campaigns();
    const ops: RowOperation[] = all.map((c, i) => ({
      rowKey: c.id,
      kind: "update",
      id: c.id,
      properties: { hs_notes: `killed ${i}` },
    }));
    const id = await store.insertSubmission({
      userId: user.id,
      connectionId: connection.id,
      portalId,
      resource: { type: "campaigns" },
      operations: ops,
    });

    // `npm run worker`, as users start it.
    const root = path.resolve(import.meta.dirname, "../..");
    const child = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "scripts/worker.ts"], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: database.url, BATCHBOARD_SECRET: SECRET, SUBMISSION_LEASE_SECONDS: "5" },
    });
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
    });
    child.stderr.on("data", (d) => {
      out += d;
    });
    const exited = new Promise((resolve) => child.on("exit", resolve));
    for (let i = 0; i < 600 && !/working: /.test(out) && child.exitCode === null; i++)
      await new Promise((r) => setTimeout(r, 100));
    expect(out).toMatch(/working: submission/);

    const queue = await createJobQueue({ connection: { databaseUrl: database.url } });
    await queue.send(SUBMISSION_QUEUE, { submissionId: id }, { singletonKey: id });
    // Kill it once HubSpot has answered 8 of the 24 batches.
    for (let i = 0; i < 1200 && (await writtenIds()).length < 400; i++) await new Promise((r) => setTimeout(r, 25));
    child.kill("SIGKILL");
    const answered = (await writtenIds()).length;
    await exited;
    expect(answered).toBeGreaterThanOrEqual(400);
    expect(answered).toBeLessThan(1200);

    // Only the batches in flight may be unknown: the database holds the rest as saved.
    const mid = (await store.submissionView(id, portalId))!;
    expect(mid.state).toBe("running");
    expect(mid.counts.failed).toBe(0);
    expect(mid.counts.saved).toBeGreaterThanOrEqual(answered - IN_FLIGHT);
    const held = new Set(await writtenIds());
    expect(mid.outcomes.every((o) => o.status === "saved" && held.has(o.rowKey))).toBe(true);

    // Once the lease (5 s here) has run out, the page says Stalled instead of Running.
    for (let i = 0; i < 150 && !(await store.submissionView(id, portalId))!.stalled; i++)
      await new Promise((r) => setTimeout(r, 100));
    expect((await store.submissionView(id, portalId))!.stalled).toBe(true);

    // Another process's sweeper takes it over.
    const { startSweeper } = await import("./sweeper");
    const sweeper = startSweeper({ intervalMs: 3_600_000, log: () => {} });
    const runs = await sweeper.sweep();
    expect(runs).toHaveLength(1);
    expect(await runs[0]).toBe("done");
    await sweeper.stop();

    const end = (await store.submissionView(id, portalId))!;
    expect(end).toMatchObject({
      state: "done",
      stalled: false,
      counts: { saved: 1200, failed: 0, conflict: 0, pending: 0, saving: 0 },
    });
    const now = new Map((await campaigns()).map((c) => [c.id, c]));
    all.forEach((c, i) => expect(now.get(c.id)!.properties.hs_notes).toBe(`killed ${i}`));
    // Rows in flight at the kill were read, not re-sent: each campaign was written exactly once.
    const written = await writtenIds();
    expect(written.length).toBe(1200);
    expect(new Set(written).size).toBe(1200);
    await queue.stop({ graceful: false, timeoutMs: 100 });
  }, 120_000);
});
