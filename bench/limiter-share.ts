/**
 * The portal budget shared by a submission and a person browsing (lib/batch/budget.ts), against the
 * sandbox at HubSpot's limit (110 requests / 10 s) and 150 ms latency. Prints figures; not a test.
 *
 *   npx tsx --conditions=react-server bench/limiter-share.ts [--latency 150] [--browse-every 300] [--scale 1]
 *
 * Four runs, each in the steady state (the limiter's and the sandbox's window were just filled by
 * background reads one slot interval apart, as in the middle of a long submission):
 *   lone      — 5,000 edited campaigns (batch 50), then 10,000 edited contacts (batch 100), no
 *               conflict check: records/s and share of the ceiling (50 or 100 × 11 requests/s);
 *   + browse  — the same while a "browser" reads every ~300 ms through the browse path: the
 *               campaigns list (a paced client, one attempt, so a 429 would surface) or a CRM
 *               window (a paced search: search limiter + portal limiter, as the grid's).
 * Two shares of the ceiling, honestly apart: "whole run" = saved records / (seconds from the call to
 * the last answer) / (batch × 11/s), so the start (one slot interval before the first send) and the
 * end (the last answer's latency) count against it; "steady" = the portal's requests (writes and
 * browse reads, 429s excluded) that reached the sandbox between the first and the last write, per
 * 10 s, / 110: the rate in the middle of the run. A 5,000-campaign run is only 100 writes (~9 s), so
 * its whole-run share loses ~2 % to the two ends; `--scale 4` makes the runs 4× longer.
 * 429s are counted from the sandbox's request log (submission and browse separately: browse must
 * be 0). Browse latency = from the call to its answer (slot wait + HubSpot); slot wait separately.
 */
import { runBatch } from "../lib/batch/engine";
import {
  SEARCH_PER_SECOND,
  SEARCH_WINDOW_MS,
  SlidingWindowLimiter,
  type AcquireKind,
  type RateLimiter,
} from "../lib/batch/rate-limiter";
import type { RowOperation } from "../lib/batch/types";
import { adapterFor } from "../lib/hubspot/adapter-for";
import { listCampaigns } from "../lib/hubspot/campaigns";
import { searchCrmObjects } from "../lib/hubspot/crm-objects";
import { HubSpotHttpClient } from "../lib/hubspot/http-client";
import { searchRequester } from "../lib/hubspot/search-requester";
import type { ResourceRef } from "../lib/resources/ref";
import type { RecordedRequest } from "../sandbox/core/state";
import { startSandbox } from "../sandbox/server";

const arg = (name: string, d: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : d;
};
const LATENCY = Number(arg("latency", "150"));
const BROWSE_EVERY = Number(arg("browse-every", "300"));
const SCALE = Number(arg("scale", "1"));
const COUNTS = { campaigns: 5_000 * SCALE, marketingEvents: 0, contacts: 10_000 * SCALE, companies: 0, deals: 0 };

const sb = await startSandbox({ port: 0, counts: COUNTS, config: { rateLimitPerTenSeconds: 110, latencyMs: LATENCY } });
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

const fmtInt = (n: number) => n.toLocaleString("en-US");

interface Case {
  label: string;
  ref: ResourceRef;
  kind: "campaigns" | "contacts";
  property: string;
  batchSize: number;
}
const CASES: Case[] = [
  {
    label: `campaigns ${fmtInt(COUNTS.campaigns)}`,
    ref: { type: "campaigns" },
    kind: "campaigns",
    property: "hs_notes",
    batchSize: 50,
  },
  {
    label: `contacts ${fmtInt(COUNTS.contacts)}`,
    ref: { type: "crm", objectType: "contacts", uniqueProperty: "email" },
    kind: "contacts",
    property: "jobtitle",
    batchSize: 100,
  },
];

/** One window of background reads, one slot interval apart: the steady state of a long submission. */
async function fillWindow(limiter: SlidingWindowLimiter) {
  const reads: Promise<unknown>[] = [];
  const interval = limiter.windowMs / limiter.limit;
  for (let i = 0; i < limiter.limit; i++) {
    await limiter.acquire();
    reads.push(
      client.request("/crm/properties/2026-03/contacts", { idempotent: true, onResponse: (r) => limiter.observe(r) }),
    );
    await new Promise((r) => setTimeout(r, interval));
  }
  await Promise.all(reads);
}

/** A person scrolling: one read every BROWSE_EVERY ms until stopped; each read's latency and slot wait. */
function browser(c: Case, limiter: RateLimiter) {
  const latencies: number[] = [];
  const waits: number[] = [];
  let failed = 0;
  // Times the browse slot wait of the portal's limiter (the one HubSpot's 10-second budget is about).
  const timed: RateLimiter = {
    acquire: async (signal, kind?: AcquireKind) => {
      const waitStart = performance.now();
      await limiter.acquire(signal, kind);
      waits.push(performance.now() - waitStart);
    },
    observe: (res) => limiter.observe(res),
  };
  const read =
    c.kind === "campaigns"
      ? (() => {
          const paced = new HubSpotHttpClient({
            apiBase: sb.url,
            token: async () => token,
            pace: { limiter: timed, kind: "browse" },
          });
          return () => listCampaigns(paced, { limit: 100 });
        })()
      : (() => {
          const search = new SlidingWindowLimiter({
            limit: SEARCH_PER_SECOND,
            windowMs: SEARCH_WINDOW_MS,
            browseReserve: 1,
          });
          const http = searchRequester(client, { search, portal: timed, kind: "browse" });
          return () => searchCrmObjects(http, "contacts", { limit: 200, properties: ["email", "jobtitle"] });
        })();
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const t = performance.now();
      try {
        await read();
      } catch {
        failed++;
      }
      latencies.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, Math.max(0, BROWSE_EVERY - (performance.now() - t))));
    }
  })();
  return async () => {
    stopped = true;
    await loop;
    return { latencies, waits, failed };
  };
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! : NaN;
};
let round = 0;
async function submit(c: Case, withBrowser: boolean) {
  round++;
  await control("POST", "/__sandbox/reset", COUNTS);
  const records = (await control("GET", `/__sandbox/records/${c.kind}`)) as { id: string }[];
  const ops: RowOperation[] = records.map((r, i) => ({
    rowKey: `r${i}`,
    kind: "update",
    id: r.id,
    properties: { [c.property]: `bench ${round} ${i}` },
  }));
  const limiter = new SlidingWindowLimiter();
  await fillWindow(limiter);
  await control("DELETE", "/__sandbox/requests");
  const stopBrowser = withBrowser ? browser(c, limiter) : undefined;
  const started = performance.now();
  const outcomes = await runBatch(ops, { adapter: adapterFor(c.ref), client, limiter });
  const seconds = (performance.now() - started) / 1000;
  const browse = await stopBrowser?.();
  const log = (await control("GET", "/__sandbox/requests")) as RecordedRequest[];
  const isWrite = (r: RecordedRequest) => r.path.endsWith("/batch/update");
  const saved = outcomes.filter((o) => o.status === "saved").length;
  const writeTimes = log.filter(isWrite).map((r) => Date.parse(r.at));
  const [first, last] = [Math.min(...writeTimes), Math.max(...writeTimes)];
  // Requests that count against the budget, between the first and the last write (both ends: n−1 gaps).
  const counted = log.filter((r) => r.status !== 429 && Date.parse(r.at) >= first && Date.parse(r.at) <= last);
  return {
    writeP50: pct(
      log.filter(isWrite).map((r) => r.durationMs),
      50,
    ),
    steadyPer10s: ((counted.length - 1) / (last - first)) * 10_000,
    seconds,
    rate: saved / seconds,
    saved,
    writes: log.filter(isWrite).length,
    submit429: log.filter((r) => isWrite(r) && r.status === 429).length,
    browse429: log.filter((r) => !isWrite(r) && r.status === 429).length,
    browseReads: log.filter((r) => !isWrite(r)).length,
    browse,
  };
}

const fmt = (n: number, d = 0) => n.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d });
console.log(
  `Sandbox 110 req/10 s, latency ${LATENCY} ms; limiter ${new SlidingWindowLimiter().limit} per ${new SlidingWindowLimiter().windowMs} ms, browse reserve ${new SlidingWindowLimiter().browseReserve}; a browse read every ${BROWSE_EVERY} ms\n`,
);
console.log(
  "submission        browsing  seconds  records/s  whole run  steady (req/10 s)  429s  saved  write p50 ms  | browse reads  429s  failed  latency p50/p95 ms  slot wait p50/p95/max ms",
);
for (const c of CASES) {
  for (const withBrowser of [false, true]) {
    const r = await submit(c, withBrowser);
    const ceiling = c.batchSize * 11;
    const b = r.browse;
    console.log(
      `${c.label.padEnd(18)}${(withBrowser ? "yes" : "no").padEnd(8)}${fmt(r.seconds, 1).padStart(8)}  ${fmt(r.rate).padStart(9)}  ${(fmt((r.rate / ceiling) * 100, 1) + " %").padStart(9)}  ${`${fmt((r.steadyPer10s / 110) * 100, 1)} % (${fmt(r.steadyPer10s, 1)})`.padStart(17)}  ${String(r.submit429).padStart(4)}  ${String(r.saved).padStart(5)}  ${fmt(r.writeP50).padStart(12)}  | ` +
        (b
          ? `${String(r.browseReads).padStart(12)}  ${String(r.browse429).padStart(4)}  ${String(b.failed).padStart(6)}  ${`${fmt(pct(b.latencies, 50))} / ${fmt(pct(b.latencies, 95))}`.padStart(18)}  ${`${fmt(pct(b.waits, 50))} / ${fmt(pct(b.waits, 95))} / ${fmt(Math.max(...b.waits))}`.padStart(24)}`
          : "–"),
    );
  }
}
await sb.close();
