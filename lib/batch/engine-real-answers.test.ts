import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { campaignBatchAdapter } from "../hubspot/campaign-batch-adapter";
import { HubSpotHttpClient } from "../hubspot/http-client";
import type { PauseVerdict } from "../hubspot/retry-policy";
import type { RunBatchOptions } from "./engine";
import { BATCH_CREATE, BATCH_UPDATE, byStatus, sandboxKit, type SandboxKit } from "../../tests/support/sandbox-kit";
import type { RowOperation, RowOutcome } from "./types";

/**
 * The engine against the sandbox answering as real HubSpot does (issue 12, items 1, 2 and 8): rate
 * limits by policy, Retry-After, 423 Locked, 477 Migration in Progress, gateway errors, and a call
 * that hangs after HubSpot applied it. The sandbox's records and request log are the witness.
 */
let kit: SandboxKit;
beforeAll(async () => {
  kit = await sandboxKit({ campaigns: 120 });
});
afterAll(async () => kit?.close());
beforeEach(async () => kit.reset());

const run = (ops: RowOperation[], extra: Partial<RunBatchOptions> = {}) => kit.run(campaignBatchAdapter, ops, extra);
async function updates(n: number, tag = "real"): Promise<RowOperation[]> {
  return (await kit.records())
    .slice(0, n)
    .map((r, i) => ({ rowKey: `r${i}`, kind: "update", id: r.id, properties: { hs_notes: `${tag} ${i}` } }));
}
const creates = (n: number, prefix: string): RowOperation[] =>
  Array.from({ length: n }, (_, i) => ({ rowKey: `c${i}`, kind: "create", properties: { hs_name: `${prefix} ${i}` } }));
const statusesOf = async (path: string) => (await kit.requests(path)).map((r) => r.status);
async function expectEachNameOnce(names: string[]) {
  const stored = (await kit.records()).map((r) => r.properties.hs_name);
  for (const name of names)
    expect(
      stored.filter((s) => s === name),
      name,
    ).toHaveLength(1);
}
const failedError = (o: RowOutcome) => (o as Extract<RowOutcome, { status: "failed" }>).error;

describe("item 1: 429 by policy", () => {
  it("SECONDLY and TEN_SECONDLY_ROLLING are retried, waiting what Retry-After says", async () => {
    const ops = await updates(50);
    await kit.faults(
      { method: "POST", path: BATCH_UPDATE, status: 429, policyName: "SECONDLY", retryAfterSeconds: 3 },
      { method: "POST", path: BATCH_UPDATE, status: 429, policyName: "TEN_SECONDLY_ROLLING" },
    );
    const sleep = vi.fn(async (_ms: number) => {});
    expect(byStatus(await run(ops, { sleep }))).toEqual({ saved: 50 });
    expect(await statusesOf(BATCH_UPDATE)).toEqual([429, 429, 200]);
    expect(sleep.mock.calls[0]![0]).toBe(3000);
  });

  it("DAILY pauses the run after one refused call: no retry storm, no row failed or saved twice", async () => {
    const ops = await updates(100);
    await kit.faults({ method: "POST", path: BATCH_UPDATE, status: 429, policyName: "DAILY", times: 100 });
    const onPause = vi.fn<(p: PauseVerdict) => void>();
    const stop = new AbortController();
    const outcomes = await run(ops, {
      concurrency: 1,
      signal: stop.signal,
      onPause: (p) => {
        onPause(p);
        stop.abort();
      },
    });
    expect(await statusesOf(BATCH_UPDATE)).toEqual([429]);
    expect(onPause).toHaveBeenCalledTimes(1);
    const pause = onPause.mock.calls[0]![0];
    expect(pause).toMatchObject({ kind: "pause", daily: true });
    // Without Retry-After: the next full hour, when a portal's midnight may have come.
    expect(pause.resumeAt.getTime()).toBeGreaterThan(Date.now());
    expect(pause.resumeAt.getTime()).toBeLessThanOrEqual(Date.now() + 3_660_000);
    // Unsent rows end "not sent" (the runner keeps them pending), never a rejection.
    expect(outcomes.every((o) => o.status === "failed" && failedError(o).category === "CANCELLED")).toBe(true);
  });

  it("DAILY without a job to pause fails the rows once, saying when to try again, and resends nothing", async () => {
    const ops = await updates(3);
    await kit.faults({
      method: "POST",
      path: BATCH_UPDATE,
      status: 429,
      policyName: "DAILY",
      retryAfterSeconds: 600,
      times: 100,
    });
    const outcomes = await run(ops);
    expect(await statusesOf(BATCH_UPDATE)).toEqual([429]);
    expect(failedError(outcomes[0]!)).toMatchObject({
      code: "DAILY_LIMIT",
      message: expect.stringMatching(/API limit for this portal is used up until about .* UTC/),
    });
  });

  it("a Retry-After over a minute pauses too, at the time asked", async () => {
    const ops = await updates(10);
    await kit.faults({ method: "POST", path: BATCH_UPDATE, status: 429, retryAfterSeconds: 120 });
    const onPause = vi.fn<(p: PauseVerdict) => void>();
    const stop = new AbortController();
    await run(ops, {
      signal: stop.signal,
      onPause: (p) => {
        onPause(p);
        stop.abort();
      },
    });
    const pause = onPause.mock.calls[0]![0];
    expect(pause.daily).toBe(false);
    expect(Math.abs(pause.resumeAt.getTime() - (Date.now() + 120_000))).toBeLessThan(5_000);
  });
});

describe("item 2: transient answers are retried, never shown as rejected rows", () => {
  it("423 Locked waits at least 2 s; 477 waits its Retry-After; creates are applied once", async () => {
    const ops = creates(20, "Locked launch");
    await kit.faults(
      { method: "POST", path: BATCH_CREATE, status: 423 },
      { method: "POST", path: BATCH_CREATE, status: 477, retryAfterSeconds: 5 },
    );
    const sleep = vi.fn(async (_ms: number) => {});
    expect(byStatus(await run(ops, { sleep }))).toEqual({ saved: 20 });
    expect(await statusesOf(BATCH_CREATE)).toEqual([423, 477, 201]);
    expect(sleep.mock.calls.map(([ms]) => ms)[0]).toBeGreaterThanOrEqual(2000);
    expect(sleep.mock.calls.map(([ms]) => ms)[1]).toBe(5000);
    await expectEachNameOnce(ops.map((o) => o.properties.hs_name!));
  });

  it("502/503/504 on updates are retried with backoff; on creates they are looked up, never duplicated", async () => {
    const ups = await updates(30);
    await kit.faults(...[502, 503, 504].map((status) => ({ method: "POST", path: BATCH_UPDATE, status })));
    expect(byStatus(await run(ups))).toEqual({ saved: 30 });
    const made = creates(10, "Gateway launch");
    await kit.faults(
      ...[502, 503, 504].map((status) => ({ method: "POST", path: BATCH_CREATE, status, when: "after" })),
    );
    expect(byStatus(await run(made))).toEqual({ saved: 10 });
    await expectEachNameOnce(made.map((o) => o.properties.hs_name!));
  });

  it("a 423 that never clears ends within the cap as a transient failure, not a rejection", async () => {
    const ops = await updates(2);
    await kit.faults({ method: "POST", path: BATCH_UPDATE, status: 423, times: 50 });
    const outcomes = await run(ops, { maxAttempts: 3 });
    expect(await statusesOf(BATCH_UPDATE)).toEqual([423, 423, 423]);
    expect(failedError(outcomes[0]!).message).toMatch(/kept failing after several tries\. Nothing was changed/);
  });
});

describe("item 8: request timeout", () => {
  const quickClient = () =>
    new HubSpotHttpClient({
      apiBase: kit.sb.url,
      token: async () =>
        kit.sb.ctx.issueTokens({ portalId: kit.portalId, scopes: kit.sb.ctx.knownScopes() }).access_token,
      timeoutMs: 300,
    });

  it("an update that hangs after HubSpot applied it times out and is confirmed by a read, not resent", async () => {
    const ops = await updates(30, "hung");
    await kit.faults({ method: "POST", path: BATCH_UPDATE, when: "after", delayMs: 60_000 });
    const outcomes = await run(ops, { client: quickClient() });
    expect(byStatus(outcomes)).toEqual({ saved: 30 });
    expect(await kit.requests(BATCH_UPDATE)).toHaveLength(0); // only the hung call, still unanswered
    const stored = new Map((await kit.records()).map((r) => [r.id, r]));
    ops.forEach((op, i) => expect(stored.get((op as { id: string }).id)!.properties.hs_notes).toBe(`hung ${i}`));
  }, 10_000);

  it("an update whose connection drops after the write is confirmed by a read, not resent", async () => {
    const ops = await updates(30, "reset");
    await kit.faults({ method: "POST", path: BATCH_UPDATE, when: "after", reset: true });
    expect(byStatus(await run(ops))).toEqual({ saved: 30 });
    expect(await kit.requests(BATCH_UPDATE)).toHaveLength(1);
  });

  it("an update refused before the write (connection dropped) is simply retried as a batch", async () => {
    const ops = await updates(30, "before");
    await kit.faults({ method: "POST", path: BATCH_UPDATE, reset: true });
    expect(byStatus(await run(ops))).toEqual({ saved: 30 });
    expect((await kit.requests(BATCH_UPDATE)).map((r) => r.status)).toEqual([500, 200]);
  });

  it("a create that hangs after HubSpot applied it times out, is looked up and not sent again", async () => {
    const ops = creates(5, "Hung launch");
    await kit.faults({ method: "POST", path: BATCH_CREATE, when: "after", delayMs: 60_000 });
    const outcomes = await run(ops, { client: quickClient() });
    expect(byStatus(outcomes)).toEqual({ saved: 5 });
    expect((await kit.requests(BATCH_CREATE)).length).toBe(0); // the hung call is still unanswered, so not logged yet
    await expectEachNameOnce(ops.map((o) => o.properties.hs_name!));
  }, 10_000);
});
