/**
 * Failed items below the UI: grouped by resource, category and message across submissions; an item
 * leaves the list when dismissed, retried, or when a later submission saved its record.
 */
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareEnv } from "../auth/access-token.suite";
import { startSandbox, type RunningSandbox } from "../../sandbox/server";
import type { RowOperation } from "../batch/types";

const dataDir = prepareEnv();

describe("failed items", () => {
  let sb: RunningSandbox;
  beforeAll(async () => {
    sb = await startSandbox({ port: 0, counts: { campaigns: 5 } });
    process.env.HUBSPOT_SANDBOX_URL = sb.url;
  });
  afterAll(async () => {
    await sb?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("groups failures, and drops those dismissed, retried or saved later", async () => {
    const { insertTestConnection } = await import("../submissions/testing/connection");
    const store = await import("../submissions/store");
    const items = await import("./store");
    const { user, connection, portalId } = await insertTestConnection(sb);
    const submit = async (ops: RowOperation[]) => store.insertSubmission({ userId: user.id, connectionId: connection.id, portalId, resource: { type: "campaigns" }, operations: ops });
    const update = (id: string): RowOperation => ({ rowKey: id, kind: "update", id, properties: { hs_notes: "x" } });
    const bad = { category: "VALIDATION_ERROR", message: "Notes are locked" };

    const first = await submit([update("1"), update("2"), update("3")]);
    await store.recordOutcomes(first, ["1", "2", "3"].map((id) => ({ rowKey: id, status: "failed" as const, error: bad })));
    const other = await submit([update("4")]);
    await store.recordOutcomes(other, [{ rowKey: "4", status: "failed", error: { category: "RATE_LIMIT", message: "Too many" } }]);
    expect((await items.failedGroups(portalId)).map((g) => [g.category, g.count])).toEqual([["VALIDATION_ERROR", 3], ["RATE_LIMIT", 1]]);
    expect(await items.failedItemCount(portalId)).toBe(4);

    // Record 1 is saved by a later submission (fixed in the grid): it leaves the list.
    const later = await submit([update("1")]);
    await store.recordOutcomes(later, [{ rowKey: "1", status: "saved", record: { id: "1", updatedAt: new Date().toISOString(), properties: { hs_notes: "fixed" } } }]);
    expect(await items.failedItemCount(portalId)).toBe(3);

    // Dismissed ones leave it too, and keep their history.
    const group = { resource: "campaigns", category: "VALIDATION_ERROR", message: "Notes are locked" };
    const rows = await items.groupItems(portalId, group);
    expect(rows.map((r) => r.row.rowKey).sort()).toEqual(["2", "3"]);
    await items.resolveItems(rows.map((r) => ({ submissionId: r.submission.id, rowKey: r.row.rowKey })), "dismissed", "Expected");
    expect((await items.failedGroups(portalId)).map((g) => g.category)).toEqual(["RATE_LIMIT"]);
    const kept = await store.submissionResultRows(first, "failed");
    expect(kept.map((r) => [r.rowKey, r.resolution, r.resolutionReason])).toEqual([["1", null, null], ["2", "dismissed", "Expected"], ["3", "dismissed", "Expected"]]);
  });
});
