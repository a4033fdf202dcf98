import type { SavedRecord } from "@/lib/batch/types";
import { loadEdits, saveEdits } from "./persist";
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
 */
export class EditStore {
  private state: EditState;
  private listeners = new Set<() => void>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** HubSpot's latest version of rows saved (or kept-theirs) in this tab, by id; created ones in order. */
  saved: Map<string, SavedRecord>;
  created: SavedRecord[];

  constructor(readonly storageKey: string) {
    this.state = loadEdits(storageKey);
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
    this.schedulePersist();
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
    saveEdits(this.storageKey, this.state);
  };
}
