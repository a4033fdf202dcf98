/**
 * Failed creates and their later fate (issue 11, item 8; item 12's grouping and labels), against the
 * sandbox: a create refused because its name is taken, renamed in the grid (same row) and saved,
 * leaves Failed items; one whose name a later submission saved leaves it too; and retrying a create
 * never makes a duplicate: its name is looked up first, both from Failed items and from a
 * submission's "Retry failed rows".
 */
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareEnv } from "../../tests/support/access-token.suite";
import { startSandbox, type RunningSandbox } from "../../sandbox/server";
import type { RowOperation } from "../batch/types";

const dataDir = prepareEnv();
type Stored = { id: string; properties: Record<string, string | null> };

describe("failed creates", () => {
  let sb: RunningSandbox;
  let made: Awaited<ReturnType<(typeof import("../../tests/support/test-connection"))["insertTestConnection"]>>;
  let store: typeof import("../submissions/store");
  let items: typeof import("./store");
  let runner: typeof import("../submissions/runner");
  const campaigns = async () => (await (await fetch(`${sb.url}/__sandbox/records/campaigns`)).json()) as Stored[];
  const named = async (name: string) => (await campaigns()).filter((c) => c.properties.hs_name === name);
  const submit = (operations: RowOperation[], source?: "grid" | "upload" | "retry" | "revert") =>
    store.insertSubmission({
      userId: made.user.id,
      connectionId: made.connection.id,
      portalId: made.portalId,
      resource: { type: "campaigns" },
      operations,
      ...(source ? { source } : {}),
    });
  const create = (rowKey: string, name: string): RowOperation => ({
    rowKey,
    kind: "create",
    properties: { hs_name: name, hs_notes: "from a test" },
  });
  const rateLimited = { category: "RATE_LIMIT", message: "HubSpot is busy (rate limit)" };
  /** A name created in HubSpot itself, not through Batchboard. */
  async function createInHubSpot(name: string) {
    const res = await fetch(`${sb.url}/marketing/campaigns/2026-03`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${made.tokens.access_token}` },
      body: JSON.stringify({ properties: { hs_name: name } }),
    });
    expect(res.status).toBe(201);
    return ((await res.json()) as { id: string }).id;
  }
  const openKeys = async () => (await items.failedGroups(made.portalId)).map((g) => [g.label, g.count, g.retryable]);

  beforeAll(async () => {
    sb = await startSandbox({ port: 0, counts: { campaigns: 5 } });
    process.env.HUBSPOT_SANDBOX_URL = sb.url;
    made = await (await import("../../tests/support/test-connection")).insertTestConnection(sb);
    store = await import("../submissions/store");
    items = await import("./store");
    runner = await import("../submissions/runner");
  });
  afterAll(async () => {
    const { stopJobQueue } = await import("../queue/queue");
    await stopJobQueue({ graceful: false });
    await sb?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("a name taken, renamed in the grid and saved, leaves Failed items; names taken form one group labelled 'already exists', without Retry", async () => {
    const [a, b] = (await campaigns()).map((c) => c.properties.hs_name!);
    const first = await submit([create("new-row-a", a!), create("new-row-b", b!)]);
    expect(await runner.runSubmission(first)).toBe("done");
    // Two names, one kind of error: one group, labelled apart from "changed in HubSpot since you loaded it".
    expect(await openKeys()).toEqual([["Already exists: name already taken", 2, false]]);

    // The user renames row a in the grid (same row key) and submits again: it saves.
    const second = await submit([create("new-row-a", "Renamed after a clash")]);
    expect(await runner.runSubmission(second)).toBe("done");
    expect(await openKeys()).toEqual([["Already exists: name already taken", 1, false]]);
    const left = await items.groupItems(made.portalId, {
      resource: "campaigns",
      kind: (await items.failedGroups(made.portalId))[0]!.kind,
    });
    expect(left.map((i) => i.row.rowKey)).toEqual(["new-row-b"]);
    await items.resolveItems(
      left.map((i) => ({ submissionId: i.submission.id, rowKey: i.row.rowKey })),
      "dismissed",
      "test",
    );
  });

  it("a failed create fixed through 'Fix in the grid' (renamed there and saved) leaves Failed items", async () => {
    const taken = (await campaigns())[2]!.properties.hs_name!;
    const upload = await submit([create("row-9", taken)], "upload");
    expect(await runner.runSubmission(upload)).toBe("done");
    const group = { resource: "campaigns", kind: (await items.failedGroups(made.portalId))[0]!.kind };
    const { gridTakeBack } = await import("../submissions/grid-take-back");
    const [back] = gridTakeBack(
      { type: "campaigns" },
      (await items.groupItems(made.portalId, group)).map((i) => i.row),
    ).rows;
    // The grid submits the taken-back row under that key, renamed.
    const fixed = await submit([create(back!.key!, "Renamed in the grid")]);
    expect(await runner.runSubmission(fixed)).toBe("done");
    expect(await openKeys()).toEqual([]);
  });

  it("a failed create whose name a later submission saved leaves Failed items", async () => {
    const failed = await submit([create("new-row-c", "Saved later by an upload")]);
    await store.recordOutcomes(failed, [{ rowKey: "new-row-c", status: "failed", error: rateLimited }]);
    expect(await openKeys()).toEqual([["HubSpot was busy (rate limit)", 1, true]]);
    const upload = await submit([create("row-7", "  saved LATER by an upload ")], "upload");
    expect(await runner.runSubmission(upload)).toBe("done");
    expect(await openKeys()).toEqual([]);
  });

  it("retrying from Failed items looks the name up first: one HubSpot already holds is resolved, not created twice", async () => {
    const failed = await submit([
      create("new-row-d", "Made in HubSpot meanwhile"),
      create("new-row-e", "Still missing"),
    ]);
    await store.recordOutcomes(
      failed,
      ["new-row-d", "new-row-e"].map((rowKey) => ({ rowKey, status: "failed" as const, error: rateLimited })),
    );
    const id = await createInHubSpot("Made in HubSpot meanwhile");
    const group = { resource: "campaigns", kind: (await items.failedGroups(made.portalId))[0]!.kind };
    const { retryItems } = await import("./retry");
    // The app's process works its queues from its start (instrumentation.ts, lib/jobs/in-process.ts).
    await (await import("../jobs/in-process")).ensureInProcessWorkers();
    const result = await retryItems(made.actor, await items.groupItems(made.portalId, group));
    expect(result.alreadyThere).toBe(1);
    expect(result.submissionId).not.toBeNull();
    const rows = await store.submissionResultRows(failed);
    expect(rows.map((r) => [r.rowKey, r.resolution, r.resolutionReason])).toEqual([
      ["new-row-d", "exists", `Already in HubSpot (record ${id})`],
      ["new-row-e", "retried", `Retried in submission ${result.submissionId}`],
    ]);
    for (let i = 0; i < 100 && (await store.submissionView(result.submissionId!, made.portalId))!.state !== "done"; i++)
      await new Promise((r) => setTimeout(r, 100));
    expect((await store.submissionView(result.submissionId!, made.portalId))!.counts).toMatchObject({
      saved: 1,
      failed: 0,
    });
    expect(await named("Made in HubSpot meanwhile")).toHaveLength(1);
    expect(await named("Still missing")).toHaveLength(1);
    expect(await openKeys()).toEqual([]);
  });

  it("a submission's 'Retry failed rows' looks creates up before sending them", async () => {
    const failed = await submit([create("new-row-f", "Exists by the retry")]);
    await store.recordOutcomes(failed, [{ rowKey: "new-row-f", status: "failed", error: rateLimited }]);
    const id = await createInHubSpot("Exists by the retry");
    const retry = (await store.insertRetryOfFailed(failed, made.actor))!;
    expect(await runner.runSubmission(retry)).toBe("done");
    const view = (await store.submissionView(retry, made.portalId))!;
    expect(view.outcomes).toEqual([
      expect.objectContaining({ status: "saved", record: expect.objectContaining({ id }) }),
    ]);
    expect(await named("Exists by the retry")).toHaveLength(1);
  });
});
