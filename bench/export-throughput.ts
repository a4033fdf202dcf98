/**
 * Exporting a CRM view (issue 14, item 5): every contact of a sandbox portal exported as a job, on
 * the embedded database as `npm run demo` runs it, against the sandbox at its latency option and
 * HubSpot's search limit (5 requests a second, 200 records a page). Prints records/s and the
 * process's memory (the sandbox, holding the contacts, runs in this process too: the baseline is
 * taken before the export starts). Not a test.
 *
 *   node --expose-gc --import tsx --conditions=react-server bench/export-throughput.ts [--records 50000] [--latency 150] [--format csv|xlsx]
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startSandbox } from "../sandbox/server";

const arg = (name: string, d: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : d;
};
const RECORDS = Number(arg("records", "50000"));
const LATENCY = Number(arg("latency", "150"));
const FORMAT = arg("format", "csv") as "csv" | "xlsx";

const dataDir = mkdtempSync(path.join(tmpdir(), "bb-export-bench-"));
process.env.DATA_DIR = dataDir;
process.env.BATCHBOARD_SECRET = "bench-secret-bench-secret-bench-secret-0123";
delete process.env.DATABASE_URL;
const sb = await startSandbox({
  port: 0,
  counts: { campaigns: 0, contacts: RECORDS, companies: 0, deals: 0, marketingEvents: 0 },
  config: { rateLimitPerTenSeconds: 110, latencyMs: LATENCY },
});
process.env.HUBSPOT_SANDBOX_URL = sb.url;

const { insertTestConnection } = await import("../tests/support/test-connection");
const service = await import("../lib/exports/service");
const { ensureInProcessWorkers } = await import("../lib/jobs/in-process");
const { stopJobQueue } = await import("../lib/queue/queue");
await ensureInProcessWorkers();
const { actor } = await insertTestConnection(sb);
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;
const fmt = (n: number, d = 0) => n.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d });

// With --expose-gc, the live heap (after a collection) is sampled every 5 s: what the export
// holds, apart from garbage not yet collected. The sandbox's request log (every answer it gave,
// kept for tests) is cleared first, so that what grows is ours, not the sandbox's.
const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
const base = process.memoryUsage();
let peak = { rss: base.rss, heapUsed: base.heapUsed };
let liveMax = base.heapUsed;
const sampler = gc
  ? setInterval(async () => {
      await fetch(`${sb.url}/__sandbox/requests`, { method: "DELETE" });
      gc();
      liveMax = Math.max(liveMax, process.memoryUsage().heapUsed);
    }, 5000)
  : undefined;
const t = performance.now();
const started = await service.startExport(actor, {
  ref: { type: "crm", objectType: "contacts" },
  query: { filters: [] },
  columns: ["email", "firstname", "lastname", "lifecyclestage", "country", "jobtitle", "phone"],
  format: FORMAT,
  timeZone: "UTC",
});
let view = started;
while (view.state === "queued" || view.state === "running") {
  await new Promise((r) => setTimeout(r, 200));
  const m = process.memoryUsage();
  peak = { rss: Math.max(peak.rss, m.rss), heapUsed: Math.max(peak.heapUsed, m.heapUsed) };
  view = await service.exportView(actor, started.id);
}
const seconds = (performance.now() - t) / 1000;
clearInterval(sampler);
console.log(
  `Export of ${fmt(view.written)} contacts (${view.state}, ${FORMAT}, 8 columns, ${mb(view.sizeBytes ?? 0)}): ${fmt(seconds, 1)} s, ${fmt(view.written / seconds)} records/s (sandbox latency ${LATENCY} ms, search 5 req/s × 200: ceiling 1,000 records/s)`,
);
console.log(
  `Memory: RSS ${mb(base.rss)} before → peak ${mb(peak.rss)} (+${mb(peak.rss - base.rss)}); heap ${mb(base.heapUsed)} → peak ${mb(peak.heapUsed)} (+${mb(peak.heapUsed - base.heapUsed)}); the sandbox's ${fmt(RECORDS)} contacts are in this process too`,
);
if (gc)
  console.log(
    `Live heap after GC: ${mb(base.heapUsed)} before → at most ${mb(liveMax)} (+${mb(liveMax - base.heapUsed)})`,
  );
await stopJobQueue({ graceful: false });
await sb.close();
rmSync(dataDir, { recursive: true, force: true });
process.exit(0);
