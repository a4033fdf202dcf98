import { describe, expect, it } from "vitest";
import type { SavedRecord } from "../batch/types";
import { planRevert, type RevertSourceRow } from "./plan";

const T0 = "2026-11-01T10:00:00.000Z";
const T1 = "2026-11-01T10:05:00.000Z";
const T2 = "2026-11-01T11:00:00.000Z";
const rec = (id: string, updatedAt: string, properties: Record<string, string | null>): SavedRecord => ({
  id,
  updatedAt,
  properties,
});
const update = (
  id: string,
  sent: Record<string, string>,
  before: Record<string, string | null>,
  over: Partial<RevertSourceRow> = {},
): RevertSourceRow => ({
  rowKey: id,
  kind: "update",
  recordId: id,
  label: `Row ${id}`,
  status: "saved",
  sent,
  baseline: { updatedAt: T0, values: before },
  after: rec(id, T1, { ...sent }),
  ...over,
});

describe("planRevert", () => {
  it("restores the values before, leaves out what HubSpot already holds, and flags changes since as conflicts", () => {
    const rows = [
      update("1", { notes: "new", audience: "B" }, { notes: "old", audience: null }),
      update("2", { notes: "new" }, { notes: "old" }),
      update("3", { notes: "new", audience: "B" }, { notes: "old", audience: "A" }),
      update("4", { notes: "new" }, { notes: "old" }),
    ];
    const current = new Map([
      ["1", rec("1", T1, { notes: "new", audience: "B" })],
      // Someone wrote a third value since: restoring would overwrite it.
      ["2", rec("2", T2, { notes: "theirs" })],
      // One property is back to before already; the other still needs restoring.
      ["3", rec("3", T2, { notes: "old", audience: "B" })],
      // Already restored by hand.
      ["4", rec("4", T2, { notes: "old" })],
    ]);
    const plan = planRevert(rows, current, { canArchive: true });
    expect(plan.operations[0]).toEqual({
      rowKey: "1",
      kind: "update",
      id: "1",
      label: "Row 1",
      properties: { notes: "old", audience: "" },
      baseline: { updatedAt: T1, asOf: T1, values: { notes: "new", audience: "B" } },
    });
    expect(plan.fates[0]).toBeUndefined();
    expect(plan.fates[1]).toMatchObject({
      status: "conflict",
      current: { id: "2" },
      error: {
        code: "CHANGED_SINCE",
        message: "Changed in HubSpot since the submission: notes is now “theirs” (the submission set “new”).",
      },
    });
    expect(plan.operations[1]).toMatchObject({
      properties: { notes: "old" },
      baseline: { values: { notes: "theirs" } },
    });
    expect(plan.operations[2]).toMatchObject({ properties: { audience: "A" } });
    expect(plan.fates[2]).toBeUndefined();
    expect(plan.fates[3]).toMatchObject({ status: "skipped", error: { code: "ALREADY_RESTORED" } });
    expect(plan.summary).toEqual({
      restore: 2,
      values: 3,
      archive: 0,
      conflicts: 1,
      archiveConflicts: 0,
      skipped: { ALREADY_RESTORED: 1 },
      notApplied: 0,
    });
  });

  it("compares with what HubSpot returned after the write, not what was sent (HubSpot normalises values)", () => {
    const row = update(
      "1",
      { start: "2026-05-04T08:30:00Z" },
      { start: null },
      { after: rec("1", T1, { start: "2026-05-04T08:30:00.000Z" }) },
    );
    const plan = planRevert([row], new Map([["1", rec("1", T1, { start: "2026-05-04T08:30:00.000Z" })]]), {
      canArchive: true,
    });
    expect(plan.fates[0]).toBeUndefined();
    expect(plan.operations[0]).toMatchObject({ properties: { start: "" } });
  });

  it("archives created records unless they changed since; skips what it cannot undo, with the reason", () => {
    const created = (id: string): RevertSourceRow => ({
      rowKey: `new-${id}`,
      kind: "create",
      recordId: id,
      label: `New ${id}`,
      status: "saved",
      sent: { name: id },
      baseline: null,
      after: rec(id, T1, { name: id }),
    });
    const rows: RevertSourceRow[] = [
      created("c1"),
      created("c2"),
      created("c3"),
      update("u1", { notes: "x" }, { notes: "y" }, { baseline: null }),
      update("u2", { notes: "x" }, { notes: "y" }),
      { ...update("u3", { notes: "x" }, { notes: "y" }), status: "failed" },
      {
        rowKey: "a1",
        kind: "archive",
        recordId: "a1",
        label: null,
        status: "saved",
        sent: {},
        baseline: null,
        after: rec("a1", T1, {}),
      },
    ];
    const current = new Map([
      ["c1", rec("c1", T1, { name: "c1" })],
      ["c2", rec("c2", T2, { name: "edited" })],
    ]);
    const plan = planRevert(rows, current, { canArchive: true });
    expect(plan.operations[0]).toMatchObject({ kind: "archive", id: "c1", baseline: { updatedAt: T1 } });
    expect(plan.fates[0]).toBeUndefined();
    expect(plan.fates[1]).toMatchObject({
      status: "conflict",
      error: { message: "Changed in HubSpot after this submission created it." },
    });
    expect(plan.fates.slice(2).map((f) => f?.status === "skipped" && f.error.code)).toEqual([
      "GONE",
      "NO_BEFORE_VALUES",
      "GONE",
      "ARCHIVED",
    ]);
    expect(plan.summary).toEqual({
      restore: 0,
      values: 0,
      archive: 1,
      conflicts: 1,
      archiveConflicts: 1,
      skipped: { GONE: 2, NO_BEFORE_VALUES: 1, ARCHIVED: 1 },
      notApplied: 1,
    });

    const noArchive = planRevert([created("c1")], current, { canArchive: false });
    expect(noArchive.fates[0]).toMatchObject({ status: "skipped", error: { code: "CANNOT_ARCHIVE" } });
  });
});
