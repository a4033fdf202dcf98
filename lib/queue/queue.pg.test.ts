/**
 * The job queue on PostgreSQL: two JobQueue instances with pools of their own stand in for two
 * worker processes on one database.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../tests/support/pg-database";
import { createJobQueue, type JobQueue } from "./queue";

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let a: JobQueue;
let b: JobQueue;

async function waitFor(cond: () => boolean | Promise<boolean>, timeoutMs: number, what: string) {
  const end = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  database = await createTestDatabase();
  // Both start at once on an empty database: one installs the pgboss schema, the other waits for it.
  [a, b] = await Promise.all([
    createJobQueue({ connection: { databaseUrl: database.url } }),
    createJobQueue({ connection: { databaseUrl: database.url } }),
  ]);
});

afterAll(async () => {
  await Promise.all([a?.stop({ graceful: false }), b?.stop({ graceful: false })]);
  await database?.drop();
});

describe("job queue on PostgreSQL", () => {
  it("installed pg-boss in the pgboss schema", async () => {
    const c = new pg.Client({ connectionString: database.url });
    await c.connect();
    try {
      const { rows } = await c.query("select version from pgboss.version");
      expect(rows).toHaveLength(1);
    } finally {
      await c.end();
    }
  });

  it("gives each of 50 jobs to exactly one of two workers", async () => {
    await a.createQueue("pg-fanout", { retryLimit: 0, expireInSeconds: 30 });
    const ids = await Promise.all(Array.from({ length: 50 }, (_, n) => a.send("pg-fanout", { n })));
    expect(new Set(ids).size).toBe(50);

    const processed: { n: number; by: "a" | "b"; id: string }[] = [];
    const handler = (by: "a" | "b") => async (job: { id: string; data: { n: number } }) => {
      processed.push({ n: job.data.n, by, id: job.id });
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 20));
    };
    await Promise.all([
      a.work("pg-fanout", handler("a"), { pollingIntervalSeconds: 0.5, concurrency: 4 }),
      b.work("pg-fanout", handler("b"), { pollingIntervalSeconds: 0.5, concurrency: 4 }),
    ]);
    await waitFor(() => processed.length >= 50, 12_000, "50 jobs");
    await new Promise((r) => setTimeout(r, 700)); // a duplicate would show up within a polling interval

    const ns = processed.map((p) => p.n).sort((x, y) => x - y);
    expect(ns).toEqual(Array.from({ length: 50 }, (_, n) => n));
    expect(new Set(processed.map((p) => p.id)).size).toBe(50);
    expect(processed.filter((p) => p.by === "a").length).toBeGreaterThan(0);
    expect(processed.filter((p) => p.by === "b").length).toBeGreaterThan(0);
    await waitFor(async () => (await a.getJobById("pg-fanout", ids[49]!))?.state === "completed", 2000, "completion");
    const states = await Promise.all(ids.map(async (id) => (await b.getJobById("pg-fanout", id!))?.state));
    expect(states.every((s) => s === "completed")).toBe(true);
  });

  it("creates queues from two processes at once without deadlocking", async () => {
    // Unserialised, pg-boss 10's create_queue() deadlocks here ("deadlock detected").
    const names = ["pg-c1", "pg-c2", "pg-c3", "pg-c4"];
    await Promise.all([
      ...names.map((n) => a.createQueue(n, { retryLimit: 1 })),
      ...names.reverse().map((n) => b.createQueue(n, { retryLimit: 2 })),
    ]);
    const queues = await a.boss.getQueues();
    expect(queues.filter((q) => names.includes(q.name))).toHaveLength(4);
  });

  it("enqueues one job per singletonKey however many processes send it at once", async () => {
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).send("pg-single", { i }, { singletonKey: "submission-7" })),
    );
    expect(results.filter((id) => id !== null)).toHaveLength(1);
  });
});
