/**
 * Exactly once under lost responses (issue 12): per resource and API version, creates and updates
 * (marketing events: updates only), with the sandbox applying every write and then dropping the
 * connection on 1 batch in 5, at HubSpot's limit (110 requests / 10 s) and 150 ms latency. Prints
 * rows sent (inputs in write requests, resends included), applied exactly once, duplicated, lost,
 * and rows not shown as saved. Not a test; lib/batch/exactly-once.test.ts asserts the same at 1,000 rows.
 *
 *   npx tsx --conditions=react-server bench/exactly-once.ts [--rows 2000] [--latency 150]
 */
import { EXACTLY_ONCE_CASES, runExactlyOnce } from "../tests/support/exactly-once";
import { SlidingWindowLimiter } from "../lib/batch/rate-limiter";
import { HubSpotHttpClient } from "../lib/hubspot/http-client";
import { startSandbox } from "../sandbox/server";

const arg = (name: string, d: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : d;
};
const ROWS = Number(arg("rows", "2000"));
const LATENCY = Number(arg("latency", "150"));
const COUNTS = {
  campaigns: ROWS,
  marketingEvents: ROWS,
  contacts: ROWS,
  companies: 0,
  deals: 0,
  tickets: 0,
  p_projects: 0,
};

const sb = await startSandbox({ port: 0, counts: COUNTS, config: { rateLimitPerTenSeconds: 110, latencyMs: LATENCY } });
const token = sb.ctx.issueTokens({
  portalId: sb.ctx.defaultPortal().id,
  scopes: sb.ctx.knownScopes(),
  expiresIn: 7200,
}).access_token;
const client = new HubSpotHttpClient({ apiBase: sb.url, token: async () => token });
async function control<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(sb.url + path, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return (await res.json()) as T;
}

console.log(
  `Exactly once: ${ROWS.toLocaleString("en-US")} rows per resource (half creates where allowed), answer lost after the write on 1 batch in 5; sandbox 110 req/10 s, latency ${LATENCY} ms\n`,
);
console.log("resource                    rows  sent  lost answers  applied  duplicated  lost  not saved  seconds");
for (const c of EXACTLY_ONCE_CASES) {
  await control("POST", "/__sandbox/reset", COUNTS);
  const started = performance.now();
  const r = await runExactlyOnce({
    c,
    rows: ROWS,
    tag: `Bench ${c.label}`,
    client,
    limiter: new SlidingWindowLimiter(),
    control,
  });
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `${c.label.padEnd(26)}${String(ROWS).padStart(6)}${String(r.sent).padStart(6)}${String(r.lostAnswers).padStart(14)}${String(r.applied).padStart(9)}${String(r.duplicated).padStart(12)}${String(r.lost).padStart(6)}${String(r.notSaved).padStart(11)}${seconds.toFixed(1).padStart(9)}`,
  );
}
await sb.close();
