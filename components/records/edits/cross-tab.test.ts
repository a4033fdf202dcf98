import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { EditStore } from "./edit-store";
import { loadEdits, saveEdits } from "./persist";
import { rebaseEdits } from "./rebase-edits";
import { emptyEditState, type EditState, type PendingUpdate } from "./types";

/** One browser's localStorage, shared by the "tabs" (stores) below. */
function fakeStorage() {
  const items = new Map<string, string>();
  return {
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
    removeItem: (k: string) => void items.delete(k),
  };
}

const KEY = "batchboard:campaign-edits:v1:1:u1";
const edit = (id: string, value: string): PendingUpdate => ({
  id,
  label: id,
  baseline: { updatedAt: "t0", values: { hs_notes: null } },
  edits: { hs_notes: value },
});
const withEdit = (id: string, value: string) => (s: EditState) => ({
  ...s,
  updates: { ...s.updates, [id]: edit(id, value) },
});

describe("pending edits across tabs (issue 13, item 4)", () => {
  beforeEach(() => {
    vi.stubGlobal("localStorage", fakeStorage());
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it("a stale tab that changed nothing never writes over edits another tab wrote", () => {
    const stale = new EditStore(KEY);
    saveEdits(KEY, withEdit("7", "fixed elsewhere")(loadEdits(KEY))); // "Fix in the grid" in another tab
    stale.flush(); // the stale tab hides or unmounts
    expect(loadEdits(KEY).updates["7"]?.edits).toEqual({ hs_notes: "fixed elsewhere" });
  });

  it("a stale tab's own edit is written on top of the other tab's, not instead of them", () => {
    const stale = new EditStore(KEY);
    const other = new EditStore(KEY);
    other.update(withEdit("7", "from the other tab"));
    other.flush();
    // Its storage event has not arrived yet: the stale tab edits another row and writes.
    stale.update(withEdit("8", "mine"));
    stale.flush();
    const stored = loadEdits(KEY);
    expect(stored.updates["7"]?.edits).toEqual({ hs_notes: "from the other tab" });
    expect(stored.updates["8"]?.edits).toEqual({ hs_notes: "mine" });
    expect(stale.getState().updates["7"]?.edits).toEqual({ hs_notes: "from the other tab" });
  });

  it("takes another tab's write when its storage event arrives, and tells the grid", () => {
    const tab = new EditStore(KEY);
    const seen = vi.fn();
    tab.subscribe(seen);
    saveEdits(KEY, withEdit("7", "written elsewhere")(emptyEditState()));
    tab.receive(localStorage.getItem(KEY));
    expect(tab.getState().updates["7"]?.edits).toEqual({ hs_notes: "written elsewhere" });
    expect(seen).toHaveBeenCalledTimes(1);
    tab.receive(localStorage.getItem(KEY)); // the same entry again: nothing to do
    expect(seen).toHaveBeenCalledTimes(1);
  });
});

describe("rebaseEdits", () => {
  it("keeps rows changed or removed here, takes theirs for the rest", () => {
    const base = withEdit("2", "b")(withEdit("1", "a")(emptyEditState()));
    const mine = { ...withEdit("3", "new here")(base), updates: { ...withEdit("3", "new here")(base).updates } };
    delete mine.updates["2"];
    const theirs = withEdit("1", "changed there")(withEdit("4", "new there")(base));
    const out = rebaseEdits(base, mine, theirs);
    expect(Object.keys(out.updates).sort()).toEqual(["1", "3", "4"]);
    expect(out.updates["1"]?.edits).toEqual({ hs_notes: "changed there" });
  });
});
