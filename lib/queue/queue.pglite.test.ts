/**
 * The job queue on the default store: pg-boss on the app's PGlite (in a temp DATA_DIR) through
 * PgliteBossDb. Several JobQueue instances on the one PGlite stand in for successive processes.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Before any app module is loaded: env() and db() read the environment once per process.
const dataDir = mkdtempSync(path.join(tmpdir(), "bb-jobs-"));
process.env.DATA_DIR = dataDir;
delete process.env.DATABASE_URL;

type QueueModule = typeof import("./queue");
let qm: QueueModule;
let dbm: typeof import("../db");
let pglite: PGlite;
const extra: import("./queue").JobQueue[] = [];

async function waitFor(cond: () => boolean | Promise<boolean>, timeoutMs: number, what: string) {
  const end = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Another "process" on the same PGlite. */
async function another(opts: Partial<import("./queue").JobQueueOptions> = {}) {
  const q = await qm.createJobQueue({
    connection: { pglite },
    onError: (e) => console.error("[test queue]", e),
    ...opts,
  });
  extra.push(q);
  return q;
}

beforeAll(async () => {
  qm = await import("./queue");
  dbm = await import("../db");
  await qm.jobQueue();
  // Test-only: the PGlite behind the app's drizzle instance (see pgliteOf in queue.ts).
  pglite = ((await dbm.db()) as unknown as { $client: PGlite }).$client;
});

afterAll(async () => {
  for (const q of extra) await q.stop({ graceful: false }).catch(() => {});
  await qm?.stopJobQueue({ graceful: false });
  if (dbm) await (await dbm.db()).$close().catch(() => {});
  rmSync(dataDir, { recursive: true, force: true });
});

describe("job queue on PGlite", () => {
  it("runs a sent job once, with its data, and records the result", async () => {
    const q = await qm.jobQueue();
    const calls: { id: string; data: unknown; retryCount: number }[] = [];
    await q.work<{ n: number }>(
      "pglite-once",
      async (job) => {
        calls.push({ id: job.id, data: job.data, retryCount: job.retryCount });
        return { doubled: job.data.n * 2 };
      },
      { pollingIntervalSeconds: 0.5 },
    );
    const id = await q.send("pglite-once", { n: 21 });
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    await waitFor(async () => (await q.getJobById("pglite-once", id!))?.state === "completed", 5000, "completion");
    await sleep(700); // more than one polling interval: a second run would show up
    expect(calls).toEqual([{ id, data: { n: 21 }, retryCount: 0 }]);
    const job = await q.getJobById("pglite-once", id!);
    expect(job).toMatchObject({ state: "completed", data: { n: 21 }, output: { doubled: 42 }, retryCount: 0 });
    // The app's own tables are untouched and usable next to pgboss.*
    const { rows } = await pglite.query<{ n: number }>(
      "select count(*)::int as n from pgboss.job where name = 'pglite-once'",
    );
    expect(rows[0]!.n).toBe(1);
  });

  it("keeps one unfinished job per singletonKey", async () => {
    const q = await qm.jobQueue();
    const first = await q.send("pglite-single", { a: 1 }, { singletonKey: "submission-1" });
    expect(first).toBeTruthy();
    expect(await q.send("pglite-single", { a: 2 }, { singletonKey: "submission-1" })).toBeNull();
    const other = await q.send("pglite-single", { a: 3 }, { singletonKey: "submission-2" });
    expect(other).toBeTruthy();
    expect(await q.cancel("pglite-single", first!)).toBe(1);
    const again = await q.send("pglite-single", { a: 4 }, { singletonKey: "submission-1" });
    expect(again).toBeTruthy();
    expect(again).not.toBe(first);
  });

  it("retries a handler that throws", async () => {
    const q = await qm.jobQueue();
    await q.createQueue("pglite-retry", { retryLimit: 2, retryDelay: 0, retryBackoff: false, expireInSeconds: 30 });
    const attempts: number[] = [];
    await q.work(
      "pglite-retry",
      async (job) => {
        attempts.push(job.retryCount);
        if (job.retryCount < 2) throw new Error(`boom ${job.retryCount}`);
        return "ok";
      },
      { pollingIntervalSeconds: 0.5 },
    );
    const id = (await q.send("pglite-retry", {}))!;
    await waitFor(
      async () => (await q.getJobById("pglite-retry", id))?.state === "completed",
      8000,
      "completion after retries",
    );
    expect(attempts).toEqual([0, 1, 2]);
    expect(await q.getJobById("pglite-retry", id)).toMatchObject({ retryCount: 2, output: { value: "ok" } });

    // Out of retries: the job stays failed with the error.
    await q.createQueue("pglite-fail", { retryLimit: 1, retryDelay: 0, retryBackoff: false, expireInSeconds: 30 });
    let failures = 0;
    await q.work(
      "pglite-fail",
      async () => {
        failures++;
        throw new Error("always");
      },
      { pollingIntervalSeconds: 0.5 },
    );
    const failing = (await q.send("pglite-fail", {}))!;
    await waitFor(async () => (await q.getJobById("pglite-fail", failing))?.state === "failed", 8000, "failure");
    expect(failures).toBe(2);
    expect(JSON.stringify((await q.getJobById("pglite-fail", failing))!.output)).toContain("always");
  });

  it("cancels a running job (its signal aborts) and resumes it", async () => {
    const q = await another({ cancelCheckSeconds: 0.5 });
    const seen: { retryCount: number; aborted?: unknown }[] = [];
    await q.work(
      "pglite-cancel",
      async (job) => {
        const entry: { retryCount: number; aborted?: unknown } = { retryCount: job.retryCount };
        seen.push(entry);
        if (job.retryCount > 0) return "resumed";
        await new Promise<void>((resolve) => job.signal.addEventListener("abort", () => resolve(), { once: true }));
        entry.aborted = job.signal.reason;
        throw job.signal.reason;
      },
      { pollingIntervalSeconds: 0.5 },
    );
    const id = (await q.send("pglite-cancel", {}))!;
    await waitFor(() => seen.length === 1, 3000, "start");
    expect(await q.cancel("pglite-cancel", id)).toBe(1);
    await waitFor(() => seen[0]!.aborted !== undefined, 3000, "abort after cancel");
    expect(seen[0]!.aborted).toBeInstanceOf(qm.JobAbortError);
    expect((seen[0]!.aborted as InstanceType<QueueModule["JobAbortError"]>).kind).toBe("cancelled");
    await sleep(300);
    expect((await q.getJobById("pglite-cancel", id))!.state).toBe("cancelled"); // the handler's throw does not fail it
    expect(await q.resume("pglite-cancel", id)).toBe(1);
    await waitFor(
      async () => (await q.getJobById("pglite-cancel", id))?.state === "completed",
      4000,
      "completion after resume",
    );
    expect(seen.map((s) => s.retryCount)).toEqual([0, 1]);
  });

  it("hands a job whose worker stopped mid-job to the next worker", async () => {
    await (
      await qm.jobQueue()
    ).createQueue("pglite-stop", { retryLimit: 2, retryDelay: 0, retryBackoff: false, expireInSeconds: 60 });
    const q1 = await another();
    let signal: AbortSignal | undefined;
    await q1.work(
      "pglite-stop",
      (job) => {
        signal = job.signal;
        return new Promise(() => {});
      },
      { pollingIntervalSeconds: 0.5 },
    );
    const id = (await q1.send("pglite-stop", { step: 1 }))!;
    await waitFor(() => signal !== undefined, 3000, "start");
    await q1.stop({ graceful: false });
    expect(signal!.aborted).toBe(true);
    expect((signal!.reason as InstanceType<QueueModule["JobAbortError"]>).kind).toBe("shutdown");
    expect((await (await qm.jobQueue()).getJobById("pglite-stop", id))!.state).toBe("retry");

    const q2 = await another();
    const got: { id: string; retryCount: number; data: unknown }[] = [];
    await q2.work(
      "pglite-stop",
      async (job) => {
        got.push({ id: job.id, retryCount: job.retryCount, data: job.data });
      },
      { pollingIntervalSeconds: 0.5 },
    );
    await waitFor(
      async () => (await q2.getJobById("pglite-stop", id))?.state === "completed",
      4000,
      "pick-up by the next worker",
    );
    expect(got).toEqual([{ id, retryCount: 1, data: { step: 1 } }]);
  });

  it("retries a job whose worker died without a word once it expires", async () => {
    await (
      await qm.jobQueue()
    ).createQueue("pglite-crash", { retryLimit: 2, retryDelay: 0, retryBackoff: false, expireInSeconds: 2 });
    const q1 = await another();
    const id = (await q1.send("pglite-crash", { step: 2 }))!;
    // A worker takes the job and its process dies: the job stays active, nobody fails it.
    const [taken] = await q1.boss.fetch<{ step: number }>("pglite-crash");
    const fetchedAt = Date.now();
    expect(taken?.id).toBe(id);
    await q1.stop({ graceful: false }); // knows nothing of the fetched job: like a kill -9
    expect((await (await qm.jobQueue()).getJobById("pglite-crash", id))!.state).toBe("active");

    const q2 = await another({ maintenanceIntervalSeconds: 1 });
    const got: number[] = [];
    let pickedAt = 0;
    await q2.work(
      "pglite-crash",
      async (job) => {
        pickedAt = Date.now();
        got.push(job.retryCount);
      },
      { pollingIntervalSeconds: 0.5 },
    );
    await waitFor(
      async () => (await q2.getJobById("pglite-crash", id))?.state === "completed",
      6000,
      "expiry and retry",
    );
    expect(got).toEqual([1]);
    expect(pickedAt - fetchedAt).toBeGreaterThanOrEqual(1900); // not before the 2 s expiry
  });

  it("on restart (failActiveJobsOnStart, as jobQueue() on PGlite) retries jobs left active at once", async () => {
    await (
      await qm.jobQueue()
    ).createQueue("pglite-restart", { retryLimit: 2, retryDelay: 0, retryBackoff: false, expireInSeconds: 600 });
    const q1 = await another();
    const id = (await q1.send("pglite-restart", { step: 3 }))!;
    const [taken] = await q1.boss.fetch("pglite-restart");
    expect(taken?.id).toBe(id);
    await q1.stop({ graceful: false }); // the process is gone; the job is still "active"

    const q2 = await another({ failActiveJobsOnStart: true });
    expect((await q2.getJobById("pglite-restart", id))!.state).toBe("retry");
    const got: number[] = [];
    await q2.work(
      "pglite-restart",
      async (job) => {
        got.push(job.retryCount);
      },
      { pollingIntervalSeconds: 0.5 },
    );
    await waitFor(
      async () => (await q2.getJobById("pglite-restart", id))?.state === "completed",
      3000,
      "the retry (long before the 10 min expiry)",
    );
    expect(got).toEqual([1]);
  });
});
