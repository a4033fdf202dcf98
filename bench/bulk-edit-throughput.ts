/**
 * A bulk set over a whole view of contacts: the dry run (the view streamed by id through HubSpot's
 * search) and the run (an ordinary submission), as jobs on the embedded database as `npm run demo`
 * runs them, against the sandbox at HubSpot's 110 requests / 10 s, a latency, and a search index that
 * trails writes (`searchIndexDelayMs`, as HubSpot's does). Prints figures; not a test.
 *
 *   npx tsx --conditions=react-server bench/bulk-edit-throughput.ts [--rows 20000] [--latency 150] [--search-lag 1000] [--changed 20]
 *
 * Conflicts at the worst moments: `--changed` records of the dry run's first page are changed in
 * HubSpot just before it (its search may still show their old value), and as many across the view
 * between the dry run and the run. Lost = records of the view not holding the new value afterwards
 * (other than those); written twice = records sent in more than one batch update; overwritten =
 * those changes the dry run did not show and the run wrote over (all three must be 0).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startSandbox } from "../sandbox/server";
import type { RecordedRequest } from "../sandbox/core/state";
import { requestsByKind, setSearchLag } from "./support/requests";

const arg = (name: string, d: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : d;
};
const ROWS = Number(arg("rows", "20000"));
const LATENCY = Number(arg("latency", "150"));
const SEARCH_LAG = Number(arg("search-lag", "1000"));
const CHANGED = Number(arg("changed", "20"));
const CEILING = 110 * 10;

const dataDir = mkdtempSync(path.join(tmpdir(), "bb-bulk-edit-bench-"));
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
const subs = await import("../lib/submissions/store");
const service = await import("../lib/bulk-edits/service");
const store = await import("../lib/bulk-edits/store");
const { stopJobQueue } = await import("../lib/queue/queue");
await (await import("../lib/jobs/in-process")).ensureInProcessWorkers();
const { actor, portalId } = await insertTestConnection(sb);
const token = sb.ctx.issueTokens({ portalId, scopes: sb.ctx.knownScopes(), expiresIn: 3600 }).access_token;

type Rec = { id: string; properties: Record<string, string | null> };
const control = async (method: string, p: string) => (await fetch(sb.url + p, { method })).json();
const fmt = (n: number, d = 0) => n.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Someone else edits these contacts in HubSpot (job title = "Changed <id>"). */
async function changeInHubSpot(ids: string[]) {
  for (let i = 0; i < ids.length; i += 100) {
    const res = await fetch(`${sb.url}/crm/objects/2026-03/contacts/batch/update`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({
        inputs: ids.slice(i, i + 100).map((id) => ({ id, properties: { jobtitle: `Changed ${id}` } })),
      }),
    });
    if (!res.ok) throw new Error(`changing contacts in HubSpot → ${res.status}`);
  }
}

const before = ((await control("GET", "/__sandbox/records/contacts")) as Rec[]).sort(
  (a, b) => Number(a.id) - Number(b.id),
);
const changedBefore = before.slice(0, CHANGED).map((c) => c.id); // the dry run's first page
const changedBetween = before.filter((_, i) => i >= CHANGED && i % Math.floor(ROWS / CHANGED) === 0).map((c) => c.id);

await changeInHubSpot(changedBefore);
await control("DELETE", "/__sandbox/requests");
let t = performance.now();
const id = await service.startBulkEdit(actor, {
  target: { type: "crm", objectType: "contacts" },
  query: { filters: [] },
  timeZone: "UTC",
  edit: { kind: "set", property: "jobtitle", value: "Bulk bench" },
});
let row = (await store.findBulkEditById(id))!;
while (row.state === "reading") {
  await sleep(250);
  row = (await store.findBulkEditById(id))!;
}
if (row.state !== "ready") throw new Error(`the dry run failed: ${row.message}`);
const drySeconds = (performance.now() - t) / 1000;
const dryLog = (await control("GET", "/__sandbox/requests")) as RecordedRequest[];
const planned = new Map<string, { old: string | null; asOf?: string }>();
for await (const chunk of store.changeChunks(id)) for (const c of chunk) planned.set(c.id, c);
const unseen = changedBefore.filter((c) => planned.get(c)?.old !== `Changed ${c}`);
const withAsOf = [...planned.values()].filter((c) => c.asOf !== undefined).length;

await changeInHubSpot(changedBetween);
await control("DELETE", "/__sandbox/requests");
t = performance.now();
// Run queues the copy (a job, lib/bulk-edits/run-job.ts); the submission starts when it is done.
await service.runBulkEdit(actor, id);
let ran = (await store.findBulkEditById(id))!;
while (ran.state === "preparing") {
  await sleep(100);
  ran = (await store.findBulkEditById(id))!;
}
if (ran.state !== "started") throw new Error(`the run failed: ${ran.message}`);
const submissionId = ran.submissionId!;
const copySeconds = (performance.now() - t) / 1000;
for (;;) {
  const v = await subs.submissionView(submissionId, portalId, Number.MAX_SAFE_INTEGER);
  if (v!.state === "done") break;
  await sleep(250);
}
const runSeconds = (performance.now() - t) / 1000;
const log = (await control("GET", "/__sandbox/requests")) as RecordedRequest[];
const view = (await subs.submissionView(submissionId, portalId, Number.MAX_SAFE_INTEGER))!;

const after = new Map(((await control("GET", "/__sandbox/records/contacts")) as Rec[]).map((c) => [c.id, c]));
const theirs = new Set([...unseen, ...changedBetween]);
const lost = before.filter((c) => !theirs.has(c.id) && after.get(c.id)?.properties.jobtitle !== "Bulk bench").length;
const overwritten = [...theirs].filter((c) => after.get(c)?.properties.jobtitle !== `Changed ${c}`).length;
const sent = new Map<string, number>();
for (const r of log.filter((r) => r.path.endsWith("/batch/update") && r.status < 300))
  for (const input of (r.requestBody as { inputs?: { id: string }[] })?.inputs ?? [])
    sent.set(input.id, (sent.get(input.id) ?? 0) + 1);
const twice = [...sent.values()].filter((n) => n > 1).length;
const total = drySeconds + runSeconds;
const runRate = view.counts.saved / runSeconds;

console.log(
  `Sandbox: ${fmt(ROWS)} contacts, 110 requests / 10 s, search 5 / s, latency ${LATENCY} ms, search index ${SEARCH_LAG} ms behind writes`,
);
console.log(
  `Dry run: read ${fmt(row.read)} records in ${fmt(drySeconds, 1)} s = ${fmt(row.read / drySeconds)} records/s; ${fmt(row.willChange)} will change, ${fmt(row.alreadySet)} already hold it; ${fmt(withAsOf)} with asOf; requests: ${requestsByKind(dryLog)}`,
);
console.log(
  `Run: ${fmt(view.counts.saved)} saved, ${fmt(view.counts.conflict)} conflicts, ${fmt(view.counts.failed)} failed in ${fmt(runSeconds, 1)} s (of which ${fmt(copySeconds, 1)} s copying the set into the submission) = ${fmt(runRate)} records/s = ${fmt((runRate / CEILING) * 100)} % of the ${fmt(CEILING)}/s ceiling; requests: ${requestsByKind(log)}`,
);
console.log(
  `Dry run + run: ${fmt(view.counts.saved / total)} records/s = ${fmt((view.counts.saved / total / CEILING) * 100)} % of the ceiling (search reads included)`,
);
console.log(
  `Changed in HubSpot: ${changedBefore.length} just before the dry run (${unseen.length} not yet shown by its search), ${changedBetween.length} between dry run and run; afterwards: ${lost} rows lost, ${twice} written twice, ${overwritten} changes overwritten`,
);

await stopJobQueue({ graceful: false });
await sb.close();
rmSync(dataDir, { recursive: true, force: true });
process.exit(0);
