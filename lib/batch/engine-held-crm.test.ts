import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { crmBatchAdapter } from "../hubspot/crm-batch-adapter";
import { sandboxKit, type SandboxKit } from "../../tests/support/sandbox-kit";
import { HOLD_FROM_BATCHES } from "./deferred-scan";
import type { RowOperation } from "./types";

/**
 * A CRM run of HOLD_FROM_BATCHES batches or more holds them behind the probe, as marketing events
 * do (engine-held-scan.test.ts): one row first, read by itself, then the scan decides the rest. So
 * it costs its writes, the probe's read and a search; and a change made just before the run, while
 * search does not show it yet, is still a conflict.
 */
const CONTACTS = "/crm/objects/2026-03/contacts";
const N = HOLD_FROM_BATCHES * 100;
let kit: SandboxKit;
beforeAll(async () => {
  kit = await sandboxKit({ campaigns: 0, counts: { contacts: N } });
}, 60_000);
afterAll(async () => kit?.close());
beforeEach(async () => kit.reset());

const adapter = crmBatchAdapter({ objectType: "contacts" });

describe("runBatch: a long CRM run held behind the probe", () => {
  it.each([
    [600, "search caught up by the first scan"],
    [2500, "search still behind at the first scan (not trusted; polled)"],
  ])(
    "reads only the probe, and a change made just before the run is a conflict, not overwritten (index %i ms behind: %s)",
    async (delay) => {
      await kit.control("POST", "/__sandbox/config", { searchIndexDelayMs: delay });
      const asOf = new Date().toISOString();
      const all = await kit.records("contacts");
      expect(all).toHaveLength(N);
      const ops: RowOperation[] = all.map((r, i) => ({
        rowKey: `r${i}`,
        kind: "update",
        id: r.id,
        properties: { jobtitle: `mine ${i}` },
        baseline: { updatedAt: r.updatedAt, values: { jobtitle: r.properties.jobtitle ?? null }, asOf },
      }));
      // Someone else changes a row of the last batch just before the run: not searchable yet.
      const x = all[N - 1]!;
      await kit.run(adapter, [{ rowKey: "them", kind: "update", id: x.id, properties: { jobtitle: "theirs" } }]);
      await kit.control("DELETE", "/__sandbox/requests");

      const { outcomes, reports } = await kit.runScanned(adapter, ops);

      expect(reports).toMatchObject([{ outcome: "scanned", changed: 1 }]);
      expect(outcomes.find((o) => o.rowKey === `r${N - 1}`)!.status).toBe("conflict");
      expect(outcomes.filter((o) => o.status === "saved")).toHaveLength(N - 1);
      const now = new Map((await kit.records("contacts")).map((r) => [r.id, r]));
      expect(now.get(x.id)!.properties.jobtitle).toBe("theirs");
      expect(now.get(all[0]!.id)!.properties.jobtitle).toBe("mine 0");
      // Held: the probe's read and the scan's read of the one changed record; no batch read while
      // search caught up.
      expect(await kit.requests(`${CONTACTS}/batch/read`)).toHaveLength(2);
      expect((await kit.requests(`${CONTACTS}/batch/update`)).length).toBeLessThanOrEqual(N / 100 + 1);
    },
    60_000,
  );
});
