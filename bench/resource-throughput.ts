/**
 * Submission throughput per resource: the same engine, each resource's adapter (batch size, paths,
 * conflict check), against the sandbox at HubSpot's limit (110 requests / 10 s) and 150 ms latency.
 * Prints figures; not a test.
 *
 *   npx tsx --conditions=react-server bench/resource-throughput.ts [--rows 3000] [--latency 150]
 *
 * For each resource, `rows` records get one edited property each, submitted through a limiter whose
 * 10-second window (and the sandbox's) was just filled with 100 reads spread over 10 s: the measured
 * run is the steady state, comparable to the ceiling of batch size × 11 requests/s. Conflict check:
 * "read" rows carry a baseline without asOf, so each batch reads its records first (campaigns and
 * CRM: a batch read; marketing events, which have no batch read: list pages); "asOf" rows carry asOf
 * = the load time (HubSpot's clock from its Date headers, taken before the records are read), so
 * adapters with `changedSince` check everything with one scan (campaigns: the list by -updatedAt;
 * marketing events: one pass over the list); CRM, whose search trails writes (the sandbox's
 * `searchIndexDelayMs` is on, 1 s), batch-reads until search shows its first write, then scans once
 * (deferred-scan.ts), its searches paced by a search limiter (5/s) as the runner's are.
 * Lost = rows whose new value is not in the sandbox's records afterwards (must be 0); twice = rows
 * written by more than one successful batch call. `--only contacts` runs the cases whose label matches.
 */
import type { ScanReport } from "../lib/batch/deferred-scan";
import { runBatch } from "../lib/batch/engine";
import { SEARCH_PER_SECOND, SEARCH_WINDOW_MS, SlidingWindowLimiter } from "../lib/batch/rate-limiter";
import { hubspotNowLowerBound } from "../lib/hubspot/clock";
import type { RowOperation } from "../lib/batch/types";
import { adapterFor } from "../lib/hubspot/adapter-for";
import { HubSpotHttpClient } from "../lib/hubspot/http-client";
import type { ResourceRef } from "../lib/resources/ref";
import type { RecordedRequest } from "../sandbox/core/state";
import { startSandbox } from "../sandbox/server";

const arg = (name: string, d: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : d;
};
const ROWS = Number(arg("rows", "3000"));
const LATENCY = Number(arg("latency", "150"));
const ONLY = arg("only", "");
/** Which checks to run (default all three); per-batch reads of marketing events page the list per batch and take minutes. */
const CHECKS = arg("checks", "off,read,asOf").split(",") as ("off" | "read" | "asOf")[];
const INDEX_DELAY_MS = 1000;
const COUNTS = {
  campaigns: ROWS,
  marketingEvents: ROWS,
  contacts: ROWS,
  companies: 0,
  deals: 0,
  tickets: 0,
  p_projects: 0,
};

const sb = await startSandbox({
  port: 0,
  counts: COUNTS,
  config: { rateLimitPerTenSeconds: 110, latencyMs: LATENCY, searchIndexDelayMs: INDEX_DELAY_MS },
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

/** A record as the bench needs it, whatever the resource's stored shape. */
interface Rec {
  id: string;
  updatedAt: string;
  value: string | null;
}

interface Case {
  label: string;
  ref: ResourceRef;
  kind: string;
  property: string;
  batchSize: number;
  read: (raw: Record<string, unknown>) => Rec;
}
const crm = (raw: Record<string, unknown>): Rec => ({
  id: raw.id as string,
  updatedAt: raw.updatedAt as string,
  value: (raw.properties as Record<string, string | null>).jobtitle ?? null,
});
const campaign = (raw: Record<string, unknown>): Rec => ({
  id: raw.id as string,
  updatedAt: raw.updatedAt as string,
  value: (raw.properties as Record<string, string | null>).hs_notes ?? null,
});
const event = (raw: Record<string, unknown>): Rec => ({
  id: raw.objectId as string,
  updatedAt: raw.updatedAt as string,
  value: (raw.eventOrganizer as string | undefined) ?? null,
});

const CASES: Case[] = [
  {
    label: "campaigns",
    ref: { type: "campaigns" },
    kind: "campaigns",
    property: "hs_notes",
    batchSize: 50,
    read: campaign,
  },
  {
    label: "marketing events 2026-03",
    ref: { type: "marketing-events", apiVersion: "2026-03" },
    kind: "marketing-events",
    property: "eventOrganizer",
    batchSize: 100,
    read: event,
  },
  {
    label: "marketing events v3",
    ref: { type: "marketing-events", apiVersion: "v3" },
    kind: "marketing-events",
    property: "eventOrganizer",
    batchSize: 100,
    read: event,
  },
  {
    label: "contacts",
    ref: { type: "crm", objectType: "contacts", uniqueProperty: "email" },
    kind: "contacts",
    property: "jobtitle",
    batchSize: 100,
    read: crm,
  },
];

/**
 * 100 reads through the limiter, one per 100 ms: the window is full and evenly spread, as in the
 * middle of a long submission (a burst would instead free all its slots at once 10 s later).
 */
async function fillWindow(limiter: SlidingWindowLimiter) {
  const reads: Promise<unknown>[] = [];
  for (let i = 0; i < 100; i++) {
    await limiter.acquire();
    // The answers restamp the log, as every request through the limiter does: an unanswered fill
    // would let the run's first answers restamp the fill's last slots (by up to 2 s), a gap that
    // real traffic does not leave.
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

let round = 0;
type Check = "off" | "read" | "asOf";
async function submit(c: Case, check: Check, limiter: SlidingWindowLimiter) {
  round++;
  // The load time on HubSpot's clock, before the read: every later change is stamped after it.
  const asOf = new Date(hubspotNowLowerBound(sb.url) ?? Date.now()).toISOString();
  const records = ((await control("GET", `/__sandbox/records/${c.kind}`)) as Record<string, unknown>[])
    .map(c.read)
    .slice(0, ROWS);
  const ops: RowOperation[] = records.map((r, i) => ({
    rowKey: `r${i}`,
    kind: "update",
    id: r.id,
    properties: { [c.property]: `bench ${round} ${i}` },
    ...(check !== "off"
      ? {
          baseline: {
            updatedAt: r.updatedAt,
            values: { [c.property]: r.value },
            ...(check === "asOf" ? { asOf } : {}),
          },
        }
      : {}),
  }));
  // The window is filled last, just before the run: time spent reading and building the rows
  // after it would drain the window, and the run would start on one that is not full.
  await fillWindow(limiter);
  await control("DELETE", "/__sandbox/requests");
  const started = performance.now();
  const scans: ScanReport[] = [];
  const outcomes = await runBatch(ops, {
    adapter: adapterFor(c.ref),
    client,
    limiter,
    searchLimiter: new SlidingWindowLimiter({ limit: SEARCH_PER_SECOND, windowMs: SEARCH_WINDOW_MS }),
    onScan: (r) => scans.push(r),
  });
  const seconds = (performance.now() - started) / 1000;
  const log = (await control("GET", "/__sandbox/requests")) as RecordedRequest[];
  const stored = new Map(
    ((await control("GET", `/__sandbox/records/${c.kind}`)) as Record<string, unknown>[])
      .map(c.read)
      .map((r) => [r.id, r]),
  );
  const lost = ops.filter(
    (op) => op.kind === "update" && stored.get(op.id)?.value !== op.properties[c.property],
  ).length;
  const saved = outcomes.filter((o) => o.status === "saved").length;
  const ok = log.filter((r) => r.status < 300);
  const writes = ok.filter((r) => r.path.endsWith("/batch/update"));
  const timesWritten = new Map<string, number>();
  for (const w of writes)
    for (const input of (w.requestBody as { inputs?: { id?: string }[] } | undefined)?.inputs ?? [])
      if (input.id) timesWritten.set(input.id, (timesWritten.get(input.id) ?? 0) + 1);
  return {
    seconds,
    rate: saved / seconds,
    requests: log.length,
    writes: log.filter((r) => r.path.endsWith("/batch/update")).length,
    reads: log.filter((r) => r.path.endsWith("/batch/read")).length,
    searches: log.filter((r) => r.path.endsWith("/search")).length,
    status429: log.filter((r) => r.status === 429).length,
    saved,
    lost,
    twice: [...timesWritten.values()].filter((n) => n > 1).length,
    scan: scans
      .map((r) => (r.outcome === "scanned" ? `scanned ${r.rows} rows in ${r.pages} pages` : r.reason))
      .join("; "),
  };
}

const fmt = (n: number, d = 0) => n.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d });
console.log(
  `Submitting ${fmt(ROWS)} edited records per resource; sandbox 110 req/10 s, latency ${LATENCY} ms, CRM search index delay ${INDEX_DELAY_MS} ms; steady state (window already full)\n`,
);
console.log(
  "resource                    check   batch  ceiling/s  seconds  records/s  of ceiling  requests  writes  reads  searches  other  429s  saved  lost  twice",
);
for (const c of CASES.filter((c) => c.label.includes(ONLY))) {
  for (const check of CHECKS) {
    await control("POST", "/__sandbox/reset", COUNTS);
    const limiter = new SlidingWindowLimiter();
    const r = await submit(c, check, limiter);
    const ceiling = c.batchSize * 11;
    const other = r.requests - r.writes - r.reads - r.searches;
    console.log(
      `${c.label.padEnd(28)}${check.padEnd(8)}${String(c.batchSize).padStart(5)}  ${fmt(ceiling).padStart(9)}  ${fmt(r.seconds, 1).padStart(7)}  ${fmt(r.rate).padStart(9)}  ${(fmt((r.rate / ceiling) * 100) + " %").padStart(10)}  ${String(r.requests).padStart(8)}  ${String(r.writes).padStart(6)}  ${String(r.reads).padStart(5)}  ${String(r.searches).padStart(8)}  ${String(other).padStart(5)}  ${String(r.status429).padStart(4)}  ${String(r.saved).padStart(5)}  ${String(r.lost).padStart(4)}  ${String(r.twice).padStart(5)}${r.scan ? `  (${r.scan})` : ""}`,
    );
  }
}
await sb.close();
