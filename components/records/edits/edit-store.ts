import type { SavedRecord } from "@/lib/batch/types";
import { parseEdits, readRawEdits, saveEdits } from "./persist";
import { rebaseEdits } from "./rebase-edits";
import { emptyEditState, type EditState } from "./types";

const PERSIST_DELAY_MS = 150;

/**
 * Saved records outlive the grid that saved them, for the tab's lifetime: the list cached by
 * react-query may still hold the values from before the submission when the user comes back by a
 * client-side link, and the rows already say "Saved" (statuses are persisted), so the grid must
 * still show what HubSpot now has until the list is read again.
 */
const savedInTab = new Map<string, { saved: Map<string, SavedRecord>; created: SavedRecord[] }>();

/**
 * The grid's client store: pending edits, added rows and row statuses (persisted), plus the
 * records HubSpot returned on save (in memory: a reload fetches them anyway). One per grid
 * instance; components read it with `useSyncExternalStore`.
 *
 * Other tabs write the same entry (their grid, "Fix in the grid"): the store takes their writes
 * as they happen (`receive`, from the `storage` event) and before each of its own (`flush`), and
 * writes only when it changed something itself, so a stale tab never overwrites newer edits.
 */
export class EditStore {
  private state: EditState;
  /** The entry as this tab last read or wrote it, and the state it holds: what both tabs agree on. */
  private raw: string | null;
  private base: EditState;
  private listeners = new Set<() => void>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private dirty = false;
  /** HubSpot's latest version of rows saved (or kept-theirs) in this tab, by id; created ones in order. */
  saved: Map<string, SavedRecord>;
  created: SavedRecord[];

  constructor(readonly storageKey: string) {
    this.raw = readRawEdits(storageKey);
    this.state = this.base = parseEdits(this.raw);
    const kept = savedInTab.get(storageKey);
    this.saved = kept?.saved ?? new Map();
    this.created = kept?.created ?? [];
  }

  getState = () => this.state;

  subscribe = (fn: () => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  update(fn: (s: EditState) => EditState) {
    const next = fn(this.state);
    if (next === this.state) return;
    this.state = next;
    this.dirty = true;
    this.schedulePersist();
    this.notify();
  }

  /** The entry as another tab left it: taken as is, with this tab's unwritten changes kept on top. */
  receive(raw: string | null) {
    if (raw === this.raw) return;
    const theirs = parseEdits(raw);
    this.state = this.dirty ? rebaseEdits(this.base, this.state, theirs) : theirs;
    this.raw = raw;
    this.base = theirs;
    this.notify();
  }

  /** Follows other tabs' writes to this entry while the grid is open; returns the unsubscribe. */
  listenToOtherTabs() {
    const onStorage = (e: StorageEvent) => {
      // key null: localStorage.clear() (signing out elsewhere clears nothing today, but be exact).
      if (e.key === this.storageKey || e.key === null) this.receive(readRawEdits(this.storageKey));
    };
    window.addEventListener("storage", onStorage);
    return () => window.removeEventListener("storage", onStorage);
  }

  private notify() {
    for (const l of this.listeners) l();
  }

  rememberSaved(records: readonly SavedRecord[], created: readonly SavedRecord[] = []) {
    for (const r of records) this.saved.set(r.id, r);
    if (created.length) this.created = [...created, ...this.created];
    savedInTab.set(this.storageKey, { saved: this.saved, created: this.created });
  }

  discard() {
    this.update((s) => ({ ...emptyEditState(), submissionId: s.submissionId, statuses: {} }));
  }

  /** Writes soon after a change (a burst of edits costs one write), and at once when the tab hides. */
  private schedulePersist() {
    if (this.timer) return;
    this.timer = setTimeout(this.flush, PERSIST_DELAY_MS);
  }

  flush = () => {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!this.dirty) return;
    // A write by another tab not yet announced by its storage event is taken in first.
    this.receive(readRawEdits(this.storageKey));
    this.raw = saveEdits(this.storageKey, this.state);
    this.base = this.state;
    this.dirty = false;
  };
}
