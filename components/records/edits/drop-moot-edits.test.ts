import { describe, expect, it } from "vitest";
import { dropMootEdits } from "./drop-moot-edits";
import { emptyEditState, type BaseRow, type EditState } from "./types";

const error = { category: "VALIDATION_ERROR", message: "Audience service unavailable" };
const update = (id: string, edits: Record<string, string>, values: Record<string, string | null>) => ({
  id,
  label: `Row ${id}`,
  baseline: { updatedAt: "t0", values },
  edits,
});

describe("dropMootEdits", () => {
  const start: EditState = {
    ...emptyEditState(),
    updates: {
      // Saved by a retry elsewhere: HubSpot now holds both values.
      "1": update("1", { hs_audience: "A", hs_notes: "" }, { hs_audience: null, hs_notes: "old" }),
      // Half of it: the audience is there, the notes are not.
      "2": update("2", { hs_audience: "B", hs_notes: "mine" }, { hs_audience: null, hs_notes: null }),
      // Nothing of it.
      "3": update("3", { hs_audience: "C" }, { hs_audience: null }),
      // Not loaded (yet).
      "4": update("4", { hs_audience: "D" }, { hs_audience: null }),
      // An edit of a property the row was loaded without (a hidden CRM column): unknown, kept.
      "5": update("5", { jobtitle: "" }, { jobtitle: "CEO" }),
      // In flight: the edit is moot, but the status belongs to the running submission's poll.
      "6": update("6", { hs_audience: "F" }, { hs_audience: null }),
    },
    creates: { "new-a": { rowKey: "new-a", values: { hs_name: "Alpha" }, seq: 1 } },
    statuses: {
      "1": { status: "failed", submissionId: "failed-items", error },
      "2": { status: "failed", submissionId: "failed-items", error },
      "3": { status: "conflict", submissionId: "s1" },
      "6": { status: "pending", submissionId: "s2" },
    },
  };
  const loaded: BaseRow[] = [
    { id: "1", updatedAt: "t1", properties: { hs_audience: "A", hs_notes: null } },
    { id: "2", updatedAt: "t1", properties: { hs_audience: "B", hs_notes: null } },
    { id: "3", updatedAt: "t0", properties: { hs_audience: null } },
    { id: "5", updatedAt: "t0", properties: { email: "a@example.com" } },
    { id: "6", updatedAt: "t1", properties: { hs_audience: "F" } },
  ];
  const byId = new Map(loaded.map((r) => [r.id, r]));

  it("drops edits HubSpot already has, and a row's failed status once none is left", () => {
    const s = dropMootEdits(start, (id) => byId.get(id));
    expect(Object.keys(s.updates).sort()).toEqual(["2", "3", "4", "5"]);
    expect(s.updates["2"]).toEqual(update("2", { hs_notes: "mine" }, { hs_notes: null }));
    expect(s.updates["3"]).toBe(start.updates["3"]);
    expect(s.statuses).toEqual({ "2": start.statuses["2"], "3": start.statuses["3"], "6": start.statuses["6"] });
    expect(s.creates).toBe(start.creates);
    expect(start.updates["2"]!.edits).toEqual({ hs_audience: "B", hs_notes: "mine" }); // immutable
  });

  it("returns the same state when nothing is moot (no re-render, no write)", () => {
    const s = dropMootEdits(start, (id) => byId.get(id));
    expect(dropMootEdits(s, (id) => byId.get(id))).toBe(s);
    expect(dropMootEdits(start, () => undefined)).toBe(start);
  });
});
