import { describe, expect, it } from "vitest";
import { takeBackFailed } from "./take-back-failed";
import { emptyEditState } from "./types";

describe("takeBackFailed", () => {
  const error = { category: "VALIDATION_ERROR", message: "Bad stage" };
  it("turns failed updates into pending edits over existing ones, and creates into added rows, all marked failed", () => {
    const start = {
      ...emptyEditState(),
      updates: {
        "7": {
          id: "7",
          label: "Seven",
          baseline: { updatedAt: "t0", values: { hs_notes: "n0" } },
          edits: { hs_notes: "mine" },
        },
      },
    };
    let n = 0;
    const s = takeBackFailed(
      start,
      "sub-1",
      [
        {
          kind: "update",
          recordId: "7",
          label: "Seven",
          sent: { hs_audience: "A" },
          baseline: { updatedAt: "t1", values: { hs_audience: null } },
          error,
        },
        { kind: "create", recordId: null, label: "New one", sent: { hs_name: "New one" }, baseline: null, error },
      ],
      () => `new-${++n}`,
    );
    expect(s.updates["7"]).toEqual({
      id: "7",
      label: "Seven",
      baseline: { updatedAt: "t1", values: { hs_audience: null, hs_notes: "n0" } },
      edits: { hs_notes: "mine", hs_audience: "A" },
    });
    expect(s.creates["new-1"]).toMatchObject({ rowKey: "new-1", values: { hs_name: "New one" } });
    expect(s.statuses).toEqual({
      "7": { status: "failed", submissionId: "sub-1", error },
      "new-1": { status: "failed", submissionId: "sub-1", error },
    });
    expect(start.updates["7"]!.edits).toEqual({ hs_notes: "mine" }); // immutable
  });

  it("brings a failed create back under the key derived from it, so taking it back twice gives one row (issue 11, item 8)", () => {
    const row = {
      kind: "create" as const,
      recordId: null,
      label: "Taken",
      sent: { hs_name: "Taken" },
      baseline: null,
      error,
      key: "new-s1-row-4",
    };
    const once = takeBackFailed(emptyEditState(), "failed-items", [row], () => "new-fresh");
    const twice = takeBackFailed(once, "failed-items", [row], () => "new-fresh-2");
    expect(Object.keys(twice.creates)).toEqual(["new-s1-row-4"]);
  });
});
