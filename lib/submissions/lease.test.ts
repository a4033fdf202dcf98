/**
 * A running submission whose worker died is taken over (issue 11, item 5), deterministically: the
 * dead worker is a lease whose heartbeat we age by hand, not a timer we wait for. While its lease is
 * live nobody else runs it; once it expired the page says "Stalled", one sweeper (of two racing)
 * takes it over, rows that were in flight are read rather than re-sent, and every row is saved once.
 */
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareEnv } from "../../tests/support/access-token.suite";
import { startSandbox, type RunningSandbox } from "../../sandbox/server";
import type { RowOperation } from "../batch/types";

const dataDir = prepareEnv();
type Stored = { id: string; updatedAt: string; properties: Record<string, string | null> };
type Logged = { path: string; status: number; requestBody?: { inputs?: { id: string }[] } };

describe("submission lease and takeover", () => {
  let sb: RunningSandbox;
  let store: typeof import("./store");
  let lease: typeof import("./lease");
  let dbm: typeof import("../db");
  let made: Awaited<ReturnType<(typeof import("../../tests/support/test-connection"))["insertTestConnection"]>>;
  const records = async () => (await (await fetch(`${sb.url}/__sandbox/records/campaigns`)).json()) as Stored[];

  beforeAll(async () => {
    sb = await startSandbox({ port: 0, counts: { campaigns: 300 } });
    process.env.HUBSPOT_SANDBOX_URL = sb.url;
    dbm = await import("../db");
    store = await import("./store");
    lease = await import("./lease");
    made = await (await import("../../tests/support/test-connection")).insertTestConnection(sb);
  });
  afterAll(async () => {
    await sb?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("a dead worker's submission shows as stalled and is taken over once, without re-sending what it had sent", async () => {
    const all = await records();
    const ops: RowOperation[] = all.map((c, i) => ({
      rowKey: c.id,
      kind: "update",
      id: c.id,
      properties: { hs_notes: `takeover ${i}` },
      baseline: { updatedAt: c.updatedAt, values: { hs_notes: c.properties.hs_notes ?? null }, asOf: c.updatedAt },
    }));
    const id = await store.insertSubmission({
      userId: made.user.id,
      connectionId: made.connection.id,
      portalId: made.portalId,
      resource: { type: "campaigns" },
      operations: ops,
    });

    // The worker that died: it held the lease, marked 100 rows "saving", and HubSpot applied the first 50.
    expect(await lease.claimLease(id, "dead-worker")).toBe(true);
    await store.markSaving(
      id,
      ops.slice(0, 100).map((o) => o.rowKey),
    );
    const { runBatch } = await import("../batch/engine");
    const { adapterFor } = await import("../hubspot/adapter-for");
    const { HubSpotHttpClient } = await import("../hubspot/http-client");
    const { SlidingWindowLimiter } = await import("../batch/rate-limiter");
    const landed = await runBatch(ops.slice(0, 50), {
      adapter: adapterFor({ type: "campaigns" }),
      client: new HubSpotHttpClient({ apiBase: sb.url, token: async () => made.tokens.access_token }),
      limiter: new SlidingWindowLimiter({ limit: 1000 }),
    });
    expect(landed.every((o) => o.status === "saved")).toBe(true);
    await fetch(`${sb.url}/__sandbox/requests`, { method: "DELETE" });

    // Its lease is still live: a job retried elsewhere does not run it, the sweeper leaves it, the page says Running.
    const { runSubmission } = await import("./runner");
    const { startSweeper } = await import("./sweeper");
    expect(await runSubmission(id)).toBe("skipped");
    const a = startSweeper({ intervalMs: 3_600_000, log: () => {} });
    const b = startSweeper({ intervalMs: 3_600_000, log: () => {} });
    expect(await a.sweep()).toHaveLength(0);
    expect((await store.submissionView(id, made.portalId))!).toMatchObject({ state: "running", stalled: false });

    // Its heartbeat ages past the lease: stalled, and two sweepers race for it.
    const { eq, sql } = await import("drizzle-orm");
    await (
      await dbm.db()
    )
      .update(dbm.tables.submissions)
      .set({ heartbeatAt: sql`now() - interval '1 hour'` })
      .where(eq(dbm.tables.submissions.id, id));
    expect((await store.submissionView(id, made.portalId))!).toMatchObject({ state: "running", stalled: true });
    expect(await lease.stalledSubmissions()).toContain(id);
    const runs = [...(await a.sweep()), ...(await b.sweep())];
    expect((await Promise.all(runs)).sort()).toEqual(["done", "skipped"]);
    await Promise.all([a.stop(), b.stop()]);

    const end = (await store.submissionView(id, made.portalId))!;
    expect(end).toMatchObject({
      state: "done",
      stalled: false,
      counts: { saved: 300, failed: 0, conflict: 0, pending: 0, saving: 0 },
    });
    const now = new Map((await records()).map((c) => [c.id, c]));
    all.forEach((c, i) => expect(now.get(c.id)!.properties.hs_notes).toBe(`takeover ${i}`));
    // The 50 rows HubSpot already held were read, not sent again; every other row was written once.
    const log = (await (
      await fetch(`${sb.url}/__sandbox/requests?path=/marketing/campaigns/2026-03/batch/update`)
    ).json()) as Logged[];
    const written = log
      .filter((r) => r.status === 200 || r.status === 207)
      .flatMap((r) => r.requestBody?.inputs ?? [])
      .map((i) => i.id);
    expect(written.sort()).toEqual(
      all
        .slice(50)
        .map((c) => c.id)
        .sort(),
    );
    // The dead worker, were it to wake up, has lost its lease and must stop.
    expect(await lease.renewLease(id, "dead-worker")).toBe(false);
  });

  it("a default lease is taken over within a minute: the lease plus one sweep", async () => {
    expect(lease.leaseSeconds()).toBe(45);
    expect(lease.heartbeatMs()).toBe(10_000);
    expect(lease.leaseSeconds() * 1000 + lease.sweepIntervalMs()).toBeLessThanOrEqual(60_000);
  });
});
