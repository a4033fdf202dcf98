import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { sandboxKit, type SandboxKit } from "../../tests/support/sandbox-kit";
import type { BatchAdapter, UpdateOp } from "../batch/adapter";
import { applyScan } from "../batch/conflicts";
import { marketingEventBatchAdapter } from "./marketing-event-batch-adapter";
import type { MarketingEvent } from "./schemas/marketing-events";

/**
 * The events adapter's side of the conflict scan, called directly against the sandbox (the
 * engine's deferral is the engine's): CRM search for the events changed since load, bounded by
 * `until`; the list pass without `until` or when search is refused; `indexedStamp` as search
 * sees the record.
 */
const SEARCH = "/crm/objects/2026-03/marketing_events/search";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let kit: SandboxKit;
beforeAll(async () => {
  kit = await sandboxKit({ campaigns: 0, counts: { marketingEvents: 250 } });
});
afterAll(async () => kit?.close());
beforeEach(async () => {
  await kit.reset();
  await kit.control("POST", "/__sandbox/config", { searchIndexDelayMs: 0 });
  await kit.control("DELETE", "/__sandbox/requests");
});

const events = () => kit.records<MarketingEvent>("marketing-events");
const newest = (all: MarketingEvent[]) =>
  all.reduce((m, e) => (Date.parse(e.updatedAt) > Date.parse(m) ? e.updatedAt : m), all[0]!.updatedAt);
/** Someone else edits an event in HubSpot. */
const theirEdit = (id: string, values: Partial<MarketingEvent>) =>
  kit.client().request(`/marketing/marketing-events/2026-03/${id}`, {
    method: "PATCH",
    body: { customProperties: [], ...values },
  });
/** The grid's rows: every event, writing eventOrganizer, loaded at `asOf`. */
const rows = (all: MarketingEvent[], asOf: string): UpdateOp[] =>
  all.map((e, i) => ({
    rowKey: `r${i}`,
    kind: "update",
    id: e.objectId,
    properties: { eventOrganizer: `Mine ${i}` },
    baseline: { updatedAt: e.updatedAt, values: { eventOrganizer: e.eventOrganizer ?? null }, asOf },
  }));
const since = (asOf: string) => new Date(Date.parse(asOf) - 1000).toISOString();
/** Ids a scan from since(asOf) must return: the edited ones, and those stamped within the engine's margin. */
const expectedIds = (all: MarketingEvent[], asOf: string, edited: MarketingEvent[]) =>
  [
    ...new Set([
      ...all.filter((e) => Date.parse(e.updatedAt) > Date.parse(since(asOf))).map((e) => e.objectId),
      ...edited.map((e) => e.objectId),
    ]),
  ].sort();
const listCalls = async () =>
  (await kit.requests("/marketing/marketing-events/2026-03", "GET")).length +
  (await kit.requests("/marketing/marketing-events/v3", "GET")).length;

describe.each(["2026-03", "v3"] as const)("marketing events %s: changedSince", (apiVersion) => {
  let adapter: BatchAdapter;
  beforeEach(() => {
    adapter = marketingEventBatchAdapter({ apiVersion });
  });

  it("with until: one search instead of the list; their change to my field is a conflict, to another field is not", async () => {
    const all = await events();
    const asOf = newest(all);
    await sleep(5);
    await theirEdit(all[7]!.objectId, { eventOrganizer: "Theirs" });
    await theirEdit(all[9]!.objectId, { eventDescription: "Their description" });
    const ops = rows(all, asOf);

    const scan = await adapter.changedSince!(
      kit.client(),
      since(asOf),
      ops.map((o) => o.id),
      ["eventOrganizer"],
      { maxPages: 1000, until: new Date().toISOString() },
    );
    const expected = expectedIds(all, asOf, [all[7]!, all[9]!]);
    expect([...scan.changed.keys()].sort()).toEqual(expected);
    expect(expected.length).toBeLessThanOrEqual(10);
    expect(scan.coveredFrom).toBe(since(asOf));
    // One search and the few changed events read one by one; no list page.
    expect(scan.pages).toBe(1 + expected.length);
    expect(await kit.requests(SEARCH)).toHaveLength(1);
    expect(await listCalls()).toBe(0);

    const split = applyScan(ops, scan.changed, scan.coveredFrom);
    expect(split.outcomes.map((o) => [o.rowKey, o.status])).toEqual([["r7", "conflict"]]);
    expect(split.write).toHaveLength(249);
    expect(split.unresolved).toHaveLength(0);
  });

  it("a change made while search lags is missed by a scan taken too early, and found once the probe write is indexed", async () => {
    const all = await events();
    const asOf = newest(all);
    await kit.control("POST", "/__sandbox/config", { searchIndexDelayMs: 400 });
    await sleep(5);
    // Their edit lands just before the submission's first (probe) write.
    await theirEdit(all[7]!.objectId, { eventOrganizer: "Theirs" });
    const probe = await adapter.update(kit.client(), [rows(all, asOf)[20]!], {});
    const until = probe.saved.get("r20")!.updatedAt;
    const ids = all.map((e) => e.objectId);

    // Search does not hold the probe yet: the engine must not scan now. Had it, the edit is missed.
    expect(await adapter.indexedStamp!(kit.client(), all[20]!.objectId, {})).toBe(all[20]!.updatedAt);
    const early = await adapter.changedSince!(kit.client(), since(asOf), ids, ["eventOrganizer"], {
      maxPages: 1000,
      until,
    });
    expect(early.changed.has(all[7]!.objectId)).toBe(false);

    let seen: string | undefined;
    for (let i = 0; i < 40 && seen !== until; i++) {
      await sleep(50);
      seen = await adapter.indexedStamp!(kit.client(), all[20]!.objectId, {});
    }
    expect(seen).toBe(until);
    const scan = await adapter.changedSince!(kit.client(), since(asOf), ids, ["eventOrganizer"], {
      maxPages: 1000,
      until,
    });
    expect(scan.changed.get(all[7]!.objectId)?.properties.eventOrganizer).toBe("Theirs");
    const split = applyScan(rows(all, asOf), scan.changed, scan.coveredFrom);
    expect(split.outcomes).toEqual([expect.objectContaining({ rowKey: "r7", status: "conflict" })]);
  });

  it("without until (a scan before any write) it never trusts lagging search: one list pass", async () => {
    const all = await events();
    const asOf = newest(all);
    await kit.control("POST", "/__sandbox/config", { searchIndexDelayMs: 60_000 });
    await sleep(5);
    await theirEdit(all[7]!.objectId, { eventOrganizer: "Theirs" });
    const scan = await adapter.changedSince!(
      kit.client(),
      since(asOf),
      all.map((e) => e.objectId),
      ["eventOrganizer"],
      { maxPages: 1000 },
    );
    expect([...scan.changed.keys()].sort()).toEqual(expectedIds(all, asOf, [all[7]!]));
    expect(scan.pages).toBe(3);
    expect(await kit.requests(SEARCH)).toHaveLength(0);
  });

  it("search refused: the list pass still reports the conflict, search is not asked again, indexedStamp reads the event", async () => {
    const all = await events();
    const asOf = newest(all);
    await kit.faults({ method: "POST", path: SEARCH, status: 403, times: 10 });
    await sleep(5);
    await theirEdit(all[7]!.objectId, { eventOrganizer: "Theirs" });
    const scan = () =>
      adapter.changedSince!(
        kit.client(),
        since(asOf),
        all.map((e) => e.objectId),
        ["eventOrganizer"],
        {
          maxPages: 1000,
          until: new Date().toISOString(),
        },
      );
    const first = await scan();
    expect(applyScan(rows(all, asOf), first.changed, first.coveredFrom).outcomes).toEqual([
      expect.objectContaining({ rowKey: "r7", status: "conflict" }),
    ]);
    await scan();
    expect(await kit.requests(SEARCH)).toHaveLength(1);
    const now = (await events()).find((e) => e.objectId === all[7]!.objectId)!;
    expect(await adapter.indexedStamp!(kit.client(), all[7]!.objectId, {})).toBe(now.updatedAt);
  });
});

describe("changedSince by search, many changes", () => {
  /** Someone changes the first `n` events, 100 at a time: each batch shares (about) one stamp. */
  async function theyChange(adapter: BatchAdapter, all: MarketingEvent[], asOf: string, n: number) {
    for (let b = 0; b < n; b += 100) {
      await sleep(3);
      await adapter.update(
        kit.client(),
        rows(all, asOf)
          .slice(b, Math.min(n, b + 100))
          .map((o) => ({ ...o, properties: { eventOrganizer: `Theirs ${o.rowKey}` } })),
        {},
      );
    }
    await kit.control("DELETE", "/__sandbox/requests");
  }

  it("pages 200 at a time anchored on stamps (ties across pages kept), and stops at maxPages with coveredFrom", async () => {
    await kit.control("POST", "/__sandbox/reset", { campaigns: 0, marketingEvents: 30_000 });
    const all = await events();
    const asOf = newest(all);
    const adapter = marketingEventBatchAdapter({ apiVersion: "2026-03" });
    await theyChange(adapter, all, asOf, 250);
    const ids = all.map((e) => e.objectId);
    const until = new Date().toISOString();
    const full = await adapter.changedSince!(kit.client(), since(asOf), ids, ["eventOrganizer"], {
      maxPages: 1000,
      until,
    });
    const expected = expectedIds(all, asOf, all.slice(0, 250));
    expect([...full.changed.keys()].sort()).toEqual(expected);
    expect(full.coveredFrom).toBe(since(asOf));
    // Two pages and one search for the portal's size (30,000: a list pass would be 300 pages), then
    // the changed events one by one; no list page.
    expect(await kit.requests(SEARCH)).toHaveLength(3);
    expect(full.pages).toBe(3 + expected.length);
    expect(await listCalls()).toBe(0);

    const cut = await adapter.changedSince!(kit.client(), since(asOf), ids, ["eventOrganizer"], {
      maxPages: 1,
      until,
    });
    expect(await kit.requests(SEARCH)).toHaveLength(5);
    expect(cut.changed.size).toBe(200);
    // Everything after coveredFrom was seen; rows loaded before it are left to the batch reads.
    expect(Date.parse(cut.coveredFrom!)).toBeGreaterThan(Date.parse(asOf));
  });

  it("goes to the list pass at once when reading the changed events would cost one anyway", async () => {
    await kit.control("POST", "/__sandbox/reset", { campaigns: 0, marketingEvents: 450 });
    const all = await events();
    const asOf = newest(all);
    const adapter = marketingEventBatchAdapter({ apiVersion: "2026-03" });
    await theyChange(adapter, all, asOf, 450);
    const scan = await adapter.changedSince!(
      kit.client(),
      since(asOf),
      all.map((e) => e.objectId),
      ["eventOrganizer"],
      { maxPages: 1000, until: new Date().toISOString() },
    );
    expect(scan.changed.size).toBe(450);
    expect(scan.coveredFrom).toBe(since(asOf));
    // One page (450 changed), one for the size (450: 5 list pages), then the 5 list pages.
    expect(await kit.requests(SEARCH)).toHaveLength(2);
    expect(await listCalls()).toBe(5);
    expect(scan.pages).toBe(7);
  });
});
