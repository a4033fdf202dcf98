import { describe, expect, it } from "vitest";
import type { UpdateOp } from "./adapter";
import { applyConflictCheck, isConflict, propertiesToCheck } from "./conflicts";

const op = (
  properties: Record<string, string>,
  values: Record<string, string | null>,
  extra: Partial<UpdateOp> = {},
): UpdateOp => ({
  rowKey: "r",
  kind: "update",
  id: "1",
  properties,
  baseline: { updatedAt: "2026-01-01T00:00:00.000Z", values },
  ...extra,
});
const rec = (properties: Record<string, string | null>, updatedAt = "2026-02-01T00:00:00.000Z") => ({
  id: "1",
  updatedAt,
  properties,
});

describe("conflict rule", () => {
  it("conflicts only on written properties whose value moved away from the baseline", () => {
    expect(isConflict(op({ hs_notes: "mine" }, { hs_notes: "old" }), rec({ hs_notes: "theirs" }))).toBe(true);
    expect(
      isConflict(op({ hs_notes: "mine" }, { hs_notes: "old" }), rec({ hs_notes: "old", hs_audience: "changed" })),
    ).toBe(false);
    expect(isConflict(op({ hs_notes: "mine" }, { hs_notes: "old" }), rec({ hs_notes: "mine" }))).toBe(false);
  });
  it("treats null, missing and empty as the same value", () => {
    expect(isConflict(op({ hs_notes: "mine" }, { hs_notes: null }), rec({}))).toBe(false);
    expect(isConflict(op({ hs_notes: "mine" }, { hs_notes: "" }), rec({ hs_notes: null }))).toBe(false);
    expect(isConflict(op({ hs_notes: "" }, { hs_notes: "old" }), rec({}))).toBe(false);
  });
  it("without a baseline value for a written property, any change since baseline.updatedAt counts", () => {
    expect(isConflict(op({ hs_notes: "mine" }, {}), rec({ hs_notes: "x" }))).toBe(true);
    expect(isConflict(op({ hs_notes: "mine" }, {}), rec({ hs_notes: "x" }, "2026-01-01T00:00:00.000Z"))).toBe(false);
  });
  it("force and rows without a baseline are never checked", () => {
    expect(
      isConflict(op({ hs_notes: "mine" }, { hs_notes: "old" }, { force: true }), rec({ hs_notes: "theirs" })),
    ).toBe(false);
    const plain: UpdateOp = { rowKey: "p", kind: "update", id: "2", properties: { hs_name: "x" } };
    expect(propertiesToCheck([plain, op({ hs_notes: "a", hs_utm: "b" }, {})])).toEqual(["hs_notes", "hs_utm"]);
    const split = applyConflictCheck([plain, op({ hs_notes: "m" }, { hs_notes: "o" })], new Map(), "campaign");
    expect(split.write).toEqual([plain]);
    expect(split.outcomes).toMatchObject([{ rowKey: "r", status: "failed", error: { category: "OBJECT_NOT_FOUND" } }]);
  });
});
