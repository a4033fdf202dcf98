/**
 * Reverting a 20,000-row import: an import of contact updates is run, 50 of its records are changed
 * in HubSpot afterwards, then the revert is previewed (every record read at the rate limit), 20 more
 * are changed between the preview and the run (the engine's own check must catch them), and it is
 * run (conflicts skipped) as jobs, on the embedded database as `npm run demo` runs it, against the
 * sandbox at HubSpot's 110 requests / 10 s with a search index that trails writes
 * (`searchIndexDelayMs`, as HubSpot's does). Prints figures; not a test.
 *
 *   npx tsx --conditions=react-server bench/revert-throughput.ts [--rows 20000] [--latency 150] [--changed 50] [--changed-after 20] [--search-lag 1000]
 *
 * Restored = records whose job title is back to its value before the import; lost = records that
 * should have been restored and were not; overwritten = records changed since (before or after the
 * preview) that the revert wrote over; written twice = records in more than one successful batch
 * update (all must be 0).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startSandbox } from "../sandbox/server";
import type { RecordedRequest } from "../sandbox/core/state";
import { actorOf } from "../lib/auth/actor";
import { requestsByKind, setSearchLag } from "./support/requests";

const arg = (name: string, d: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : d;
};
const ROWS = Number(arg("rows", "20000"));
const LATENCY = Number(arg("latency", "150"));
const CHANGED = Number(arg("changed", "50"));
const CHANGED_AFTER = Number(arg("changed-after", "20"));
const SEARCH_LAG = Number(arg("search-lag", "1000"));
const CEILING = 100 * 11;

const dataDir = mkdtempSync(path.join(tmpdir(), "bb-revert-bench-"));
process.env.DATA_DIR = dataDir;
process.env.BATCHBOARD_SECRET = "bench-secret-bench-secret-bench-secret-0123";
delete process.env.DATABASE_URL;
const sb = await startSandbox({
  port: 0,
  counts: { campaigns: 0, contacts: ROWS, companies: 0, deals: 0, marketingEvents: 0 },
  config: { rateLimitPerTenSeconds: 110, latencyMs: LATENCY },
});
process.env.HUBSPOT_SANDBOX_URL = sb.url;
await setSearchLag(sb.url, SEARCH_LAG);

const { insertTestConnection } = await import("../tests/support/test-connection");
const store = await import("../lib/submissions/store");
const runner = await import("../lib/submissions/runner");
const service = await import("../lib/reverts/service");
const { stopJobQueue } = await import("../lib/queue/queue");
// The preview and the run are jobs: this process works them, as the dashboard's does.
await (await import("../lib/jobs/in-process")).ensureInProcessWorkers();
const { session, portalId } = await insertTestConnection(sb);

type Rec = { id: string; properties: Record<string, string | null> };
const control = async (method: string, p: string, body?: unknown, attempt = 0): Promise<any> => {
  try {
    const res = await fetch(sb.url + p, {
      method,
      headers: body ? { "content-type": "application/json" } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    return await res.json();
  } catch (err) {
    // A kept-alive socket the sandbox closed meanwhile (ECONNRESET): once more on a new one.
    if (attempt > 0) throw err;
    return control(method, p, body, attempt + 1);
  }
};
const contacts = async () => (await control("GET", "/__sandbox/records/contacts")) as Rec[];
const fmt = (n: number, d = 0) => n.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// The import: every contact's job title, with the values read before as baselines (as the dry run records them).
const before = await contacts();
let t = performance.now();
const importId = await store.insertSubmission({
  userId: session.user.id,
  connectionId: session.connection.id,
  portalId,
  // As an upload by email records it: found by email in the dry run, written by record id.
  resource: { type: "crm", objectType: "contacts", uniqueProperty: "email" },
  source: "upload",
  operations: before.map((c) => ({
    rowKey: c.id,
    kind: "update",
    id: c.id,
    properties: { jobtitle: `Imported ${c.id}` },
    baseline: { updatedAt: "", values: { jobtitle: c.properties.jobtitle ?? null } },
    force: true,
  })),
});
if ((await runner.runSubmission(importId)) !== "done") throw new Error("the import did not finish");
console.log(
  `Import of ${fmt(ROWS)} contact updates (found by email): ${fmt((performance.now() - t) / 1000, 1)} s (sandbox 110 req/10 s, latency ${LATENCY} ms)`,
);

// Someone changes some of them in HubSpot afterwards (and more between the preview and the run, below).
const changedBefore = before.slice(0, CHANGED);
const changedAfter = before.filter((_, i) => i >= CHANGED && i % Math.floor(ROWS / CHANGED_AFTER) === 0);
const changed = [...changedBefore, ...changedAfter];
const token = sb.ctx.issueTokens({ portalId, scopes: sb.ctx.knownScopes(), expiresIn: 3600 }).access_token;
async function changeInHubSpot(records: Rec[]) {
  for (let i = 0; i < records.length; i += 100) {
    const res = await fetch(`${sb.url}/crm/objects/2026-03/contacts/batch/update`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({
        inputs: records
          .slice(i, i + 100)
          .map((c) => ({ id: c.id, properties: { jobtitle: `Changed since ${c.id}` }, objectWriteTraceId: c.id })),
      }),
    });
    if (!res.ok) throw new Error(`changing contacts in HubSpot → ${res.status}`);
  }
}
await changeInHubSpot(changedBefore);

await control("DELETE", "/__sandbox/requests");
const rssBefore = process.memoryUsage().rss;
t = performance.now();
const draftId = await service.previewRevert(actorOf(session), importId);
let plan = service.planStateOf((await store.findSubmission(draftId, portalId))?.plan);
while (plan?.state === "reading") {
  await sleep(250);
  plan = service.planStateOf((await store.findSubmission(draftId, portalId))?.plan);
}
if (plan?.state !== "ready") throw new Error(`the preview failed: ${JSON.stringify(plan)}`);
const previewSeconds = (performance.now() - t) / 1000;
const previewLog = (await control("GET", "/__sandbox/requests")) as RecordedRequest[];
const rssAfterPreview = process.memoryUsage().rss;
await changeInHubSpot(changedAfter);

await control("DELETE", "/__sandbox/requests");
t = performance.now();
await service.runRevert(actorOf(session), draftId, { conflicts: "skip", archive: false });
for (;;) {
  const v = await store.submissionView(draftId, portalId, Number.MAX_SAFE_INTEGER);
  if (v!.state === "done") break;
  await sleep(250);
}
const runSeconds = (performance.now() - t) / 1000;
const log = (await control("GET", "/__sandbox/requests")) as RecordedRequest[];
const view = (await store.submissionView(draftId, portalId, Number.MAX_SAFE_INTEGER))!;

const now = new Map((await contacts()).map((c) => [c.id, c]));
const changedIds = new Set(changed.map((c) => c.id));
const restored = before.filter(
  (c) => !changedIds.has(c.id) && (now.get(c.id)?.properties.jobtitle ?? null) === (c.properties.jobtitle ?? null),
).length;
const lost = ROWS - changed.length - restored;
const overwritten = changed.filter((c) => now.get(c.id)?.properties.jobtitle !== `Changed since ${c.id}`).length;
const rate = view.counts.saved / runSeconds;
const sent = new Map<string, number>();
for (const r of log.filter((r) => r.path.endsWith("/batch/update") && r.status < 300))
  for (const input of (r.requestBody as { inputs?: { id: string }[] })?.inputs ?? [])
    sent.set(input.id, (sent.get(input.id) ?? 0) + 1);
const twice = [...sent.values()].filter((n) => n > 1).length;

console.log(
  `\nRevert preview: read ${fmt(ROWS)} records in ${fmt(previewSeconds, 1)} s (requests: ${requestsByKind(previewLog)}); ${fmt(plan.summary.restore)} to restore, ${fmt(plan.summary.conflicts)} conflicts; RSS +${fmt((rssAfterPreview - rssBefore) / 2 ** 20)} MB`,
);
console.log(
  `Revert run: ${fmt(view.counts.saved)} saved, ${fmt(view.counts.conflict)} conflicts, ${fmt(view.counts.failed)} failed in ${fmt(runSeconds, 1)} s = ${fmt(rate)} records/s = ${fmt((rate / CEILING) * 100)} % of the ${fmt(CEILING)}/s ceiling; requests: ${requestsByKind(log)}`,
);
console.log(
  `HubSpot afterwards (search index ${SEARCH_LAG} ms behind writes; ${changedBefore.length} changed before the preview, ${changedAfter.length} between preview and run): ${fmt(restored)} restored, ${lost} rows lost, ${twice} written twice, ${overwritten} changes overwritten`,
);

await stopJobQueue({ graceful: false });
await sb.close();
rmSync(dataDir, { recursive: true, force: true });
process.exit(0);
