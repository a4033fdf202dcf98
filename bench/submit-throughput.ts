/**
 * Submission throughput: 5,000 edited campaigns through the batch engine against the sandbox at
 * HubSpot's limit (110 requests / 10 s) and 150 ms latency. Prints figures; not a test.
 *
 *   npx tsx --conditions=react-server bench/submit-throughput.ts [--rows 5000] [--latency 150]
 *
 * For each mode (4 batches in flight vs one request at a time) × (conflict check on/off):
 *   cold — the portal's 10-second window is empty when the submission starts (a burst of 100
 *          requests is available at once);
 *   warm — the same submission started right after another one, with the window already full:
 *          the steady-state rate, comparable to the ceiling of 50 records × 11 requests/s = 550/s.
 * Rows lost = rows whose new value is not in the sandbox's records afterwards (must be 0).
 */
import { campaignBatchAdapter } from "../lib/hubspot/campaign-batch-adapter";
import { HubSpotHttpClient } from "../lib/hubspot/http-client";
import { runBatch } from "../lib/batch/engine";
import { SlidingWindowLimiter } from "../lib/batch/rate-limiter";
import type { RowOperation } from "../lib/batch/types";
import type { RecordedRequest } from "../sandbox/core/state";
import { startSandbox } from "../sandbox/server";

const arg = (name: string, d: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : d;
};
const ROWS = Number(arg("rows", "5000"));
const LATENCY = Number(arg("latency", "150"));
const CAMPAIGNS = Math.max(10_000, ROWS * 2);
const CEILING = 50 * 11;

const sb = await startSandbox({ port: 0, counts: { campaigns: CAMPAIGNS, marketingEvents: 0, contacts: 0, companies: 0, deals: 0 }, config: { rateLimitPerTenSeconds: 110, latencyMs: LATENCY } });
const portalId = sb.ctx.defaultPortal().id;
const token = sb.ctx.issueTokens({ portalId, scopes: sb.ctx.knownScopes(), expiresIn: 7200 }).access_token;
const client = new HubSpotHttpClient({ apiBase: sb.url, token: async () => token });
const control = async (method: string, path: string, body?: unknown) =>
  (await fetch(sb.url + path, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) })).json();
type Rec = { id: string; updatedAt: string; properties: Record<string, string | null> };

let round = 0;
/** Edits hs_notes of `ROWS` campaigns (from `offset`), with baselines when `check`. */
function edits(records: Rec[], offset: number, check: boolean): RowOperation[] {
  round++;
  return records.slice(offset, offset + ROWS).map((r, i) => ({
    rowKey: `r${i}`, kind: "update", id: r.id, properties: { hs_notes: `bench ${round} ${i}` },
    ...(check ? { baseline: { updatedAt: r.updatedAt, values: { hs_notes: r.properties.hs_notes ?? null } } } : {}),
  }));
}

async function submit(ops: RowOperation[], concurrency: number, limiter: SlidingWindowLimiter) {
  await control("DELETE", "/__sandbox/requests");
  const started = performance.now();
  const outcomes = await runBatch(ops, { adapter: campaignBatchAdapter, client, limiter, concurrency });
  const seconds = (performance.now() - started) / 1000;
  const log = (await control("GET", "/__sandbox/requests")) as RecordedRequest[];
  const stored = new Map(((await control("GET", "/__sandbox/records/campaigns")) as Rec[]).map((r) => [r.id, r]));
  const lost = ops.filter((op) => op.kind === "update" && stored.get(op.id)?.properties.hs_notes !== op.properties.hs_notes).length;
  const saved = outcomes.filter((o) => o.status === "saved").length;
  return {
    seconds,
    recordsPerSecond: saved / seconds,
    requests: log.length,
    writes: log.filter((r) => r.path.endsWith("/batch/update")).length,
    reads: log.filter((r) => r.path.endsWith("/batch/read")).length,
    status429: log.filter((r) => r.status === 429).length,
    retried: log.filter((r) => r.status === 429 || r.status >= 500).length,
    saved,
    lost,
  };
}

const fmt = (n: number, d = 0) => n.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d });
console.log(`Submitting ${fmt(ROWS)} edited campaigns; sandbox ${fmt(CAMPAIGNS)} campaigns, 110 req/10 s, latency ${LATENCY} ms; ceiling ${CEILING} records/s\n`);
console.log("mode                           window  seconds  records/s  of ceiling  requests (writes+reads)  429s  retried  saved  lost");

for (const [label, concurrency] of [["4 in flight", 4], ["one at a time", 1]] as const) {
  for (const check of [false, true]) {
    await control("POST", "/__sandbox/reset", { campaigns: CAMPAIGNS, marketingEvents: 0, contacts: 0, companies: 0, deals: 0 });
    const records = (await control("GET", "/__sandbox/records/campaigns")) as Rec[];
    // A fresh limiter per mode: each mode starts with an empty window, like a portal at rest.
    const limiter = new SlidingWindowLimiter();
    const cold = await submit(edits(records, 0, check), concurrency, limiter);
    const warm = await submit(edits(records, ROWS, check), concurrency, limiter);
    for (const [w, r] of [["cold", cold], ["warm", warm]] as const) {
      console.log(
        `${(label + (check ? " + conflict check" : "")).padEnd(31)}${w.padEnd(8)}${fmt(r.seconds, 1).padStart(7)}  ${fmt(r.recordsPerSecond).padStart(9)}  ${(fmt((r.recordsPerSecond / CEILING) * 100) + " %").padStart(10)}  ${`${r.requests} (${r.writes}+${r.reads})`.padStart(23)}  ${String(r.status429).padStart(4)}  ${String(r.retried).padStart(7)}  ${String(r.saved).padStart(5)}  ${String(r.lost).padStart(4)}`,
      );
    }
  }
}

// The list-based alternative to the pre-read: "campaigns sorted by -updatedAt down to the oldest
// baseline" must page through every campaign updated since the oldest baseline.
await control("POST", "/__sandbox/reset", { campaigns: CAMPAIGNS, marketingEvents: 0, contacts: 0, companies: 0, deals: 0 });
const records = (await control("GET", "/__sandbox/records/campaigns")) as Rec[];
const sample = records.slice(0, ROWS);
const oldest = sample.reduce((m, r) => (r.updatedAt < m ? r.updatedAt : m), sample[0]!.updatedAt);
const newer = records.filter((r) => r.updatedAt >= oldest).length;
console.log(`\nConflict check cost for ${fmt(ROWS)} rows: batch read ${Math.ceil(ROWS / 50)} requests; list by -updatedAt down to the oldest baseline (${oldest}) ${Math.ceil(newer / 100)} requests (${fmt(newer)} campaigns updated since).`);
await sb.close();
