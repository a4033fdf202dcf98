/**
 * A bulk set over a whole view of contacts: the dry run (the view streamed by id through HubSpot's
 * search) and the run (an ordinary submission), as jobs on the embedded database as `npm run demo`
 * runs them, against the sandbox at HubSpot's 110 requests / 10 s and a latency. Prints figures; not a test.
 *
 *   npx tsx --conditions=react-server bench/bulk-edit-throughput.ts [--rows 20000] [--latency 150]
 *
 * Lost = records of the view not holding the new value afterwards; written twice = records sent in
 * more than one batch update (both must be 0).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startSandbox } from "../sandbox/server";
import type { RecordedRequest } from "../sandbox/core/state";

const arg = (name: string, d: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : d;
};
const ROWS = Number(arg("rows", "20000"));
const LATENCY = Number(arg("latency", "150"));
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

const { insertTestConnection } = await import("../tests/support/test-connection");
const subs = await import("../lib/submissions/store");
const service = await import("../lib/bulk-edits/service");
const store = await import("../lib/bulk-edits/store");
const { stopJobQueue } = await import("../lib/queue/queue");
await (await import("../lib/jobs/in-process")).ensureInProcessWorkers();
const { actor, portalId } = await insertTestConnection(sb);

type Rec = { id: string; properties: Record<string, string | null> };
const control = async (method: string, p: string) => (await fetch(sb.url + p, { method })).json();
const fmt = (n: number, d = 0) => n.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

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

const after = (await control("GET", "/__sandbox/records/contacts")) as Rec[];
const lost = after.filter((c) => c.properties.jobtitle !== "Bulk bench").length;
const sent = new Map<string, number>();
for (const r of log.filter((r) => r.path.endsWith("/batch/update") && r.status < 300))
  for (const input of (r.requestBody as { inputs?: { id: string }[] })?.inputs ?? [])
    sent.set(input.id, (sent.get(input.id) ?? 0) + 1);
const twice = [...sent.values()].filter((n) => n > 1).length;
const all = [...dryLog, ...log];
const total = drySeconds + runSeconds;

console.log(`Sandbox: ${fmt(ROWS)} contacts, 110 requests / 10 s, search 5 / s, latency ${LATENCY} ms`);
console.log(
  `Dry run: read ${fmt(row.read)} records in ${fmt(drySeconds, 1)} s = ${fmt(row.read / drySeconds)} records/s (${dryLog.length} requests, ${dryLog.filter((r) => r.status === 429).length} 429s); ${fmt(row.willChange)} will change, ${fmt(row.alreadySet)} already hold it`,
);
console.log(
  `Run: ${fmt(view.counts.saved)} saved, ${fmt(view.counts.conflict)} conflicts, ${fmt(view.counts.failed)} failed in ${fmt(runSeconds, 1)} s (of which ${fmt(copySeconds, 1)} s copying the set into the submission) = ${fmt(view.counts.saved / runSeconds)} records/s (${fmt((view.counts.saved / runSeconds / CEILING) * 100)} % of the ${fmt(CEILING)}/s ceiling); ${log.length} requests (${log.filter((r) => r.path.endsWith("/batch/read")).length} conflict reads), ${log.filter((r) => r.status === 429).length} 429s`,
);
console.log(
  `Dry run + run: ${fmt(view.counts.saved / total)} records/s = ${fmt((view.counts.saved / total / CEILING) * 100)} % of the ceiling (search reads included); ${lost} lost, ${twice} written twice, ${all.filter((r) => r.status === 429).length} 429s (retried)`,
);

await stopJobQueue({ graceful: false });
await sb.close();
rmSync(dataDir, { recursive: true, force: true });
process.exit(0);
