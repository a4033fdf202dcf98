import "server-only";
import { searchCrmObjects, SEARCH_RESULT_CAP } from "../hubspot/crm-objects";
import type { SearchRequester } from "../hubspot/search-requester";
import type { SearchFilter } from "../hubspot/schemas/crm";
import { RECORD_ID_PROPERTY, toSearchFilterGroups } from "../hubspot/search-filters";
import type { PropertyType } from "../properties/types";
import type { RecordRow, RecordWindow } from "../records/page";
import { SEARCH_PAGE_SIZE, type CrmViewSpec } from "./view-pages";

/** The rows a grid window holds: one search page. */
export const WINDOW_SIZE = SEARCH_PAGE_SIZE;

/** A record id the client saw at a position of the view in id order. */
export interface WindowAnchor {
  position: number;
  id: string;
}

export interface CrmWindow extends RecordWindow {
  /** Searches this window took (the reader's cost, for tests and the benchmark). */
  searches: number;
}

type Sort = { propertyName: string; direction: "ASCENDING" | "DESCENDING" };
const ID_ASC: Sort = { propertyName: RECORD_ID_PROPERTY, direction: "ASCENDING" };
const ID_DESC: Sort = { propertyName: RECORD_ID_PROPERTY, direction: "DESCENDING" };
const above = (id: string | number): SearchFilter[] => [
  { propertyName: RECORD_ID_PROPERTY, operator: "GT", value: String(id) },
];
const below = (id: string): SearchFilter[] => [{ propertyName: RECORD_ID_PROPERTY, operator: "LT", value: id }];

/** Interpolation rounds before a cold jump gives up guessing and halves the id range instead. */
const INTERPOLATION_ROUNDS = 3;
const MAX_LOCATE_ROUNDS = 12;

/**
 * The rows of a CRM view from `start` on (up to 200), read through HubSpot's search, so the grid
 * loads what the user looks at and a portal's size stops mattering.
 *
 * HubSpot's search sorts by any property but refuses to page past 10,000 results. So:
 * - below 10,000, one search with `after` = start, in the view's sort while the view holds at
 *   most 10,000 records, else in record id order (`sortIgnored`: positions past the cap can only
 *   be reached by id, and one view must have one order);
 * - past it, the view in id order from an anchor (an id the client saw at a position):
 *   `hs_object_id > anchor`, `after` = the distance from it (kept below 10,000), or backwards
 *   from an anchor after the window (`hs_object_id < anchor`, sorted descending);
 * - near the end (`totalHint`), the view sorted by id descending, with `after` from the end;
 * - a cold jump (no anchor near) locates one by interpolation on ids: the first and last id of the
 *   view, a guessed id at the wanted rank, and `hs_object_id > guess` whose `total` says the
 *   guess's exact rank (the view's total minus it). Usually 3–4 searches.
 */
export async function readCrmWindow(
  client: SearchRequester,
  spec: CrmViewSpec,
  opts: {
    start: number;
    anchors?: readonly WindowAnchor[];
    totalHint?: number;
    types: ReadonlyMap<string, PropertyType>;
    now?: number;
    signal?: AbortSignal;
  },
): Promise<CrmWindow> {
  const ctx = { timeZone: spec.timeZone, now: opts.now ?? Date.now() };
  const properties = [...new Set([RECORD_ID_PROPERTY, ...spec.properties])];
  let searches = 0;
  const search = async (extra: SearchFilter[], sort: Sort, after: number, limit: number) => {
    searches++;
    const res = await searchCrmObjects(
      client,
      spec.objectType,
      {
        filterGroups: toSearchFilterGroups(spec.query.filters, (p) => opts.types.get(p), ctx, extra),
        sorts: [sort],
        query: spec.query.q || undefined,
        properties,
        limit,
        after: after > 0 ? String(after) : undefined,
      },
      opts.signal,
    );
    const rows = res.results.map((r) => ({
      id: r.id,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
      properties: r.properties,
    }));
    return { total: res.total, rows };
  };
  const viewSort = sortOf(spec.query.sort);
  const start = opts.start;
  const done = (w: Omit<CrmWindow, "searches" | "sortIgnored">, sortIgnored: boolean): CrmWindow => ({
    ...w,
    sortIgnored,
    searches,
  });

  if (start < SEARCH_RESULT_CAP) {
    const limit = Math.min(WINDOW_SIZE, SEARCH_RESULT_CAP - start);
    // A view the client already knows to be too large to sort is read in id order at once.
    const knownLarge = opts.totalHint !== undefined && opts.totalHint > SEARCH_RESULT_CAP;
    if (viewSort && knownLarge) {
      const byId = await search([], ID_ASC, start, limit);
      if (byId.total > SEARCH_RESULT_CAP) return done({ start, rows: byId.rows, total: byId.total, order: "id" }, true);
    }
    const first = await search([], viewSort ?? ID_ASC, start, limit);
    if (!viewSort || first.total <= SEARCH_RESULT_CAP)
      return done({ start, rows: first.rows, total: first.total, order: viewSort ? "sort" : "id" }, false);
    const byId = await search([], ID_ASC, start, limit);
    return done({ start, rows: byId.rows, total: byId.total, order: "id" }, true);
  }
  const sortIgnored = viewSort !== undefined;

  // From the nearest anchor before the window, when it is close enough to page from.
  const anchor = nearestAnchor(opts.anchors ?? [], start);
  if (anchor) {
    const res = await search(above(anchor.id), ID_ASC, start - anchor.position - 1, WINDOW_SIZE);
    return done({ start, rows: res.rows, total: anchor.position + 1 + res.total, order: "id" }, sortIgnored);
  }
  // Or backwards from the nearest anchor after it (a jump lands on a window; the one above it follows).
  const next = nearestAnchorAfter(opts.anchors ?? [], start);
  if (next) {
    const after = next.position - start - WINDOW_SIZE;
    const res = await search(below(next.id), ID_DESC, after, WINDOW_SIZE);
    const total = opts.totalHint ?? next.position + 1;
    return done({ start, rows: res.rows.reverse(), total, order: "id" }, sortIgnored);
  }

  // Near the end: read backwards from the last record.
  const hint = opts.totalHint;
  if (hint !== undefined && hint > start && hint - start <= SEARCH_RESULT_CAP) {
    const n = Math.min(WINDOW_SIZE, hint - start);
    const after = hint - start - n;
    const res = await search([], ID_DESC, after, n);
    // The view may have changed since the hint: place the rows by the total HubSpot says now.
    const first = Math.max(0, res.total - after - res.rows.length);
    return done({ start: first, rows: res.rows.reverse(), total: res.total, order: "id" }, sortIgnored);
  }

  const [lo0, hi0] = await Promise.all([search([], ID_ASC, 0, 1), search([], ID_DESC, 0, 1)]);
  const total = lo0.total;
  if (start >= total || !lo0.rows[0] || !hi0.rows[0]) return done({ start, rows: [], total, order: "id" }, sortIgnored);
  const found = await locate(search, { start, total, first: lo0.rows[0].id, last: hi0.rows[0].id });
  return done({ start, rows: found.rows, total: found.total, order: "id" }, sortIgnored);
}

type Search = (
  extra: SearchFilter[],
  sort: Sort,
  after: number,
  limit: number,
) => Promise<{ total: number; rows: RecordRow[] }>;

/**
 * A cold jump: guesses the id at rank `start` between two known (rank, id) points, asks for the
 * ids above the guess (their count gives the guess's rank exactly), and narrows the bracket until
 * the guess lands at most 9,800 before `start`; then one last search pages from it. Ids are
 * numeric and roughly spread over the view, so interpolation is usually right to within a window;
 * after a few rounds it bisects instead, so a skewed spread still ends.
 */
async function locate(
  search: Search,
  v: { start: number; total: number; first: string; last: string },
): Promise<{ rows: RecordRow[]; total: number }> {
  let lo = { rank: 0, id: Number(v.first) };
  let hi = { rank: v.total - 1, id: Number(v.last) };
  for (let round = 0; round < MAX_LOCATE_ROUNDS; round++) {
    const span = hi.id - lo.id;
    const guessId =
      round < INTERPOLATION_ROUNDS && hi.rank > lo.rank
        ? lo.id + Math.floor((span * (v.start - lo.rank)) / (hi.rank - lo.rank)) - 1
        : lo.id + Math.floor(span / 2);
    const guess = Math.min(Math.max(guessId, lo.id), hi.id - 1);
    const res = await search(above(guess), ID_ASC, 0, WINDOW_SIZE);
    const rank = v.total - res.total; // the rank of the first id above the guess
    const distance = v.start - rank;
    if (distance === 0) return { rows: res.rows, total: v.total };
    if (distance > 0 && distance <= SEARCH_RESULT_CAP - WINDOW_SIZE) {
      if (distance < res.rows.length) {
        // Part of the window came with the guess: the rest is one more page from its last row.
        const more = await search(above(res.rows[res.rows.length - 1]!.id), ID_ASC, 0, distance);
        return { rows: [...res.rows.slice(distance), ...more.rows], total: v.total };
      }
      const page = await search(above(guess), ID_ASC, distance, WINDOW_SIZE);
      return { rows: page.rows, total: v.total };
    }
    const firstAbove = res.rows[0];
    if (distance < 0 && firstAbove) hi = { rank, id: Number(firstAbove.id) };
    else if (res.rows.length > 0) lo = { rank: rank + res.rows.length - 1, id: Number(res.rows.at(-1)!.id) };
    else hi = { rank: v.total - 1, id: guess };
    if (hi.id - lo.id <= 1) break;
  }
  throw new Error(`Could not locate row ${v.start} of the view by record id`);
}

/** The anchor closest before `start` from which a search can page to it (within 10,000). */
function nearestAnchor(anchors: readonly WindowAnchor[], start: number): WindowAnchor | undefined {
  let best: WindowAnchor | undefined;
  for (const a of anchors) {
    const distance = start - a.position - 1;
    if (distance < 0 || distance > SEARCH_RESULT_CAP - WINDOW_SIZE) continue;
    if (!best || a.position > best.position) best = a;
  }
  return best;
}

/** The anchor closest after the window from which a search can page back to it (within 10,000). */
function nearestAnchorAfter(anchors: readonly WindowAnchor[], start: number): WindowAnchor | undefined {
  let best: WindowAnchor | undefined;
  for (const a of anchors) {
    const distance = a.position - start - WINDOW_SIZE;
    if (distance < 0 || distance > SEARCH_RESULT_CAP - WINDOW_SIZE) continue;
    if (!best || a.position < best.position) best = a;
  }
  return best;
}

/** The view's sort as HubSpot's, or undefined for record id order (the default). */
function sortOf(sort: string | undefined): Sort | undefined {
  if (!sort) return undefined;
  const propertyName = sort.replace(/^-/, "");
  const direction = sort.startsWith("-") ? "DESCENDING" : "ASCENDING";
  if (propertyName === RECORD_ID_PROPERTY && direction === "ASCENDING") return undefined;
  return { propertyName, direction };
}
