/**
 * HubSpot's daily limit during a submission (issue 12, item 1), against the sandbox: the job pauses
 * with a plain reason and when it resumes, nothing fails; it resumes by itself at the time HubSpot's
 * answer allows, or by hand after the sandbox's day ends. Every row ends written exactly once.
 */
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareEnv } from "../../tests/support/access-token.suite";
import { startSandbox, type RunningSandbox } from "../../sandbox/server";
import type { RowOperation } from "../batch/types";

const dataDir = prepareEnv();
const SCOPES = ["oauth", "marketing.campaigns.read", "marketing.campaigns.write"];
const UPDATE = "/marketing/campaigns/2026-03/batch/update";
type Stored = { id: string; properties: Record<string, string | null> };

describe("a daily limit pauses a submission", () => {
  let sb: RunningSandbox;
  let store: typeof import("./store");
  let runner: typeof import("./runner");
  let connection: { id: string; userId: string; portalId: number };
  const records = async () => (await (await fetch(`${sb.url}/__sandbox/records/campaigns`)).json()) as Stored[];
  const control = (path: string, body?: unknown) =>
    fetch(`${sb.url}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body ?? {}),
    });
  const updateLog = async () =>
    (
      (await (await fetch(`${sb.url}/__sandbox/requests?path=${encodeURIComponent(UPDATE)}`)).json()) as {
        status: number;
      }[]
    ).map((r) => r.status);

  beforeAll(async () => {
    sb = await startSandbox({ port: 0, counts: { campaigns: 400 } });
    process.env.HUBSPOT_SANDBOX_URL = sb.url;
    store = await import("./store");
    runner = await import("./runner");
    const made = await (await import("../../tests/support/test-connection")).insertTestConnection(sb, SCOPES);
    connection = { id: made.connection.id, userId: made.user.id, portalId: made.portalId };
  });
  afterAll(async () => {
    const { stopJobQueue } = await import("../queue/queue");
    await stopJobQueue({ graceful: false });
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
  const view = async (id: string) => (await store.submissionView(id, connection.portalId))!;

  it("pauses at the daily limit with the reason and resume time; resumed by hand after the day ends, it finishes", async () => {
    const { id, ids } = await submit("daily", 0, 200);
    // Campaign updates go 50 a batch: two batches get through, then the portal's day is used up.
    await control("/__sandbox/config", { dailyLimit: 2 });
    expect(await runner.runSubmission(id)).toBe("paused");
    const paused = await view(id);
    expect(paused.state).toBe("paused");
    expect(paused.pausedReason).toMatch(
      /^HubSpot's daily limit of API requests for this portal is used up .* resumes at \d{4}-\d\d-\d\d \d\d:\d\d UTC by itself/,
    );
    expect(paused.counts).toMatchObject({ saved: 100, failed: 0 });
    // No retry storm: each of the (at most 4) batches in flight was refused once, then the job stopped.
    expect((await updateLog()).filter((s) => s === 429).length).toBeLessThanOrEqual(4);

    // A new day: the count starts again (and this test lifts the tiny limit, since the resumed run first
    // reads the rows that were in flight when the limit hit before it writes them).
    await control("/__sandbox/reset-daily");
    await control("/__sandbox/config", { dailyLimit: null });
    await store.setSubmissionState(id, "running");
    expect(await runner.runSubmission(id)).toBe("done");
    expect((await view(id)).counts).toMatchObject({ saved: 200, failed: 0, pending: 0, saving: 0 });
    expect(await written("daily", ids)).toBe(200);
  });

  it("resumes by itself at the time HubSpot's Retry-After gives, and finishes", async () => {
    const { id, ids } = await submit("auto", 200, 150);
    await (await import("../jobs/in-process")).ensureInProcessWorkers();
    await fetch(`${sb.url}/__sandbox/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        rules: [{ method: "POST", path: UPDATE, status: 429, policyName: "DAILY", retryAfterSeconds: 2 }],
      }),
    });
    expect(await runner.runSubmission(id)).toBe("paused");
    expect((await view(id)).pausedReason).toMatch(/daily limit/);
    for (let i = 0; i < 100 && (await view(id)).state !== "done"; i++) await new Promise((r) => setTimeout(r, 200));
    expect((await view(id)).counts).toMatchObject({ saved: 150, failed: 0, pending: 0, saving: 0 });
    expect(await written("auto", ids)).toBe(150);
  }, 30_000);

  it("a resume job for an older pause leaves a submission resumed by hand alone", async () => {
    const { id } = await submit("stale", 350, 10);
    await store.setSubmissionState(id, "paused", "Paused by you.");
    const { resumeAfterLimitJob } = await import("./limit-pause");
    const job = {
      id: "x",
      name: "submission-resume",
      data: { submissionId: id, reason: "an older pause" },
      retryCount: 0,
      retryLimit: 0,
      signal: new AbortController().signal,
    };
    expect(await resumeAfterLimitJob(job)).toEqual({ resumed: false });
    expect((await view(id)).state).toBe("paused");
  });
});
