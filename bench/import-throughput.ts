/**
 * End-to-end import throughput: 20,000 contact updates run as submission jobs (pg-boss on
 * PostgreSQL, the shared per-portal limiter) against the sandbox at HubSpot's 110 requests / 10 s
 * and 150 ms latency. Prints figures; not a test.
 *
 *   npx tsx --conditions=react-server bench/import-throughput.ts [--rows 20000] [--latency 150] [--search-lag 1000] [--changed 20]
 *
 * Needs PostgreSQL (TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test): a
 * throw-away database is created and dropped. Two runs: one worker with one import of all rows; two
 * workers (separate pools, as two processes would have) with two imports of half the rows each,
 * sharing the portal's limit. Each import is a CSV (email, job title) opened, checked and dry-run as
 * the upload page does it (records read by email, their values the baseline with the read's load
 * time as asOf, lib/uploads/plan.ts); what the dry run recorded is what runs. The sandbox's search index
 * trails writes (`--search-lag`, as HubSpot's does), so the engine's conflict check meets HubSpot's
 * eventual consistency. `--changed` records are changed in HubSpot just before each run: they must
 * be conflicts. The 10-second window is filled (evenly) before each run, so the rate is
 * the steady state, comparable to the ceiling of 100 records × 11 requests/s = 1,100/s. Rows lost =
 * rows (other than those) whose new value is not in the sandbox afterwards; written twice = rows
 * that appear in more than one successful batch update; overwritten = those changes written over
 * (all must be 0).
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createTestDatabase } from "../tests/support/pg-database";
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
const CEILING = 100 * 11;
const SEARCH_LAG = Number(arg("search-lag", "1000"));
const CHANGED = Number(arg("changed", "20"));

const database = await createTestDatabase();
process.env.DATABASE_URL = database.url;
process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), "bb-import-bench-"));
process.env.BATCHBOARD_SECRET = "bench-secret-bench-secret-bench-secret-0123";
const sb = await startSandbox({
  port: 0,
  counts: { campaigns: 0, contacts: ROWS, companies: 0, deals: 0, marketingEvents: 0 },
  config: { rateLimitPerTenSeconds: 110, latencyMs: LATENCY },
});
process.env.HUBSPOT_SANDBOX_URL = sb.url;
await setSearchLag(sb.url, SEARCH_LAG);

const dbm = await import("../lib/db");
const { insertTestConnection } = await import("../tests/support/test-connection");
const store = await import("../lib/submissions/store");
const { SUBMISSION_QUEUE } = await import("../lib/submissions/start");
const { submissionJob } = await import("../lib/submissions/submission-job");
const { createJobQueue } = await import("../lib/queue/queue");
const { limiterFor, closeSharedRateLimiters } = await import("../lib/batch/shared-rate-limiter");
const { clientForConnection } = await import("../lib/auth/client-for-connection");
const token = sb.ctx.issueTokens({
  portalId: sb.ctx.defaultPortal().id,
  scopes: sb.ctx.knownScopes(),
  expiresIn: 3600,
}).access_token;

const { connection: conn, session, portalId } = await insertTestConnection(sb);
const db = await dbm.db();

const control = async (method: string, p: string) => (await fetch(sb.url + p, { method })).json();
type Rec = { id: string; updatedAt: string; properties: Record<string, string | null> };

/** 100 reads through the shared limiter, one per 100 ms: a full, evenly spread window. */
async function fillWindow() {
  const limiter = limiterFor(portalId);
  const client = clientForConnection(conn!);
  const reads: Promise<unknown>[] = [];
  for (let i = 0; i < 100; i++) {
    await limiter.acquire();
    // Answers restamp the log, as every request through the limiter does (resource-throughput.ts).
    reads.push(
      client.request("/crm/properties/2026-03/contacts", {
        idempotent: true,
        onResponse: (res) => limiter.observe(res),
      }),
    );
    await new Promise((r) => setTimeout(r, 100));
  }
  await Promise.all(reads);
}

async function run(label: string, workers: number, imports: number) {
  const all = (await control("GET", "/__sandbox/records/contacts")) as Rec[];
  const tag = `bench ${label.replace(/[^\w ]/g, "")}`; // no commas: a CSV cell
  const per = Math.ceil(ROWS / imports);
  const ids: string[] = [];
  const before: string[] = [];
  // Each import is an upload's dry run, as the upload page starts it: what it recorded is what runs.
  for (let k = 0; k < imports; k++) {
    const slice = all.slice(k * per, (k + 1) * per);
    const dry = await dryRun(
      `${label} ${k}.csv`,
      slice.map((c) => [c.properties.email!, `${tag} ${c.id}`]),
    );
    before.push(dry.line);
    await store.setSubmissionState(dry.submissionId, "running");
    ids.push(dry.submissionId);
  }
  const queues = await Promise.all(
    Array.from({ length: workers }, () => createJobQueue({ connection: { databaseUrl: database.url } })),
  );
  await fillWindow();
  // Someone changes some of them in HubSpot after the read, just before the run.
  const theirs = all.filter((_, i) => i % Math.floor(ROWS / CHANGED) === 1).slice(0, CHANGED);
  const res = await fetch(`${sb.url}/crm/objects/2026-03/contacts/batch/update`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({
      inputs: theirs.map((c) => ({ id: c.id, properties: { jobtitle: `Changed ${tag} ${c.id}` } })),
    }),
  });
  if (!res.ok) throw new Error(`changing contacts in HubSpot → ${res.status}`);
  const theirIds = new Set(theirs.map((c) => c.id));
  await control("DELETE", "/__sandbox/requests");
  const started = performance.now();
  for (const q of queues) await q.work(SUBMISSION_QUEUE, submissionJob, { pollingIntervalSeconds: 0.5 });
  for (const id of ids) await queues[0]!.send(SUBMISSION_QUEUE, { submissionId: id }, { singletonKey: id });
  for (;;) {
    const views = await Promise.all(ids.map((id) => store.submissionView(id, portalId, Number.MAX_SAFE_INTEGER)));
    if (views.every((v) => v!.state === "done")) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  const seconds = (performance.now() - started) / 1000;
  await Promise.all(queues.map((q) => q.stop({ graceful: true })));
  const log = (await control("GET", "/__sandbox/requests")) as RecordedRequest[];
  const writes = log.filter((r) => r.path.endsWith("/batch/update") && r.status < 300);
  const writtenCount = new Map<string, number>();
  for (const w of writes)
    for (const input of (w.requestBody as { inputs: { id: string }[] }).inputs)
      writtenCount.set(input.id, (writtenCount.get(input.id) ?? 0) + 1);
  const stored = new Map(((await control("GET", "/__sandbox/records/contacts")) as Rec[]).map((c) => [c.id, c]));
  const lost = all
    .slice(0, per * imports)
    .filter((c) => !theirIds.has(c.id) && stored.get(c.id)?.properties.jobtitle !== `${tag} ${c.id}`).length;
  const overwritten = theirs.filter((c) => stored.get(c.id)?.properties.jobtitle !== `Changed ${tag} ${c.id}`).length;
  const twice = [...writtenCount.values()].filter((n) => n > 1).length;
  const rate = (ROWS - theirs.length) / seconds;
  console.log(
    `${label.padEnd(34)}${fmt(seconds, 1).padStart(8)}  ${fmt(rate).padStart(9)}  ${(fmt((rate / CEILING) * 100) + " %").padStart(10)}  ${String(log.length).padStart(8)}  ${String(log.filter((r) => r.status === 429).length).padStart(5)}  ${String(lost).padStart(5)}  ${String(twice).padStart(12)}  ${String(overwritten).padStart(11)}`,
  );
  console.log(`${"".padEnd(34)}requests: ${requestsByKind(log)}`);
  for (const line of before) console.log(`${"".padEnd(34)}before it: ${line}`);
}

/**
 * The steps before a run, as the upload page performs them on a CSV (email, job title): open + check
 * every row, then the dry run (batch reads of 100 by email through the limiter, the draft submission).
 */
async function dryRun(name: string, rows: [string, string][]) {
  const { writeFileSync } = await import("node:fs");
  const { openUpload } = await import("../lib/uploads/parse/open-upload");
  const { insertUpload, findUpload } = await import("../lib/uploads/upload-store");
  const service = await import("../lib/uploads/service");
  const file = path.join(process.env.DATA_DIR!, name);
  writeFileSync(file, ["Email,Job title", ...rows.map((r) => r.join(","))].join("\n"));
  let t = performance.now();
  const opened = await openUpload(file, { fileName: name });
  const id = await insertUpload(actorOf(session), {
    fileName: name,
    kind: opened.kind,
    sizeBytes: 0,
    storedPath: file,
    sheets: [],
    sheet: null,
    headers: opened.headers,
    rowCount: opened.rowCount,
  });
  const upload = (await findUpload(id, portalId))!;
  const settings = {
    target: { type: "crm" as const, objectType: "contacts" },
    mode: "update" as const,
    keyColumn: "email",
    mapping: { Email: "email", "Job title": "jobtitle" },
    options: {
      dateFormat: "auto" as const,
      timeZone: "UTC",
      decimalSeparator: "." as const,
      booleanTrue: ["true"],
      booleanFalse: ["false"],
      emptyMeans: "leave" as const,
    },
  };
  const check = await service.checkUpload(actorOf(session), upload, settings);
  const checkSeconds = (performance.now() - t) / 1000;
  await fillWindow();
  t = performance.now();
  const dry = await service.dryRunUpload(actorOf(session), (await findUpload(id, portalId))!, settings);
  const drySeconds = (performance.now() - t) / 1000;
  if (dry.updates !== rows.length) throw new Error(`the dry run planned ${dry.updates} of ${rows.length} updates`);
  const line = `${fmt(check.total)} rows: open + check ${fmt(checkSeconds, 1)} s, dry run (read by email, record the updates) ${fmt(drySeconds, 1)} s`;
  return { submissionId: dry.submissionId, line };
}

const fmt = (n: number, d = 0) => n.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d });
console.log(
  `Importing ${fmt(ROWS)} contact updates; sandbox 110 req/10 s, latency ${LATENCY} ms; ceiling ${fmt(CEILING)} records/s; PostgreSQL jobs\n`,
);
console.log(
  `Search index ${SEARCH_LAG} ms behind writes; ${CHANGED} records changed in HubSpot just before each run (conflicts)\n`,
);
console.log(
  "run                                seconds  records/s  of ceiling  requests   429s   lost  written twice  overwritten",
);
await run("1 worker, 1 import", 1, 1);
await run("2 workers, 2 imports of half", 2, 2);

await closeSharedRateLimiters();
await db.$close();
await sb.close();
await database.drop();
process.exit(0);
