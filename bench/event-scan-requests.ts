/**
 * What the marketing-events adapter's search-based conflict scan costs in a submission, with the
 * deferred flow the engine runs for adapters with `changedSinceIndexed` (adapter.ts), written out
 * here with the adapter's own calls: a one-row probe (read one by one, then written), the probe
 * polled with `indexedStamp` until search shows it (and the lag floor has passed), ONE
 * `changedSince` with `until` = the probe's stamp, then the other rows written 100 a batch, 4 in
 * flight, every request through a limiter at HubSpot's 100 / 10 s whose window is full at the start
 * (as in bench/resource-throughput.ts). Prints requests per phase and records/s; not a test.
 *
 *   npx tsx --conditions=react-server bench/event-scan-requests.ts [--rows 5000] [--latency 150] [--lag 0] [--changed 0]
 *
 * `--lag`: the sandbox's searchIndexDelayMs. `--changed`: events someone else edits after load.
 */
import type { HubSpotRequester, UpdateOp } from "../lib/batch/adapter";
import { applyScan, scanPlan } from "../lib/batch/conflicts";
import { SlidingWindowLimiter } from "../lib/batch/rate-limiter";
import { marketingEventBatchAdapter } from "../lib/hubspot/marketing-event-batch-adapter";
import { HubSpotHttpClient } from "../lib/hubspot/http-client";
import type { MarketingEvent } from "../lib/hubspot/schemas/marketing-events";
import { startSandbox } from "../sandbox/server";

const arg = (name: string, d: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return Number(i > 0 ? process.argv[i + 1]! : d);
};
const ROWS = arg("rows", "5000");
const CHANGED = arg("changed", "0");
const sb = await startSandbox({
  port: 0,
  counts: { campaigns: 0, marketingEvents: ROWS, contacts: 0, companies: 0, deals: 0, tickets: 0, p_projects: 0 },
  config: { rateLimitPerTenSeconds: 110, latencyMs: arg("latency", "150"), searchIndexDelayMs: arg("lag", "0") },
});
const token = sb.ctx.issueTokens({ portalId: sb.ctx.defaultPortal().id, scopes: sb.ctx.knownScopes() }).access_token;
const client = new HubSpotHttpClient({ apiBase: sb.url, token: async () => token });
const limiter = new SlidingWindowLimiter();
const counts = new Map<string, number>();
let phase = "fill";
const http: HubSpotRequester = {
  request: (async (path: string, o?: Parameters<HubSpotRequester["request"]>[1]) => {
    await limiter.acquire();
    counts.set(phase, (counts.get(phase) ?? 0) + 1);
    return client.request(path, { ...o, maxAttempts: 1 });
  }) as HubSpotRequester["request"],
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const all = (await (await fetch(`${sb.url}/__sandbox/records/marketing-events`)).json()) as MarketingEvent[];
const asOf = all.reduce((m, e) => (Date.parse(e.updatedAt) > Date.parse(m) ? e.updatedAt : m), all[0]!.updatedAt);
// Spread over the list, so that reading them from it would cost a whole pass.
const theirs = CHANGED ? all.filter((_, i) => i % Math.floor(ROWS / CHANGED) === 0).slice(0, CHANGED) : [];
for (const e of theirs)
  await client.request(`/marketing/marketing-events/2026-03/${e.objectId}`, {
    method: "PATCH",
    body: { eventOrganizer: "Theirs", customProperties: [] },
  });
const ops: UpdateOp[] = all.map((e, i) => ({
  rowKey: `r${i}`,
  kind: "update",
  id: e.objectId,
  properties: { eventOrganizer: `Mine ${i}` },
  baseline: { updatedAt: e.updatedAt, values: { eventOrganizer: e.eventOrganizer ?? null }, asOf },
}));
const adapter = marketingEventBatchAdapter({ apiVersion: "2026-03" });

for (let i = 0; i < 100; i++) {
  void http.request("/crm/properties/2026-03/contacts", { idempotent: true });
  await sleep(100);
}

const started = performance.now();
phase = "probe (read + write)";
const probe = ops.at(-1);
const rest = ops.slice(0, -1);
await adapter.read(http, [probe!.id], ["eventOrganizer"], {});
const probeAt = Date.now();
const until = (await adapter.update(http, [probe!], {})).saved.get(probe!.rowKey)!.updatedAt;
phase = "indexedStamp polls";
while ((await adapter.indexedStamp!(http, probe!.id, {})) !== until) await sleep(100);
await sleep(Math.max(0, probeAt + adapter.changedSinceIndexed!.indexLagFloorMs - Date.now()));
phase = "changedSince (search + reads)";
const plan = scanPlan(rest, adapter.batchSize, adapter.scanPageBudget)!;
const scan = await adapter.changedSince!(
  http,
  plan.since,
  plan.rows.map((o) => o.id),
  plan.properties,
  {
    maxPages: plan.maxPages,
    until,
  },
);
const split = applyScan(plan.rows, scan.changed, scan.coveredFrom);
phase = "writes";
const batches: UpdateOp[][] = [];
for (let i = 0; i < split.write.length; i += 100) batches.push(split.write.slice(i, i + 100));
let saved = 1;
await Promise.all(
  [0, 1, 2, 3].map(async () => {
    for (let b = batches.shift(); b; b = batches.shift()) {
      const n = (await adapter.update(http, b, {})).saved.size;
      saved += n;
    }
  }),
);
const seconds = (performance.now() - started) / 1000;

console.log(`${ROWS} events, ${CHANGED} changed by someone else after load; search lag ${arg("lag", "0")} ms\n`);
let total = 0;
for (const [p, n] of counts)
  if (p !== "fill") {
    total += n;
    console.log(`${p.padEnd(32)}${String(n).padStart(6)}`);
  }
console.log(`${"total requests".padEnd(32)}${String(total).padStart(6)}`);
console.log(
  `\nconflicts ${split.outcomes.length}, unresolved ${split.unresolved.length}, saved ${saved} in ${seconds.toFixed(1)} s: ` +
    `${Math.round(saved / seconds)} records/s, ${Math.round((saved / seconds / 1100) * 100)} % of 1,100/s; ` +
    `at 11 requests/s the requests alone allow ${Math.round((saved / total) * 11)} records/s ` +
    `(${Math.round(((saved / total) * 11 * 100) / 1100)} %)`,
);
await sb.close();
