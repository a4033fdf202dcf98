import { afterEach, describe, expect, it, vi } from "vitest";
import type { RecordPage } from "@/lib/records/page";
import type { SavedRecord } from "@/lib/batch/types";
import * as campaignRules from "@/lib/hubspot/schemas/campaign-properties";
import { validateCampaignEdits } from "@/components/campaigns/validate-campaign-edits";
import { applyChanges } from "./edits/apply-changes";
import { deriveBases, deriveRows } from "./edits/derive-rows";
import { emptyEditState, type BaseRow, type EditState } from "./edits/types";
import { appendedTo, extend } from "./appended";
import { withAsOf, type LoadedRow } from "./loaded-rows";
import { duplicateValues } from "./unique-values";

vi.mock("@/lib/hubspot/schemas/campaign-properties", async (original) => {
  const real = await original<typeof import("@/lib/hubspot/schemas/campaign-properties")>();
  return { ...real, validateCampaignProperties: vi.fn(real.validateCampaignProperties) };
});

afterEach(() => vi.restoreAllMocks());

const PAGE = 100;
const stamp = (n: number) => new Date(Date.UTC(2026, 0, 1) + ((n * 7919) % 100_000) * 60_000).toISOString();
const page = (k: number): RecordPage => ({
  rows: Array.from({ length: PAGE }, (_, i) => {
    const n = k * PAGE + i;
    return { id: `r${n}`, createdAt: stamp(n), updatedAt: stamp(n), properties: { hs_name: `Name ${n % 150}` } };
  }),
  total: null,
  nextAfter: null,
  newestBefore: k === 0 ? stamp(3) : undefined,
});
const clone = (pages: RecordPage[]) => pages.map((p) => ({ ...p, rows: p.rows.map((r) => ({ ...r })) }));
/** A fresh copy of the rows, so no cache knows them: the full recomputation. */
const fresh = <T extends object>(xs: readonly T[]) => xs.map((x) => ({ ...x }));

/** Loads `n` pages one at a time, as TanStack hands them over (a new array, the old page objects). */
function streamAsOf(n: number) {
  const pages: RecordPage[] = [];
  let rows: LoadedRow[] = [];
  for (let k = 0; k < n; k++) rows = withAsOf((pages.push(page(k)), [...pages]));
  return { pages, rows };
}

describe("withAsOf as pages append", () => {
  it("walks only the new page, and equals the full recomputation with the earlier row objects kept", () => {
    const { pages, rows } = streamAsOf(50);
    const parse = vi.spyOn(Date, "parse");
    const next = withAsOf([...pages, page(50)]);
    expect(parse.mock.calls.length).toBeLessThanOrEqual(PAGE);
    parse.mockRestore();
    expect(next.slice(0, rows.length).every((r, i) => r === rows[i])).toBe(true);
    expect(next).toEqual(withAsOf(clone([...pages, page(50)])));
  });

  it("starts again when the first page is another (a refetch), with the same result as a first load", () => {
    const { pages } = streamAsOf(3);
    const again = clone(pages);
    again[1]!.rows[0]!.updatedAt = "2027-01-01T00:00:00.000Z";
    const rows = withAsOf(again);
    expect(rows[PAGE]!.asOf).toBe("2027-01-01T00:00:00.000Z");
    expect(rows[2 * PAGE]!.asOf).toBe("2027-01-01T00:00:00.000Z");
    expect(rows[0]!.asOf).toBe(withAsOf(clone(pages))[0]!.asOf);
  });
});

/** Counts lookups in the saved rows and in the pending updates: the per-row work of a derivation. */
function counting(saved: Map<string, SavedRecord>, updates: EditState["updates"]) {
  const n = { saved: 0, updates: 0 };
  const savedProxy = { get: (id: string) => (n.saved++, saved.get(id)), size: saved.size } as unknown as Map<
    string,
    SavedRecord
  >;
  const updatesProxy = new Proxy(updates, {
    get: (t, p) => (n.updates++, Reflect.get(t, p)),
  });
  return { n, saved: savedProxy, updates: updatesProxy };
}

describe("bases and grid rows as pages append", () => {
  const saved = new Map<string, SavedRecord>([
    ["r5", { id: "r5", updatedAt: "2099-01-01T00:00:00.000Z", properties: { hs_name: "Saved five" } }],
  ]);
  const created: SavedRecord[] = [{ id: "c1", updatedAt: stamp(1), properties: { hs_name: "Made here" } }];

  it("derive only the new page's rows and equal a full rebuild, keeping every earlier row object", () => {
    const { rows, pages } = streamAsOf(20);
    const more = withAsOf([...pages, page(20)]);
    const state = applyChanges(
      emptyEditState(),
      [{ rowId: "r7", key: "hs_name", value: "Edited" }],
      (id) => rows.find((r) => r.id === id),
      "hs_name",
    );
    const c = counting(saved, state.updates);
    const b1 = deriveBases(undefined, rows, c.saved, created, state.statuses);
    const g1 = deriveRows(undefined, b1.bases, state.creates, c.updates);
    c.n.saved = c.n.updates = 0;
    const b2 = deriveBases(b1, more, c.saved, created, state.statuses);
    const g2 = deriveRows(g1, b2.bases, state.creates, c.updates);
    expect(c.n.saved).toBe(PAGE);
    expect(c.n.updates).toBe(PAGE);

    const full = deriveBases(undefined, fresh(more), saved, created, state.statuses);
    expect(b2.bases).toEqual(full.bases);
    expect([...b2.byId.keys()]).toEqual([...full.byId.keys()]);
    const fullRows = deriveRows(undefined, full.bases, state.creates, state.updates);
    expect(g2.rows).toEqual(fullRows.rows);
    expect(g2.rows.slice(0, g1.rows.length).every((r, i) => r === g1.rows[i])).toBe(true);
    expect(g2.byId.get("r7")!.values.hs_name).toBe("Edited");
    expect(g2.byId.get("r5")!.values.hs_name).toBe("Saved five");
  });

  it("a saved record with only the written properties (a CRM update's answer) keeps the other loaded columns", () => {
    const loaded = [
      {
        id: "k1",
        createdAt: stamp(1),
        updatedAt: stamp(1),
        asOf: stamp(1),
        properties: { email: "a@example.com", firstname: "Ada", jobtitle: "Old" },
      },
    ];
    const answer = new Map<string, SavedRecord>([
      ["k1", { id: "k1", updatedAt: stamp(5), properties: { jobtitle: "New", hs_object_id: "k1" } }],
    ]);
    const [base] = deriveBases(undefined, loaded, answer, [], {}).bases;
    expect(base).toEqual({
      id: "k1",
      updatedAt: stamp(5),
      asOf: stamp(5),
      properties: { email: "a@example.com", firstname: "Ada", jobtitle: "New", hs_object_id: "k1" },
    });
  });

  it("rebuild when a record created here arrives on a new page (it leaves the head)", () => {
    const first = [page(0).rows[0]!].map((r) => ({ ...r, asOf: r.updatedAt }));
    const b1 = deriveBases(undefined, first, saved, created, {});
    expect(b1.bases[0]!.id).toBe("c1");
    const arriving = { id: "c1", createdAt: stamp(1), updatedAt: stamp(1), asOf: stamp(1), properties: {} };
    const b2 = deriveBases(b1, [...first, arriving], saved, created, {});
    expect(b2.bases.map((b) => b.id)).toEqual(["r0", "c1"]);
  });
});

describe("duplicate names as pages append", () => {
  const norm = (v: string) => v.trim().toLowerCase();

  it("normalizes only the new rows and the pending edits, with the full recomputation's answer", () => {
    const loaded: BaseRow[] = [];
    let state = emptyEditState();
    const calls = vi.fn(norm);
    for (let k = 0; k < 20; k++) {
      loaded.push(...page(k).rows);
      duplicateValues(state, [...loaded], "hs_name", calls);
    }
    const snapshot = [...loaded];
    state = applyChanges(
      state,
      [
        { rowId: "r1", key: "hs_name", value: "Unique one" },
        { rowId: "r2", key: "hs_name", value: "name 3" },
      ],
      (id) => snapshot.find((r) => r.id === id),
      "hs_name",
    );
    // An edited row no longer loaded (another search) still counts with its edit.
    const gone = {
      id: "gone",
      label: "Gone",
      baseline: { updatedAt: stamp(0), values: {} },
      edits: { hs_name: "unique ONE" },
    };
    state = { ...state, updates: { ...state.updates, gone } };
    duplicateValues(state, snapshot, "hs_name", calls);
    loaded.push(...page(20).rows);
    calls.mockClear();
    const got = duplicateValues(state, [...loaded], "hs_name", calls);
    expect(calls.mock.calls.length).toBeLessThanOrEqual(PAGE + 20);
    expect(got).toEqual(duplicateValues(state, fresh(loaded), "hs_name", (v) => norm(v)));
    expect(got.get("r2")).toBe("name 3");
    expect(got.get("gone")).toBe("unique ONE");
  });
});

describe("campaign validation after a large paste", () => {
  it("checks only the rows an edit touched, with the same issues as checking every row", () => {
    const loaded = withAsOf(Array.from({ length: 30 }, (_, k) => page(k)));
    const baseOf = (id: string) => byId.get(id);
    const byId = new Map(loaded.map((r) => [r.id, r]));
    const paste = loaded.map((r, i) => ({
      rowId: r.id,
      key: "hs_end_date",
      value: i % 2 ? "2026-13-45" : "2026-05-01",
    }));
    let state = applyChanges(emptyEditState(), paste, baseOf, "hs_name");
    validateCampaignEdits(state, loaded, baseOf);
    const check = vi.mocked(campaignRules.validateCampaignProperties);
    check.mockClear();
    state = applyChanges(state, [{ rowId: "r4", key: "hs_name", value: "Name 7" }], baseOf, "hs_name");
    const issues = validateCampaignEdits(state, loaded, baseOf);
    expect(check).toHaveBeenCalledTimes(1);

    const copy = structuredClone(state);
    expect(issues).toEqual(validateCampaignEdits(copy, fresh(loaded), baseOf));
    expect(issues.get("r4")?.hs_name).toMatch(/already named/);
    expect(issues.get("r1")?.hs_end_date).toBeDefined();
  });
});

describe("appendedTo", () => {
  it("knows an extension (even two deep) without comparing items, and refuses anything else", () => {
    const a = [1, 2, 3];
    const b = extend(a, [4]);
    const c = extend(b, [5, 6]);
    expect(appendedTo(a, c)).toBe(3);
    expect(appendedTo(b, c)).toBe(4);
    expect(appendedTo(a, [1, 2, 3, 9])).toBe(3);
    expect(appendedTo(a, [1, 7, 3, 9])).toBe(-1);
    expect(appendedTo(c, b)).toBe(-1);
    expect(appendedTo(undefined, a)).toBe(-1);
    // No item is compared when the array was made by extend: changing one behind its back (never
    // done: loaded rows are not mutated) goes unseen, where a walk would refuse.
    const d = [1, 2, 3];
    const e = extend(d, [4]);
    d[0] = 0;
    expect(appendedTo(d, e)).toBe(3);
    expect(appendedTo(d, [...e])).toBe(-1);
  });
});
