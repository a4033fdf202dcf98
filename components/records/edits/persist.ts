import { LEGACY_STORAGE } from "@/lib/resources/registry";
import { emptyEditState, type EditState } from "./types";

/**
 * Pending edits in localStorage, one entry per portal and user, so that they survive a reload, a
 * crashed tab and an expired session (signing in again lands on the same portal and user). Only
 * this browser holds them until they are submitted or discarded. Every tab of the browser shares
 * the entry: the grid's store follows writes made by other tabs (edit-store.ts).
 */
export const editStorageKey = (resourceKey: string, portalId: number, userId: string) =>
  // A resource's pre-registry key (campaigns) is kept, so an upgrade does not lose anyone's pending work.
  `${LEGACY_STORAGE[resourceKey]?.edits ?? `batchboard:edits:v1:${resourceKey}`}:${portalId}:${userId}`;

/** The entry as stored (null: none), or null where there is no localStorage (the server). */
export function readRawEdits(key: string): string | null {
  if (typeof localStorage === "undefined") return null;
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function parseEdits(raw: string | null): EditState {
  try {
    const parsed = JSON.parse(raw ?? "null") as Partial<EditState> | null;
    if (!parsed || parsed.version !== 1) return emptyEditState();
    return { ...emptyEditState(), ...parsed };
  } catch {
    return emptyEditState(); // a corrupt entry must not break the page
  }
}

export const loadEdits = (key: string): EditState => parseEdits(readRawEdits(key));

/** Writes the state (an empty one removes the entry) and returns what the entry now holds. */
export function saveEdits(key: string, state: EditState): string | null {
  const empty =
    !state.submissionId &&
    !Object.keys(state.updates).length &&
    !Object.keys(state.creates).length &&
    !Object.keys(state.statuses).length;
  const raw = empty ? null : JSON.stringify(state);
  try {
    if (raw === null) localStorage.removeItem(key);
    else localStorage.setItem(key, raw);
  } catch (err) {
    // Quota exceeded: edits still live in memory; say so in the console rather than lose the tab.
    console.warn("[edits] could not persist pending edits", err);
  }
  return raw;
}
