/**
 * Submission throughput: 5,000 edited campaigns through the batch engine against the sandbox at
 * HubSpot's limit (110 requests / 10 s) and 150 ms latency. Prints figures; not a test.
 *
 *   npx tsx --conditions=react-server bench/submit-throughput.ts [--rows 5000] [--latency 150]
 *
 * For each mode (4 batches in flight vs one request at a time) × conflict check (off; batch read of
 * each batch just before its write; asOf scan: one list scan of "changed since load" before the
 * first write, baselines carrying asOf = the newest updatedAt of the loaded records):
 *   cold — the portal's 10-second window is empty when the submission starts (a burst of 100
 *          requests is available at once);
 *   warm — the same submission started right after another one, with the window already full:
 *          the steady-state rate, comparable to the ceiling of 50 records × 11 requests/s = 550/s.
 * Rows lost = rows whose new value is not in the sandbox's records afterwards (must be 0).
 * The asOf rows are "loaded" (records fetched) just before each submission; two extra lines show a
 * warm submission whose asOf predates the previous one (its 5,000 writes are in the scan) and the
 * cost of re-scanning before each batch (a prototype wrapped around the adapter: cost only).
 */
import type { BatchAdapter, HubSpotRequester } from "../lib/batch/adapter";
import { campaignBatchAdapter } from "../lib/hubspot/campaign-batch-adapter";
import { CampaignListResponseSchema } from "../lib/hubspot/schemas/campaigns";
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

const sb = await startSandbox({
  port: 0,
  counts: { campaigns: CAMPAIGNS, marketingEvents: 0, contacts: 0, companies: 0, deals: 0 },
  config: { rateLimitPerTenSeconds: 110, latencyMs: LATENCY },
});
const portalId = sb.ctx.defaultPortal().id;
const token = sb.ctx.issueTokens({ portalId, scopes: sb.ctx.knownScopes(), expiresIn: 7200 }).access_token;
const client = new HubSpotHttpClient({ apiBase: sb.url, token: async () => token });
const control = async (method: string, path: string, body?: unknown) =>
  (
    await fetch(sb.url + path, {
      method,
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  ).json();
type Rec = { id: string; updatedAt: string; properties: Record<string, string | null> };

type Check = "off" | "read" | "asOf";
const CHECK_LABEL: Record<Check, string> = { off: "", read: " + check (batch read)", asOf: " + check (asOf scan)" };
const newest = (recs: Rec[]) =>
  recs.reduce((m, r) => (Date.parse(r.updatedAt) > Date.parse(m) ? r.updatedAt : m), recs[0]!.updatedAt);
const load = async () => (await control("GET", "/__sandbox/records/campaigns")) as Rec[];

let round = 0;
/** Edits hs_notes of `ROWS` campaigns (from `offset`), with baselines when checking (asOf: the newest updatedAt of `records`). */
function edits(records: Rec[], offset: number, check: Check): RowOperation[] {
  round++;
  const asOf = newest(records);
  return records.slice(offset, offset + ROWS).map((r, i) => ({
    rowKey: `r${i}`,
    kind: "update",
    id: r.id,
    properties: { hs_notes: `bench ${round} ${i}` },
    ...(check !== "off"
      ? {
          baseline: {
            updatedAt: r.updatedAt,
            values: { hs_notes: r.properties.hs_notes ?? null },
            ...(check === "asOf" ? { asOf } : {}),
          },
        }
      : {}),
  }));
}

/**
 * Prototype, for its cost only: before each batch write, page the list by -updatedAt down to the
 * newest updatedAt the previous (re-)scan saw. The rows this run wrote are the newest records, so
 * each re-scan pages past all of them written since the previous one.
 */
function rescanning(base: BatchAdapter): BatchAdapter {
  let highWater = 0;
  const rescan = async (http: HubSpotRequester) => {
    const from = highWater;
    let after: string | undefined;
    for (;;) {
      const page = await http.request("/marketing/campaigns/2026-03", {
        query: { sort: "-updatedAt", limit: 100, after, properties: ["hs_notes"] },
        schema: CampaignListResponseSchema,
      });
      for (const c of page.results) highWater = Math.max(highWater, Date.parse(c.updatedAt));
      if (!from || page.results.some((c) => Date.parse(c.updatedAt) <= from)) return;
      after = page.paging?.next?.after;
      if (!after) return;
    }
  };
  return { ...base, update: async (http, ops, call) => (await rescan(http), base.update(http, ops, call)) };
}

async function submit(
  ops: RowOperation[],
  concurrency: number,
  limiter: SlidingWindowLimiter,
  adapter: BatchAdapter = campaignBatchAdapter,
) {
  await control("DELETE", "/__sandbox/requests");
  const started = performance.now();
  const outcomes = await runBatch(ops, { adapter, client, limiter, concurrency });
  const seconds = (performance.now() - started) / 1000;
  const log = (await control("GET", "/__sandbox/requests")) as RecordedRequest[];
  const stored = new Map(((await control("GET", "/__sandbox/records/campaigns")) as Rec[]).map((r) => [r.id, r]));
  const lost = ops.filter(
    (op) => op.kind === "update" && stored.get(op.id)?.properties.hs_notes !== op.properties.hs_notes,
  ).length;
  const saved = outcomes.filter((o) => o.status === "saved").length;
  return {
    seconds,
    recordsPerSecond: saved / seconds,
    requests: log.length,
    writes: log.filter((r) => r.path.endsWith("/batch/update")).length,
    reads: log.filter((r) => r.path.endsWith("/batch/read")).length,
    scans: log.filter((r) => r.method === "GET" && r.path === "/marketing/campaigns/2026-03").length,
    status429: log.filter((r) => r.status === 429).length,
    retried: log.filter((r) => r.status === 429 || r.status >= 500).length,
    saved,
    lost,
  };
}

const fmt = (n: number, d = 0) => n.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d });
console.log(
  `Submitting ${fmt(ROWS)} edited campaigns; sandbox ${fmt(CAMPAIGNS)} campaigns, 110 req/10 s, latency ${LATENCY} ms; ceiling ${CEILING} records/s\n`,
);
console.log(
  "mode                                                window  seconds  records/s  of ceiling  requests (writes+reads+scans)  429s  retried  saved  lost",
);
const line = (label: string, w: string, r: Awaited<ReturnType<typeof submit>>) =>
  console.log(
    `${label.padEnd(52)}${w.padEnd(8)}${fmt(r.seconds, 1).padStart(7)}  ${fmt(r.recordsPerSecond).padStart(9)}  ${(fmt((r.recordsPerSecond / CEILING) * 100) + " %").padStart(10)}  ${`${r.requests} (${r.writes}+${r.reads}+${r.scans})`.padStart(28)}  ${String(r.status429).padStart(4)}  ${String(r.retried).padStart(7)}  ${String(r.saved).padStart(5)}  ${String(r.lost).padStart(4)}`,
  );
const reset = () =>
  control("POST", "/__sandbox/reset", {
    campaigns: CAMPAIGNS,
    marketingEvents: 0,
    contacts: 0,
    companies: 0,
    deals: 0,
  });

for (const [label, concurrency] of [
  ["4 in flight", 4],
  ["one at a time", 1],
] as const) {
  for (const check of ["off", "read", "asOf"] as const) {
    await reset();
    // A fresh limiter per mode: each mode starts with an empty window, like a portal at rest.
    const limiter = new SlidingWindowLimiter();
    const cold = await submit(edits(await load(), 0, check), concurrency, limiter);
    // asOf rows are loaded right before their submission (the batch-read rows' baselines are equally fresh).
    const warm = await submit(edits(await load(), ROWS, check), concurrency, limiter);
    line(label + CHECK_LABEL[check], "cold", cold);
    line(label + CHECK_LABEL[check], "warm", warm);
  }
}

{
  // The grid's worst ordinary case: the warm rows were loaded BEFORE the previous submission, so the
  // scan pages through that submission's 5,000 writes (still fewer pages than batch reads).
  await reset();
  const before = await load();
  const limiter = new SlidingWindowLimiter();
  await submit(edits(before, 0, "asOf"), 4, limiter);
  line(
    "4 in flight + check (asOf scan), asOf before prev.",
    "warm",
    await submit(edits(before, ROWS, "asOf"), 4, limiter),
  );
  // Re-scanning before each batch to close the window (prototype: cost only).
  await reset();
  const limiter2 = new SlidingWindowLimiter();
  const cold = await submit(edits(await load(), 0, "asOf"), 4, limiter2, rescanning(campaignBatchAdapter));
  const warm = await submit(edits(await load(), ROWS, "asOf"), 4, limiter2, rescanning(campaignBatchAdapter));
  line("4 in flight + asOf scan + re-scan before each batch", "cold", cold);
  line("4 in flight + asOf scan + re-scan before each batch", "warm", warm);
}

// Why asOf and not the baselines' own updatedAt: "campaigns sorted by -updatedAt down to the oldest
// baseline" must page through every campaign updated since the oldest baseline.
await control("POST", "/__sandbox/reset", {
  campaigns: CAMPAIGNS,
  marketingEvents: 0,
  contacts: 0,
  companies: 0,
  deals: 0,
});
const records = (await control("GET", "/__sandbox/records/campaigns")) as Rec[];
const sample = records.slice(0, ROWS);
const oldest = sample.reduce((m, r) => (r.updatedAt < m ? r.updatedAt : m), sample[0]!.updatedAt);
const newer = records.filter((r) => r.updatedAt >= oldest).length;
console.log(
  `\nConflict check cost for ${fmt(ROWS)} rows: batch read ${Math.ceil(ROWS / 50)} requests; list by -updatedAt down to the oldest baseline (${oldest}) ${Math.ceil(newer / 100)} requests (${fmt(newer)} campaigns updated since).`,
);
await sb.close();
