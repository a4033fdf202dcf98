import { describe, expect, it } from "vitest";
import type { RowOutcome } from "@/lib/batch/types";
import type { SubmissionView } from "@/lib/submissions/types";
import { continuedFrom, followed } from "./followed-submission";

const saved = (rowKey: string, n: string): RowOutcome => ({
  rowKey,
  status: "saved",
  record: { id: rowKey, updatedAt: n, properties: {} },
});
const view = (outcomes: RowOutcome[], cursor: number, state: SubmissionView["state"] = "running"): SubmissionView => ({
  id: "s1",
  resource: "campaigns",
  resourceTitle: "Campaigns",
  state,
  pausedReason: null,
  stalled: false,
  source: "grid",
  createdAt: "t",
  finishedAt: null,
  counts: { pending: 0, saving: 0, saved: outcomes.length, failed: 0, conflict: 0, skipped: 0 },
  outcomes,
  cursor,
});

// Issue 13, item 4: one cache entry per submission, shared by the grid and the progress page.
describe("a followed submission", () => {
  it("accumulates each poll's new outcomes on the entry it continues, the latest per row", () => {
    const first = followed(continuedFrom(undefined, "all"), view([saved("a", "1"), saved("b", "1")], 2));
    expect(first.since).toBe(0);
    const from = continuedFrom(first, "all");
    expect(from?.cursor).toBe(2); // the next poll asks only for what finished after it
    const second = followed(from, view([saved("b", "2"), saved("c", "2")], 4, "done"));
    expect(second.outcomes.map((o) => [o.rowKey, o.status === "saved" && o.record.updatedAt])).toEqual([
      ["a", "1"],
      ["b", "2"],
      ["c", "2"],
    ]);
    expect(second).toMatchObject({ cursor: 4, state: "done", since: 0 });
  });

  it("the progress page continues its counts-only entry; the grid reads that entry again from the start", () => {
    const page = { ...view([], Number.MAX_SAFE_INTEGER), since: Number.MAX_SAFE_INTEGER };
    expect(continuedFrom(page, "new")).toBe(page);
    expect(continuedFrom(page, "all")).toBeNull();
    expect(followed(null, view([saved("a", "1")], 1)).since).toBe(0);
  });
});
