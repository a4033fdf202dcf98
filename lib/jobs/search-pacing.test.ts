/**
 * One pacing for every CRM search of a portal (lib/crm/paced-search.ts): an export, a bulk edit's
 * dry run and the grid's window reads running at once on one portal, against the sandbox (which
 * answers 429 past 5 searches a second, as HubSpot does). The sandbox sees at most 5 searches in any
 * second and answers none with 429; the three take turns; each finishes with the right records.
 */
import { readFileSync, rmSync } from "node:fs";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareEnv } from "../../tests/support/access-token.suite";
import { startSandbox, type RunningSandbox } from "../../sandbox/server";
import type { RecordedRequest } from "../../sandbox/core/state";
import type { Actor } from "../auth/actor";

const dataDir = prepareEnv();
const CONTACTS = 2_000;
const SEARCH = "/crm/objects/2026-03/contacts/search";
type Stored = { id: string; properties: Record<string, string | null> };

describe("CRM search pacing across the grid, exports and bulk edits", () => {
  let sb: RunningSandbox;
  let actor: Actor;

  beforeAll(async () => {
    sb = await startSandbox({ port: 0, counts: { campaigns: 0, contacts: CONTACTS, marketingEvents: 0 } });
    process.env.HUBSPOT_SANDBOX_URL = sb.url;
    // Test files that queue jobs work them in this process, as the app does (lib/jobs/in-process.ts).
    await (await import("./in-process")).ensureInProcessWorkers();
    const { insertTestConnection } = await import("../../tests/support/test-connection");
    actor = (await insertTestConnection(sb)).actor;
  });
  afterAll(async () => {
    const { stopJobQueue } = await import("../queue/queue");
    await stopJobQueue({ graceful: false });
    await sb?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("keeps an export, a dry run and window reads on one portal within 5 searches a second, shared, with correct results", async () => {
    const exports = await import("../exports/service");
    const bulk = await import("../bulk-edits/service");
    const bulkStore = await import("../bulk-edits/store");
    const { crmViewWindow } = await import("../crm/window-read");
    const all = (await (await fetch(`${sb.url}/__sandbox/records/contacts`)).json()) as Stored[];
    expect(all).toHaveLength(CONTACTS);
    const ids = all.map((c) => c.id).sort((a, b) => Number(a) - Number(b));

    const started = await exports.startExport(actor, {
      ref: { type: "crm", objectType: "contacts" },
      query: { filters: [] },
      columns: ["email", "country"],
      timeZone: "Europe/Berlin",
      format: "csv",
    });
    const dryRunId = await bulk.startBulkEdit(actor, {
      target: { type: "crm", objectType: "contacts" },
      query: { filters: [] },
      timeZone: "Europe/Berlin",
      edit: { kind: "set", property: "jobtitle", value: "Paced title" },
    });
    const exportDone = async () => !["queued", "running"].includes((await exports.exportView(actor, started.id)).state);
    const dryRunDone = async () => (await bulkStore.findBulkEditById(dryRunId))!.state !== "reading";

    // The grid meanwhile: someone scrolling, one window after another, until both jobs are done.
    let windows = 0;
    for (let start = 0; !((await exportDone()) && (await dryRunDone())); start = (start + 200) % CONTACTS) {
      const w = await crmViewWindow(actor, {
        objectType: "contacts",
        properties: ["firstname", "lastname"],
        query: { filters: [] },
        timeZone: "Europe/Berlin",
        start,
        anchors: [],
      });
      expect(w.total).toBe(CONTACTS);
      expect(w.rows).toHaveLength(200);
      windows++;
      if (windows > 200) throw new Error("the jobs never finished");
    }
    expect(windows).toBeGreaterThan(3);

    // What the sandbox saw: never more than 5 searches in a second, none refused.
    const searches = (
      (await (
        await fetch(`${sb.url}/__sandbox/requests?path=${encodeURIComponent(SEARCH)}&method=POST`)
      ).json()) as RecordedRequest[]
    ).filter((r) => r.path === SEARCH);
    const times = searches.map((r) => Date.parse(r.at)).sort((a, b) => a - b);
    const busiest = Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + 1000).length));
    const refused = searches.filter((r) => r.status === 429).length;
    const seconds = (times.at(-1)! - times[0]!) / 1000;
    console.log(
      `search pacing: ${searches.length} searches in ${seconds.toFixed(1)} s (${(searches.length / seconds).toFixed(2)}/s), busiest second ${busiest}, 429s ${refused}`,
    );
    expect(refused).toBe(0);
    expect(busiest).toBeLessThanOrEqual(5);

    // Shared fairly: while all three ran, each had a fair part of the searches. The grid browses, so
    // it goes first, but for at most about half of the budget (rate-limiter.ts); the two jobs take
    // turns with the rest, so each gets at least an eighth, and the grid at least a fifth.
    const source = (r: RecordedRequest) => {
      const props = (r.requestBody as { properties?: string[] }).properties ?? [];
      return props.includes("jobtitle") ? "dry run" : props.includes("country") ? "export" : "grid";
    };
    const firstDone = Math.min(
      ...["dry run", "export"].map((s) => Math.max(...searches.filter((r) => source(r) === s).map((r) => r.id))),
    );
    const together = searches.filter((r) => r.id <= firstDone);
    for (const [s, share] of [
      ["dry run", 8],
      ["export", 8],
      ["grid", 5],
    ] as const)
      expect(together.filter((r) => source(r) === s).length, s).toBeGreaterThanOrEqual(together.length / share);

    // Both finished with the right records.
    const dryRun = (await bulkStore.findBulkEditById(dryRunId))!;
    expect(dryRun).toMatchObject({ state: "ready", read: CONTACTS, total: CONTACTS });
    expect(dryRun.willChange + dryRun.alreadySet).toBe(CONTACTS);
    const view = await exports.exportView(actor, started.id);
    expect(view).toMatchObject({ state: "done", written: CONTACTS });
    const file = (await exports.exportFile(actor, started.id))!;
    const [, ...rows] = Papa.parse<string[]>(readFileSync(file.path, "utf8").slice(1), { skipEmptyLines: true }).data;
    expect(rows.map((r) => r[0])).toEqual(ids);
  }, 120_000);
});
