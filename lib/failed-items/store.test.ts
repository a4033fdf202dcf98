/**
 * Failed items below the UI: grouped by resource, category and message across submissions; an item
 * leaves the list when dismissed, retried, or when a later submission saved its record.
 */
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareEnv } from "../../tests/support/access-token.suite";
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
    const { insertTestConnection } = await import("../../tests/support/test-connection");
    const store = await import("../submissions/store");
    const items = await import("./store");
    const { user, connection, portalId } = await insertTestConnection(sb);
    const submit = async (ops: RowOperation[]) =>
      store.insertSubmission({
        userId: user.id,
        connectionId: connection.id,
        portalId,
        resource: { type: "campaigns" },
        operations: ops,
      });
    const update = (id: string): RowOperation => ({ rowKey: id, kind: "update", id, properties: { hs_notes: "x" } });
    const bad = { category: "VALIDATION_ERROR", message: "Notes are locked" };

    const first = await submit([update("1"), update("2"), update("3")]);
    await store.recordOutcomes(
      first,
      ["1", "2", "3"].map((id) => ({ rowKey: id, status: "failed" as const, error: bad })),
    );
    const other = await submit([update("4")]);
    await store.recordOutcomes(other, [
      { rowKey: "4", status: "failed", error: { category: "RATE_LIMIT", message: "Too many" } },
    ]);
    expect((await items.failedGroups(portalId)).map((g) => [g.kind, g.count])).toEqual([
      ["VALIDATION_ERROR||", 3],
      ["RATE_LIMIT||", 1],
    ]);
    expect(await items.failedItemCount(portalId)).toBe(4);

    // Record 1 is saved by a later submission (fixed in the grid): it leaves the list.
    const later = await submit([update("1")]);
    await store.recordOutcomes(later, [
      {
        rowKey: "1",
        status: "saved",
        record: { id: "1", updatedAt: new Date().toISOString(), properties: { hs_notes: "fixed" } },
      },
    ]);
    expect(await items.failedItemCount(portalId)).toBe(3);

    // Dismissed ones leave it too, and keep their history.
    const group = { resource: "campaigns", kind: "VALIDATION_ERROR||" };
    const rows = await items.groupItems(portalId, group);
    expect(rows.map((r) => r.row.rowKey).sort()).toEqual(["2", "3"]);
    await items.resolveItems(
      rows.map((r) => ({ submissionId: r.submission.id, rowKey: r.row.rowKey })),
      "dismissed",
      "Expected",
    );
    expect((await items.failedGroups(portalId)).map((g) => g.kind)).toEqual(["RATE_LIMIT||"]);
    const kept = await store.submissionResultRows(first, "failed");
    expect(kept.map((r) => [r.rowKey, r.resolution, r.resolutionReason])).toEqual([
      ["1", null, null],
      ["2", "dismissed", "Expected"],
      ["3", "dismissed", "Expected"],
    ]);
  });

  it("acts on a selection only where it names open items of that group of that portal", async () => {
    const { insertTestConnection } = await import("../../tests/support/test-connection");
    const store = await import("../submissions/store");
    const items = await import("./store");
    const { failedRowView } = await import("./row-view");
    const { db, tables } = await import("../db");
    const { user, connection, portalId } = await insertTestConnection(sb);
    const submit = async (ops: RowOperation[], portal = portalId, source?: "upload") =>
      store.insertSubmission({
        userId: user.id,
        connectionId: connection.id,
        portalId: portal,
        resource: { type: "campaigns" },
        operations: ops,
        ...(source ? { source } : {}),
      });
    const update = (id: string): RowOperation => ({ rowKey: id, kind: "update", id, properties: { hs_audience: "x" } });
    const locked = { category: "VALIDATION_ERROR", message: "Audience is locked" };
    const fail = (sub: string, keys: string[], error = locked) =>
      store.recordOutcomes(
        sub,
        keys.map((k) => ({ rowKey: k, status: "failed" as const, error })),
      );

    const ours = await submit([update("11"), update("12"), update("13")], portalId, "upload");
    await fail(ours, ["11", "12", "13"]);
    const otherGroup = await submit([update("14")]);
    await fail(otherGroup, ["14"], {
      category: "VALIDATION_ERROR",
      message: "Something else",
      code: "OTHER",
    } as typeof locked);
    const otherPortal = await submit([update("15")], portalId + 1);
    await fail(otherPortal, ["15"]);
    await items.resolveItems([{ submissionId: ours, rowKey: "13" }], "dismissed", "Done");

    const group = { resource: "campaigns", kind: "VALIDATION_ERROR||" };
    const keys = async (opts: Parameters<typeof items.groupItems>[2]) =>
      (await items.groupItems(portalId, group, opts)).map((i) => i.row.rowKey);
    expect(await keys({})).toEqual(["11", "12"]);
    expect(await keys({ limit: 1 })).toEqual(["11"]);
    // Another group's item, another portal's, a resolved one and a made-up one are ignored: only 11 is acted on.
    const asked = [
      { submissionId: ours, rowKey: "11" },
      { submissionId: otherGroup, rowKey: "14" },
      { submissionId: otherPortal, rowKey: "15" },
      { submissionId: ours, rowKey: "13" },
      { submissionId: crypto.randomUUID(), rowKey: "12" },
    ];
    expect(await keys({ selected: asked })).toEqual(["11"]);
    expect(await keys({ selected: [{ submissionId: otherPortal, rowKey: "15" }] })).toEqual([]);

    // The page says which import a row came from.
    const database = await db();
    await database.insert(tables.uploads).values({
      userId: user.id,
      connectionId: connection.id,
      portalId,
      fileName: "spring.xlsx",
      kind: "xlsx",
      sizeBytes: 1,
      storedPath: "/nowhere",
      sheets: ["Sheet1"],
      headers: ["Name"],
      rowCount: 3,
      submissionId: ours,
    });
    const [first] = await items.groupItems(portalId, group, { limit: 1 });
    const view = failedRowView(first!, await items.uploadFileNames([ours, otherGroup]));
    expect(view).toMatchObject({
      submissionId: ours,
      rowKey: "11",
      name: "ID 11",
      recordId: "11",
      create: false,
      sent: { hs_audience: "x" },
      error: locked,
      source: "Upload of spring.xlsx",
    });
  });
});
