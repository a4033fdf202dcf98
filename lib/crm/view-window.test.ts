import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { sandboxKit, type SandboxKit, type StoredRecord } from "../../tests/support/sandbox-kit";
import { SEARCH_PER_SECOND, SEARCH_WINDOW_MS, SlidingWindowLimiter } from "../batch/rate-limiter";
import { searchRequester } from "../hubspot/search-requester";
import type { PropertyType } from "../properties/types";
import type { ViewQuery } from "../records/filters";
import { readCrmWindow, type WindowAnchor } from "./view-window";

const SEARCH = "/crm/objects/2026-03/contacts/search";
const CONTACTS = 12_000;

let kit: SandboxKit;
/** Every contact, in record id order: the view "All" as positions. */
let all: StoredRecord[];
beforeAll(async () => {
  kit = await sandboxKit({ campaigns: 0, counts: { contacts: CONTACTS } });
  all = (await kit.records("contacts")).sort((a, b) => Number(a.id) - Number(b.id));
}, 120_000);
beforeEach(async () => {
  await kit.control("DELETE", "/__sandbox/faults");
  await kit.control("DELETE", "/__sandbox/requests");
});
afterAll(async () => kit?.close());

const types = new Map<string, PropertyType>([
  ["lifecyclestage", "enum"],
  ["firstname", "text"],
  ["email", "text"],
  ["hs_object_id", "number"],
]);

/** A search client as the server action builds one: the portal's search limiter (5/s) and a 429 retry. */
const limiters = {
  search: new SlidingWindowLimiter({ limit: SEARCH_PER_SECOND, windowMs: SEARCH_WINDOW_MS, pauseAfter429Ms: 50 }),
  portal: new SlidingWindowLimiter({ limit: 100_000 }),
};
function http(f?: typeof fetch) {
  return searchRequester(kit.client(f), limiters, (ms) => new Promise((r) => setTimeout(r, Math.min(ms, 50))));
}

/** A fetch that counts searches (a fault-answered one is not in the sandbox's log). */
function counting() {
  const seen = { n: 0, statuses: [] as number[] };
  const f: typeof fetch = async (input, init) => {
    const res = await fetch(input, init);
    if (new URL(String(input)).pathname === SEARCH) {
      seen.n++;
      seen.statuses.push(res.status);
    }
    return res;
  };
  return { seen, f };
}

const read = (
  query: ViewQuery,
  start: number,
  o: { anchors?: WindowAnchor[]; totalHint?: number; f?: typeof fetch } = {},
) =>
  readCrmWindow(
    http(o.f),
    { objectType: "contacts", query, properties: ["email", "firstname", "lifecyclestage"], timeZone: "Europe/Berlin" },
    { start, anchors: o.anchors, totalHint: o.totalHint, types },
  );

const ALL: ViewQuery = { filters: [] };
const ids = (rows: { id: string }[]) => rows.map((r) => r.id);

describe("readCrmWindow", () => {
  it("reads a window below 10,000 with one search at its offset, the view's total and its properties", async () => {
    const w = await read(ALL, 400);
    expect(w).toMatchObject({ start: 400, total: CONTACTS, order: "id", sortIgnored: false, searches: 1 });
    expect(ids(w.rows)).toEqual(ids(all.slice(400, 600)));
    expect(w.rows[0]!.properties).toMatchObject({ email: all[400]!.properties.email });
    const last = await read(ALL, 9_800);
    expect(ids(last.rows)).toEqual(ids(all.slice(9_800, 10_000)));
  });

  it("reads past 10,000 from an anchor the client saw: one search above its id", async () => {
    const anchors = [
      { position: 200, id: all[200]!.id },
      { position: 9_999, id: all[9_999]!.id },
    ];
    const w = await read(ALL, 10_400, { anchors });
    expect(w).toMatchObject({ start: 10_400, total: CONTACTS, searches: 1 });
    expect(ids(w.rows)).toEqual(ids(all.slice(10_400, 10_600)));
  });

  it("reads backwards from an anchor after the window (the window above a jump): one search below its id", async () => {
    const anchors = [{ position: 11_000, id: all[11_000]!.id }];
    const w = await read(ALL, 10_600, { anchors, totalHint: CONTACTS });
    expect(w).toMatchObject({ start: 10_600, total: CONTACTS, order: "id", searches: 1 });
    expect(ids(w.rows)).toEqual(ids(all.slice(10_600, 10_800)));
  });

  it("reads the end backwards when the client knows the total: one search", async () => {
    const w = await read(ALL, 11_800, { totalHint: CONTACTS });
    expect(w).toMatchObject({ start: 11_800, total: CONTACTS, searches: 1 });
    expect(ids(w.rows)).toEqual(ids(all.slice(11_800)));
  });

  it("jumps cold far past 10,000 by interpolating on ids, in a few searches", async () => {
    const { seen, f } = counting();
    const w = await read(ALL, 10_600, { f });
    expect(ids(w.rows)).toEqual(ids(all.slice(10_600, 10_800)));
    expect(w.total).toBe(CONTACTS);
    expect(w.searches).toBe(seen.statuses.filter((s) => s === 200).length);
    expect(w.searches).toBeLessThanOrEqual(5);
  });

  it("jumps cold in a filtered view whose ids are spread unevenly, and agrees with the view read in id order", async () => {
    // Every contact but the rarest stage: above 10,000, with gaps between ids.
    const counts = new Map<string, number>();
    for (const c of all)
      counts.set(c.properties.lifecyclestage ?? "", (counts.get(c.properties.lifecyclestage ?? "") ?? 0) + 1);
    const rarest = [...counts].filter(([s]) => s).sort((a, b) => a[1] - b[1])[0]![0];
    const view = all.filter((c) => c.properties.lifecyclestage !== rarest);
    expect(view.length).toBeGreaterThan(10_200);
    expect(view.length).toBeLessThan(CONTACTS);
    const q: ViewQuery = { filters: [[{ property: "lifecyclestage", operator: "none_of", values: [rarest] }]] };
    const start = Math.floor((view.length - 200) / 200) * 200;
    const w = await read(q, start);
    expect(w.total).toBe(view.length);
    expect(ids(w.rows)).toEqual(ids(view.slice(start, start + 200)));
    expect(w.searches).toBeLessThanOrEqual(6);
    const low = await read(q, 200);
    expect(ids(low.rows)).toEqual(ids(view.slice(200, 400)));
  });

  it("keeps a sort while the view holds at most 10,000 records, and ignores it (id order) above", async () => {
    const q: ViewQuery = {
      filters: [[{ property: "lifecyclestage", operator: "any_of", values: ["lead"] }]],
      sort: "-firstname",
    };
    const sorted = await read(q, 0);
    expect(sorted).toMatchObject({ order: "sort", sortIgnored: false, searches: 1 });
    const names = sorted.rows.map((r) => (r.properties.firstname ?? "").toLowerCase());
    expect(names).toEqual([...names].sort().reverse());
    expect(ids(sorted.rows)).not.toEqual([...ids(sorted.rows)].sort((a, b) => Number(a) - Number(b)));

    const big = await read({ filters: [], sort: "firstname" }, 0);
    expect(big).toMatchObject({ order: "id", sortIgnored: true, total: CONTACTS });
    expect(ids(big.rows)).toEqual(ids(all.slice(0, 200)));
    const hinted = await read({ filters: [], sort: "firstname" }, 200, { totalHint: CONTACTS });
    expect(hinted).toMatchObject({ order: "id", sortIgnored: true, searches: 1 });
    expect(ids(hinted.rows)).toEqual(ids(all.slice(200, 400)));
    const far = await read({ filters: [], sort: "firstname" }, 10_000, {
      anchors: [{ position: 9_999, id: all[9_999]!.id }],
    });
    expect(far).toMatchObject({ sortIgnored: true, order: "id" });
    expect(ids(far.rows)).toEqual(ids(all.slice(10_000, 10_200)));
  });

  it("retries HubSpot's 429 (search's own limit) and returns the window", async () => {
    await kit.faults({ method: "POST", path: SEARCH, status: 429, times: 2, policyName: "SECONDLY" });
    const { seen, f } = counting();
    const w = await read(ALL, 0, { f });
    expect(ids(w.rows)).toEqual(ids(all.slice(0, 200)));
    expect(seen.statuses).toEqual([429, 429, 200]);
  });

  it("keeps to 5 searches a second per portal: twelve windows at once are spread over 2 s and all arrive", async () => {
    const { seen, f } = counting();
    const client = http(f);
    const t0 = Date.now();
    const windows = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        readCrmWindow(
          client,
          { objectType: "contacts", query: ALL, properties: ["email"], timeZone: "UTC" },
          { start: i * 200, types },
        ),
      ),
    );
    expect(windows.map((w) => w.rows[0]!.id)).toEqual(Array.from({ length: 12 }, (_, i) => all[i * 200]!.id));
    // The limiter counts sends, HubSpot arrivals: a rare one may still meet the edge (retried).
    expect(seen.statuses.filter((s) => s === 429).length).toBeLessThanOrEqual(2);
    expect(seen.statuses.filter((s) => s === 200)).toHaveLength(12);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(2_000);
  });
});
