import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { marketingEventBatchAdapter } from "../hubspot/marketing-event-batch-adapter";
import type { MarketingEvent } from "../hubspot/schemas/marketing-events";
import { sandboxKit, type SandboxKit } from "../../tests/support/sandbox-kit";
import type { RowOperation } from "./types";

/**
 * The deferred scan for an adapter whose batch read is a pass over a list (marketing events): the
 * engine sends ONE row first as the probe and holds the other batches until the scan is done, so a
 * submission costs its writes, one probe, a few searches and no list pages; and a change made just
 * before the run, while search does not show it yet, is still a conflict.
 */
const EVENTS = "/marketing/marketing-events/2026-03";
const N = 800;
let kit: SandboxKit;
beforeAll(async () => {
  kit = await sandboxKit({ campaigns: 0, counts: { marketingEvents: N } });
});
afterAll(async () => kit?.close());
beforeEach(async () => {
  await kit.reset();
  await kit.control("POST", "/__sandbox/config", { searchIndexDelayMs: 600 });
});

const adapter = marketingEventBatchAdapter({ apiVersion: "2026-03" });
const events = () => kit.records<MarketingEvent>("marketing-events");

describe("runBatch: held batches behind the probe (marketing events)", () => {
  it.each([
    [600, "search caught up by the first scan"],
    [2500, "search still behind at the first scan (not trusted; polled)"],
  ])(
    "costs no list page, and a change made just before the run is a conflict, not overwritten (index %i ms behind: %s)",
    async (delay) => {
      await kit.control("POST", "/__sandbox/config", { searchIndexDelayMs: delay });
      const asOf = new Date().toISOString();
      const all = await events();
      const ops: RowOperation[] = all.map((e, i) => ({
        rowKey: `r${i}`,
        kind: "update",
        id: e.objectId,
        properties: { eventOrganizer: `Mine ${i}` },
        baseline: { updatedAt: e.updatedAt, values: { eventOrganizer: e.eventOrganizer ?? null }, asOf },
      }));
      const x = all[N - 1]!;
      await kit.client().request(`${EVENTS}/${x.objectId}`, {
        method: "PATCH",
        body: { customProperties: [], eventOrganizer: "Theirs" },
      });
      await kit.control("DELETE", "/__sandbox/requests");

      const { outcomes, reports } = await kit.runScanned(adapter, ops);

      expect(reports).toMatchObject([{ outcome: "scanned", changed: 1 }]);
      expect(outcomes.find((o) => o.rowKey === `r${N - 1}`)!.status).toBe("conflict");
      expect(outcomes.filter((o) => o.status === "saved")).toHaveLength(N - 1);
      const now = new Map((await events()).map((e) => [e.objectId, e]));
      expect(now.get(x.objectId)!.eventOrganizer).toBe("Theirs");
      expect(now.get(all[0]!.objectId)!.eventOrganizer).toBe("Mine 0");
      // The list was never paged: the probe was read by itself and the rest decided by the scan.
      expect(await kit.requests(EVENTS, "GET")).toHaveLength(0);
      const writes = await kit.requests(`${EVENTS}/batch/update`);
      expect(writes.length).toBeLessThanOrEqual(Math.ceil(N / 100) + 1);
    },
  );
});
