import type { BaseRow, EditState, PendingUpdate, RowStatusInfo } from "./types";

/**
 * Drops pending edits that HubSpot already has: the loaded (or just saved) row holds the very value
 * the edit would write. That happens when failed rows the grid kept were saved elsewhere (a retry
 * from the failed-items or submission page) or someone made the same change in HubSpot; sending
 * them again would only meet conflicts. A row whose edits all went moot is no longer pending, and
 * its failed or conflict status (about a write that no longer needs making) goes too.
 *
 * Safe by construction: an edit goes only on an exact match (null and "" being the same value, as
 * HubSpot treats them), so a value formatted differently stays pending, which costs at most a
 * resubmission. A property the row was loaded without (CRM grids read shown columns only) is not
 * known, so its edits stay. Rows not loaded (yet) and added rows are left alone; statuses of a
 * running submission (pending, saving) belong to its poll.
 */
export function dropMootEdits(state: EditState, baseOf: (id: string) => BaseRow | undefined): EditState {
  let updates: Record<string, PendingUpdate> | undefined;
  let statuses: Record<string, RowStatusInfo> | undefined;
  for (const [id, u] of Object.entries(state.updates)) {
    const base = baseOf(id);
    if (!base) continue;
    const moot = Object.keys(u.edits).filter((k) => k in base.properties && (base.properties[k] ?? "") === u.edits[k]);
    if (moot.length === 0) continue;
    updates ??= { ...state.updates };
    if (moot.length === Object.keys(u.edits).length) {
      delete updates[id];
      const status = state.statuses[id]?.status;
      if (status === "failed" || status === "conflict") {
        statuses ??= { ...state.statuses };
        delete statuses[id];
      }
      continue;
    }
    const edits = { ...u.edits };
    const values = { ...u.baseline.values };
    for (const k of moot) {
      delete edits[k];
      delete values[k];
    }
    updates[id] = { ...u, edits, baseline: { ...u.baseline, values } };
  }
  // Nothing moot (the usual case, on every load of a page of rows): the same state, no re-render.
  return updates ? { ...state, updates, statuses: statuses ?? state.statuses } : state;
}
