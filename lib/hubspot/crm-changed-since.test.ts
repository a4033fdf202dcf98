import { describe, expect, it } from "vitest";
import type { HubSpotRequester } from "../batch/adapter";
import type { SavedRecord } from "../batch/types";
import { crmChangedSince, crmIndexedStamp } from "./crm-changed-since";

/**
 * The scan's paging against a fake search that behaves as HubSpot's does where it matters: newest
 * first by the stamp, ties in id order, `after` an offset, nothing past 10,000 results (a request
 * beyond is an error, and the last page has no cursor even when `total` is larger).
 */
interface Fake {
  id: string;
  stamp: number;
  email?: string;
}

function fakeSearch(records: Fake[], onSearch?: (n: number) => void) {
  const requests: { after: number; limit: number; filters: { operator: string; value?: string }[] }[] = [];
  const http: HubSpotRequester = {
    request: (async (path: string, o: { body?: unknown } = {}) => {
      if (!path.endsWith("/search")) throw new Error(`unexpected ${path}`);
      const body = o.body as {
        filterGroups: { filters: { propertyName: string; operator: string; value?: string }[] }[];
        limit: number;
        after?: string;
      };
      const filters = body.filterGroups[0]!.filters;
      const after = Number(body.after ?? 0);
      requests.push({ after, limit: body.limit, filters });
      onSearch?.(requests.length);
      if (after + body.limit > 10_000) throw new Error("paging past 10,000");
      const match = records
        .filter((r) =>
          filters.every((f) =>
            f.propertyName === "hs_object_id"
              ? r.id === f.value
              : f.operator === "GTE"
                ? r.stamp >= Number(f.value)
                : r.stamp <= Number(f.value),
          ),
        )
        .sort((a, b) => b.stamp - a.stamp || Number(a.id) - Number(b.id));
      const want = after + body.limit;
      return {
        total: match.length,
        results: match.slice(after, want).map((r) => ({
          id: r.id,
          createdAt: "2020-01-01T00:00:00.000Z",
          updatedAt: new Date(r.stamp).toISOString(),
          archived: false,
          properties: {
            hs_object_id: r.id,
            hs_lastmodifieddate: new Date(r.stamp).toISOString(),
            ...(r.email ? { email: r.email } : {}),
          },
        })),
        ...(want < match.length && want < 10_000 ? { paging: { next: { after: String(want) } } } : {}),
      };
    }) as HubSpotRequester["request"],
  };
  return { http, requests };
}

const T0 = Date.parse("2026-12-01T10:00:00.000Z");
const iso = (ms: number) => new Date(ms).toISOString();
/** The batch read of current values: every asked id, as found. */
const readAll = async (_http: HubSpotRequester, ids: string[]) =>
  new Map(ids.map((id): [string, SavedRecord] => [id, { id, updatedAt: iso(T0), properties: {} }]));
const target = { objectType: "deals", idProperty: undefined, read: readAll };

describe("crmChangedSince", () => {
  it("pages past search's 10,000-result cap by restarting at the last stamp seen, without a gap", async () => {
    // 12,500 records changed since, 3 ms apart, two to a stamp (pairs straddle page ends).
    const records = Array.from({ length: 12_500 }, (_, i) => ({
      id: String(i + 1),
      stamp: T0 + 3 * Math.floor(i / 2),
    }));
    const { http, requests } = fakeSearch(records);
    const oldest = ["1", "2", "3", "5000", "12500", "12499"];
    const r = await crmChangedSince(target, http, iso(T0), [...oldest, "99999"], ["dealname"], { maxPages: 1000 });
    expect([...r.changed.keys()].sort()).toEqual([...oldest].sort());
    expect(r.coveredFrom).toBe(iso(T0));
    expect(requests.every((q) => q.after + q.limit <= 10_000)).toBe(true);
    // One restart: about 12,500 / 200 pages, not one query per page.
    expect(r.pages).toBeLessThanOrEqual(Math.ceil(12_500 / 200) + 2);
    expect(requests.filter((q) => q.after === 0)).toHaveLength(2);
  });

  it("records sharing one stamp across a page boundary or the cap are all seen; 10,000+ alike ends, covering only what is newer", async () => {
    const alike = Array.from({ length: 10_300 }, (_, i) => ({ id: String(i + 1), stamp: T0 + 5000 }));
    const newer = Array.from({ length: 50 }, (_, i) => ({ id: String(20_000 + i), stamp: T0 + 6000 + i }));
    const older = [{ id: "30000", stamp: T0 + 10 }];
    const { http } = fakeSearch([...alike, ...newer, ...older]);
    const r = await crmChangedSince(target, http, iso(T0), ["20001", "30000", "10300"], [], { maxPages: 1000 });
    // It stops (no endless restart at the same stamp) and vouches only for what is newer than it.
    expect(r.coveredFrom).toBe(iso(T0 + 5000));
    expect(r.changed.has("20001")).toBe(true);
    expect(r.pages).toBeLessThanOrEqual(2 * 50 + 1);

    // 450 alike around the 10,000th result: the restart at LTE that stamp finds the rest of them.
    const block = [
      ...Array.from({ length: 9_800 }, (_, i) => ({ id: String(i + 1), stamp: T0 + 100_000 - i })),
      ...Array.from({ length: 450 }, (_, i) => ({ id: String(50_000 + i), stamp: T0 + 50 })),
      { id: "60000", stamp: T0 + 1 },
    ];
    const { http: http2 } = fakeSearch(block);
    const ids = ["50000", "50299", "50449", "60000"];
    const r2 = await crmChangedSince(target, http2, iso(T0), ids, [], { maxPages: 1000 });
    expect([...r2.changed.keys()].sort()).toEqual(ids);
    expect(r2.coveredFrom).toBe(iso(T0));
  });

  it("stops at maxPages and reports how far back it got", async () => {
    const records = Array.from({ length: 1000 }, (_, i) => ({ id: String(i + 1), stamp: T0 + 1000 - i }));
    const { http } = fakeSearch(records);
    const r = await crmChangedSince(target, http, iso(T0), ["1", "900"], [], { maxPages: 2 });
    expect(r.pages).toBe(2);
    expect(r.coveredFrom).toBe(iso(T0 + 1000 - 399));
    expect([...r.changed.keys()]).toEqual(["1"]);
  });

  it("bounds the range with until and matches rows addressed by email ignoring case", async () => {
    const records = [
      { id: "1", stamp: T0 + 10, email: "Jane@Example.com" },
      { id: "2", stamp: T0 + 5000, email: "late@example.com" },
    ];
    const { http, requests } = fakeSearch(records);
    const r = await crmChangedSince(
      { objectType: "contacts", idProperty: "email", read: readAll },
      http,
      iso(T0),
      ["jane@example.COM", "late@example.com"],
      ["jobtitle"],
      { maxPages: 5, until: iso(T0 + 100) },
    );
    expect([...r.changed.keys()]).toEqual(["jane@example.COM"]);
    expect(requests[0]!.filters.map((f) => f.operator)).toEqual(["GTE", "LTE"]);
  });

  it("indexedStamp: the stamp search holds for one record, undefined while it is not indexed", async () => {
    const { http } = fakeSearch([{ id: "7", stamp: T0 + 42 }]);
    expect(await crmIndexedStamp("deals", http, "7", {})).toBe(iso(T0 + 42));
    expect(await crmIndexedStamp("deals", http, "8", {})).toBeUndefined();
  });
});
