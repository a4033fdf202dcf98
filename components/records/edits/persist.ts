import { LEGACY_STORAGE } from "@/lib/resources/registry";
import { emptyEditState, type EditState } from "./types";

/**
 * Pending edits in localStorage, one entry per portal and user, so that they survive a reload, a
 * crashed tab and an expired session (signing in again lands on the same portal and user). Only
 * this browser holds them until they are submitted or discarded.
 */
export const editStorageKey = (resourceKey: string, portalId: number, userId: string) =>
  // A resource's pre-registry key (campaigns) is kept, so an upgrade does not lose anyone's pending work.
  `${LEGACY_STORAGE[resourceKey]?.edits ?? `batchboard:edits:v1:${resourceKey}`}:${portalId}:${userId}`;

export function loadEdits(key: string): EditState {
  if (typeof localStorage === "undefined") return emptyEditState();
  try {
    const raw = JSON.parse(localStorage.getItem(key) ?? "null") as Partial<EditState> | null;
    if (!raw || raw.version !== 1) return emptyEditState();
    return { ...emptyEditState(), ...raw };
  } catch {
    return emptyEditState(); // a corrupt entry must not break the page
  }
}

export function saveEdits(key: string, state: EditState) {
  try {
    const empty = !state.submissionId && !Object.keys(state.updates).length && !Object.keys(state.creates).length && !Object.keys(state.statuses).length;
    if (empty) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify(state));
  } catch (err) {
    // Quota exceeded: edits still live in memory; say so in the console rather than lose the tab.
    console.warn("[edits] could not persist pending edits", err);
  }
}
