/**
 * A worker dies mid-import on PostgreSQL: its job stays active until it expires, another worker
 * (its own pool, as another process) picks the retry up and finishes. 2,000 contact creates end as
 * exactly 2,000 new contacts: the rows that were in flight are looked up by email before any resend.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../tests/support/pg-database";
import { startSandbox, type RunningSandbox } from "../../sandbox/server";
import type { RowOperation } from "../batch/types";

type Stored = { id: string; properties: Record<string, string | null> };

describe("submission jobs on PostgreSQL", () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let sb: RunningSandbox;
  const contacts = async () => (await (await fetch(`${sb.url}/__sandbox/records/contacts`)).json()) as Stored[];

  beforeAll(async () => {
    database = await createTestDatabase();
    process.env.DATABASE_URL = database.url;
    process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), "bb-jobs-pg-"));
    process.env.BATCHBOARD_SECRET = "jobs-pg-test-secret-jobs-pg-test-secret-01";
    sb = await startSandbox({ port: 0, counts: { campaigns: 0, contacts: 5 }, config: { latencyMs: 400 } });
    process.env.HUBSPOT_SANDBOX_URL = sb.url;
  });

  afterAll(async () => {
    const { closeSharedRateLimiters } = await import("../batch/shared-rate-limiter");
    await closeSharedRateLimiters();
    await (await (await import("../db")).db()).$close();
    await sb?.close();
    await database?.drop();
  });

  it("a job whose worker died is retried by another worker, and no create happens twice", async () => {
    const store = await import("./store");
    const { runSubmission } = await import("./runner");
    const { SUBMISSION_QUEUE } = await import("./start");
    const { submissionJob } = await import("./submission-job");
    const { createJobQueue } = await import("../queue/queue");
    const { insertTestConnection } = await import("../../tests/support/test-connection");
    const { user, connection: conn, portalId } = await insertTestConnection(sb);
    const ops: RowOperation[] = Array.from({ length: 2000 }, (_, i) => ({
      rowKey: `new-${i}`,
      kind: "create",
      properties: { email: `imported-${i}@example.com`, firstname: `Imported ${i}` },
    }));
    const id = await store.insertSubmission({
      userId: user.id,
      connectionId: conn.id,
      portalId,
      resource: { type: "crm", objectType: "contacts", uniqueProperty: "email" },
      source: "upload",
      operations: ops,
    });

    // Worker A sends some batches, then "dies": its handler never returns and never completes the job.
    const kill = new AbortController();
    const a = await createJobQueue({ connection: { databaseUrl: database.url }, maintenanceIntervalSeconds: 1 });
    await a.work(SUBMISSION_QUEUE, async (job: { data: { submissionId: string } }) => {
      setTimeout(() => kill.abort(), 1200);
      await runSubmission(job.data.submissionId, kill.signal);
      await new Promise(() => {});
    });
    await a.send(SUBMISSION_QUEUE, { submissionId: id }, { singletonKey: id, expireInSeconds: 2 });
    for (let i = 0; i < 100 && !kill.signal.aborted; i++) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 300));
    const mid = (await store.submissionView(id, portalId, Number.MAX_SAFE_INTEGER))!;
    expect(mid.state).toBe("running");
    // Some rows were sent (their answers may have been lost with the worker), not all finished.
    expect(mid.counts.saved + mid.counts.saving).toBeGreaterThan(0);
    expect(mid.counts.saved).toBeLessThan(2000);

    // Worker B, another "process", takes the job over once it expired.
    const b = await createJobQueue({ connection: { databaseUrl: database.url }, maintenanceIntervalSeconds: 1 });
    await b.work(SUBMISSION_QUEUE, submissionJob, { pollingIntervalSeconds: 0.5 });
    for (let i = 0; i < 450 && (await store.submissionView(id, portalId))!.state !== "done"; i++)
      await new Promise((r) => setTimeout(r, 100));
    const end = (await store.submissionView(id, portalId))!;
    expect(end.state).toBe("done");
    expect(end.counts).toMatchObject({ saved: 2000, failed: 0, pending: 0, saving: 0 });

    const imported = (await contacts()).filter((c) => c.properties.email?.startsWith("imported-"));
    expect(imported).toHaveLength(2000);
    expect(new Set(imported.map((c) => c.properties.email)).size).toBe(2000);
    await Promise.all([a.stop({ graceful: false, timeoutMs: 100 }), b.stop({ graceful: false })]);
  }, 90_000);
});
