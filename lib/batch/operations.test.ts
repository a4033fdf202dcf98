import { describe, expect, it } from "vitest";
import { splitOperations } from "./operations";
import type { RowOperation } from "./types";

/** What the engine sends, refuses and flags as duplicate before any HTTP call. */
describe("splitOperations", () => {
  const ops: RowOperation[] = [
    { rowKey: "bad", kind: "update", id: "A@x.com", properties: { x: "!" } },
    { rowKey: "a", kind: "update", id: "a@x.com", properties: { x: "1" } },
    { rowKey: "a2", kind: "update", id: " A@X.COM", properties: { x: "2" } },
    { rowKey: "b", kind: "update", id: "b@x.com", properties: { x: "3" } },
    { rowKey: "c1", kind: "create", properties: { k: "K" } },
    { rowKey: "c2", kind: "create", properties: { k: "k" } },
  ];
  const adapter = {
    precheck: (op: RowOperation) =>
      op.properties.x === "!" ? { category: "VALIDATION_ERROR", message: "no" } : undefined,
    recordKey: (op: { id: string }) => op.id.trim().toLowerCase(),
    createKey: (op: { properties: Record<string, string> }) => op.properties.k?.toLowerCase(),
  };

  it("refuses rows first, so a refused row does not make a valid one for the same record a duplicate", () => {
    const r = splitOperations(ops, adapter);
    expect(r.refused.map((x) => x.op.rowKey)).toEqual(["bad"]);
    expect(r.updates.map((o) => o.rowKey)).toEqual(["a", "b"]);
    expect(r.duplicates.map((d) => d.op.rowKey)).toEqual(["a2", "c2"]);
    expect(r.creates.map((o) => o.rowKey)).toEqual(["c1"]);
  });

  it("without recordKey, ids compare exactly", () => {
    const r = splitOperations(ops.slice(1, 4), {});
    expect(r.updates).toHaveLength(3);
    expect(r.refused).toEqual([]);
  });
});
