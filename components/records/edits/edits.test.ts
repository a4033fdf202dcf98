import { describe, expect, it } from "vitest";
import { applyChanges } from "./apply-changes";
import { applyOutcomes, keepTheirs, startSubmission } from "./apply-outcomes";
import { buildOperations } from "./build-operations";
import { emptyEditState, type BaseRow } from "./types";
import { validateCampaignEdits as validateEdits } from "@/components/campaigns/validate-campaign-edits";
import { loadedWindowRow, withAsOf } from "../loaded-rows";

const rows: BaseRow[] = [
  {
    id: "1",
    updatedAt: "2026-01-01T00:00:00.000Z",
    properties: { hs_name: "Alpha", hs_start_date: "2026-03-01", hs_end_date: "2026-03-31", hs_audience: null },
  },
  {
    id: "2",
    updatedAt: "2026-01-02T00:00:00.000Z",
    properties: { hs_name: "Beta", hs_start_date: null, hs_end_date: null, hs_audience: "Devs" },
  },
];
const byId = new Map(rows.map((r) => [r.id, r]));
const baseOf = (id: string) => byId.get(id);

describe("applyChanges", () => {
  it("keeps only changed properties, with the loaded value as the baseline", () => {
    const s = applyChanges(
      emptyEditState(),
      [
        { rowId: "1", key: "hs_audience", value: "Marketers" },
        { rowId: "2", key: "hs_audience", value: "Devs" },
      ],
      baseOf,
      "hs_name",
    );
    expect(s.updates).toEqual({
      "1": {
        id: "1",
        label: "Alpha",
        baseline: { updatedAt: rows[0]!.updatedAt, values: { hs_audience: null } },
        edits: { hs_audience: "Marketers" },
      },
    });
  });
  it("drops an edit written back to the original value (null and empty are the same)", () => {
    let s = applyChanges(emptyEditState(), [{ rowId: "1", key: "hs_audience", value: "X" }], baseOf, "hs_name");
    s = applyChanges(s, [{ rowId: "1", key: "hs_audience", value: "" }], baseOf, "hs_name");
    expect(s.updates).toEqual({});
  });
  it("writes into added rows and ignores unknown rows", () => {
    const start = { ...emptyEditState(), creates: { "new-a": { rowKey: "new-a", values: {}, seq: 1 } } };
    const s = applyChanges(
      start,
      [
        { rowId: "new-a", key: "hs_name", value: "Gamma" },
        { rowId: "gone", key: "hs_name", value: "x" },
      ],
      baseOf,
      "hs_name",
    );
    expect(s.creates["new-a"]!.values).toEqual({ hs_name: "Gamma" });
    expect(start.creates["new-a"]!.values).toEqual({}); // immutable
    expect(s.updates).toEqual({});
  });
  it("applies a 1,000 × 10 paste in one quick pass", () => {
    const many: BaseRow[] = Array.from({ length: 1000 }, (_, i) => ({
      id: `r${i}`,
      updatedAt: "t",
      properties: { hs_name: `N${i}` },
    }));
    const m = new Map(many.map((r) => [r.id, r]));
    const changes = many.flatMap((r) =>
      Array.from({ length: 10 }, (_, c) => ({ rowId: r.id, key: `p${c}`, value: `v${c}` })),
    );
    // One pass: at most one baseline look-up per changed cell (speed itself is benched, not timed here).
    let lookups = 0;
    const s = applyChanges(emptyEditState(), changes, (id) => (lookups++, m.get(id)), "hs_name");
    expect(Object.keys(s.updates)).toHaveLength(1000);
    expect(Object.values(s.updates).every((u) => Object.keys(u.edits).length === 10)).toBe(true);
    expect(lookups).toBeLessThanOrEqual(changes.length);
  });
});

describe("validateEdits", () => {
  it("flags bad values, end before start against stored values, and blocks only that row", () => {
    const s = applyChanges(
      emptyEditState(),
      [
        { rowId: "1", key: "hs_end_date", value: "2026-02-01" },
        { rowId: "2", key: "hs_start_date", value: "2026-02-30" },
      ],
      baseOf,
      "hs_name",
    );
    const issues = validateEdits(s, rows, baseOf);
    expect(issues.get("1")?.hs_end_date).toMatch(/End date 02\/01\/2026 is before start date 03\/01\/2026/);
    expect(issues.get("2")?.hs_start_date).toMatch(
      /^Start date must be a date like 03\/31\/2026 \(MM\/DD\/YYYY, month first\) or 2026-03-31, not “2026-02-30”/,
    );
    expect(buildOperations(s, issues)).toEqual([]);
  });
  it("requires a unique name on creates, against loaded names and other added rows", () => {
    const s = {
      ...emptyEditState(),
      creates: {
        "new-a": { rowKey: "new-a", values: { hs_name: "alpha " }, seq: 1 },
        "new-b": { rowKey: "new-b", values: {}, seq: 2 },
        "new-c": { rowKey: "new-c", values: { hs_name: "Delta" }, seq: 3 },
      },
    };
    const issues = validateEdits(s, rows, baseOf);
    expect(issues.get("new-a")?.hs_name).toMatch(/already named "alpha"/);
    expect(issues.get("new-b")?.hs_name).toMatch(/required/);
    expect(issues.has("new-c")).toBe(false);
    expect(buildOperations(s, issues)).toEqual([{ rowKey: "new-c", kind: "create", properties: { hs_name: "Delta" } }]);
  });
});

describe("submission outcomes", () => {
  const edited = applyChanges(
    emptyEditState(),
    [
      { rowId: "1", key: "hs_audience", value: "A" },
      { rowId: "2", key: "hs_audience", value: "B" },
    ],
    baseOf,
    "hs_name",
  );
  const ops = buildOperations(edited, new Map());
  const started = startSubmission(edited, "s1", ops);

  it("sends only changed properties with their baseline", () => {
    expect(ops).toContainEqual({
      rowKey: "1",
      kind: "update",
      id: "1",
      properties: { hs_audience: "A" },
      baseline: { updatedAt: rows[0]!.updatedAt, values: { hs_audience: null } },
    });
    expect(started.statuses["1"]).toMatchObject({ status: "pending", submissionId: "s1" });
  });

  it("clears saved rows, keeps failed and conflicting ones, and is idempotent", () => {
    const record = { id: "1", updatedAt: "2026-05-01T00:00:00.000Z", properties: { hs_audience: "A" } };
    const outcomes = [
      { rowKey: "1", status: "saved" as const, record },
      {
        rowKey: "2",
        status: "conflict" as const,
        current: { id: "2", updatedAt: "x", properties: { hs_audience: "Theirs" } },
      },
    ];
    const r = applyOutcomes(started, "s1", outcomes, "hs_name");
    expect(r.saved).toEqual([record]);
    expect(r.state.updates["1"]).toBeUndefined();
    expect(r.state.updates["2"]!.edits).toEqual({ hs_audience: "B" });
    expect(r.state.statuses["2"]!.status).toBe("conflict");
    const again = applyOutcomes(r.state, "s1", outcomes, "hs_name");
    expect(again.state).toBe(r.state);
    expect(again.saved).toEqual([]);
    expect(keepTheirs(r.state, "2").updates).toEqual({});
  });

  it("keeps a cell re-edited while saving, rebased on HubSpot's values", () => {
    const reedited = applyChanges(started, [{ rowId: "1", key: "hs_audience", value: "A2" }], baseOf, "hs_name");
    const r = applyOutcomes(
      reedited,
      "s1",
      [{ rowKey: "1", status: "saved", record: { id: "1", updatedAt: "u2", properties: { hs_audience: "A" } } }],
      "hs_name",
    );
    expect(r.state.updates["1"]).toMatchObject({
      edits: { hs_audience: "A2" },
      baseline: { updatedAt: "u2", values: { hs_audience: "A" } },
    });
  });
});

describe("asOf (the newest updatedAt seen when a row was loaded)", () => {
  const page = (rowsOf: [string, string][], nextAfter: string | null = null) => ({
    rows: rowsOf.map(([id, updatedAt]) => ({
      id,
      createdAt: updatedAt,
      updatedAt,
      properties: { hs_name: id, hs_audience: null },
    })),
    total: 4,
    nextAfter,
  });

  it("is the newest updatedAt of the pages loaded up to the row's own, never of later pages", () => {
    const p1 = page(
      [
        ["a", "2026-01-03T00:00:00.000Z"],
        ["b", "2026-01-01T00:00:00.000Z"],
      ],
      "2",
    );
    const first = withAsOf([p1]);
    expect(first.map((r) => r.asOf)).toEqual(["2026-01-03T00:00:00.000Z", "2026-01-03T00:00:00.000Z"]);
    const p2 = page([
      ["c", "2026-01-02T00:00:00.000Z"],
      ["d", "2026-01-05T00:00:00.000Z"],
    ]);
    const both = withAsOf([p1, p2]);
    expect(both.map((r) => r.asOf)).toEqual([
      "2026-01-03T00:00:00.000Z",
      "2026-01-03T00:00:00.000Z",
      "2026-01-05T00:00:00.000Z",
      "2026-01-05T00:00:00.000Z",
    ]);
    // Earlier pages keep their row objects (the grid caches rows by identity).
    expect(both[0]).toBe(first[0]);
  });

  it("starts from the portal's newest updatedAt read before the first page, when it is newer", () => {
    const p1 = { ...page([["a", "2026-01-03T00:00:00.000Z"]], "1"), newestBefore: "2026-01-09T00:00:00.000Z" };
    const p2 = page([["b", "2026-01-10T00:00:00.000Z"]]);
    expect(withAsOf([p1, p2]).map((r) => r.asOf)).toEqual(["2026-01-09T00:00:00.000Z", "2026-01-10T00:00:00.000Z"]);
  });

  it("goes from the loaded row into the submitted baseline, and a saved row's new baseline takes its saved updatedAt", () => {
    const loaded = withAsOf([
      page([
        ["1", "2026-01-01T00:00:00.000Z"],
        ["2", "2026-01-04T00:00:00.000Z"],
      ]),
    ]);
    const baseOfLoaded = (id: string) => loaded.find((r) => r.id === id);
    const s = applyChanges(emptyEditState(), [{ rowId: "1", key: "hs_audience", value: "A" }], baseOfLoaded, "hs_name");
    const ops = buildOperations(s, new Map());
    expect(ops).toEqual([
      {
        rowKey: "1",
        kind: "update",
        id: "1",
        properties: { hs_audience: "A" },
        baseline: {
          updatedAt: "2026-01-01T00:00:00.000Z",
          asOf: "2026-01-04T00:00:00.000Z",
          values: { hs_audience: null },
        },
      },
    ]);

    const reedited = applyChanges(
      startSubmission(s, "s1", ops),
      [{ rowId: "1", key: "hs_audience", value: "A2" }],
      baseOfLoaded,
      "hs_name",
    );
    const r = applyOutcomes(
      reedited,
      "s1",
      [
        {
          rowKey: "1",
          status: "saved",
          record: { id: "1", updatedAt: "2026-02-01T00:00:00.000Z", properties: { hs_audience: "A" } },
        },
      ],
      "hs_name",
    );
    expect(buildOperations(r.state, new Map())[0]).toMatchObject({
      baseline: {
        updatedAt: "2026-02-01T00:00:00.000Z",
        asOf: "2026-02-01T00:00:00.000Z",
        values: { hs_audience: "A" },
      },
    });
  });

  it("fills the values before that a taken-back row lacks from the loaded row, so the submission records what it overwrote", () => {
    // An upload's invalid row taken into the grid: edits, but no value before and no updatedAt.
    const taken = {
      ...emptyEditState(),
      updates: {
        "2": {
          id: "2",
          label: "Beta",
          baseline: { updatedAt: "", values: {} },
          edits: { hs_audience: "Ops", hs_notes: "n" },
        },
      },
    };
    expect(buildOperations(taken, new Map(), baseOf)[0]).toMatchObject({
      baseline: { updatedAt: rows[1]!.updatedAt, values: { hs_audience: "Devs", hs_notes: null } },
    });
    // A failed row keeps the baseline it was sent with; only a missing property is filled.
    const failed = {
      ...emptyEditState(),
      updates: {
        "1": {
          id: "1",
          label: "Alpha",
          baseline: { updatedAt: "2025-12-01T00:00:00.000Z", values: { hs_audience: "Old" } },
          edits: { hs_audience: "X", hs_name: "Alpha 2" },
        },
      },
    };
    expect(buildOperations(failed, new Map(), baseOf)[0]).toMatchObject({
      baseline: { updatedAt: "2025-12-01T00:00:00.000Z", values: { hs_audience: "Old", hs_name: "Alpha" } },
    });
  });
});

describe("asOf of a CRM window's rows (the window's load time, from the server)", () => {
  const row = (updatedAt: string) => ({ id: "7", createdAt: updatedAt, updatedAt, properties: { firstname: "Ann" } });

  it("is the later of the row's own updatedAt and the window's loadedAt, and the edit's baseline keeps it", () => {
    const loadedAt = "2026-06-01T12:00:00.000Z";
    const old = loadedWindowRow(row("2021-01-01T00:00:00.000Z"), loadedAt);
    expect(old.asOf).toBe(loadedAt);
    expect(loadedWindowRow(row("2026-06-01T12:00:05.000Z"), loadedAt).asOf).toBe("2026-06-01T12:00:05.000Z");
    // Before the server knew HubSpot's clock: the row's own updatedAt.
    expect(loadedWindowRow(row("2021-01-01T00:00:00.000Z"), undefined).asOf).toBe("2021-01-01T00:00:00.000Z");

    const edited = applyChanges(
      emptyEditState(),
      [{ rowId: "7", key: "firstname", value: "Anna" }],
      () => old,
      "firstname",
    );
    expect(edited.updates["7"]!.baseline).toEqual({
      updatedAt: "2021-01-01T00:00:00.000Z",
      asOf: loadedAt,
      values: { firstname: "Ann" },
    });
  });
});
