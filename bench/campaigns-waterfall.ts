/**
 * What happens between navigating to the campaigns grid and its first rows: the browser's requests
 * (document, scripts, server actions) and the sandbox's HubSpot requests, on one time line from the
 * navigation's start, so what waits on what can be read off.
 *
 *   npx tsx bench/campaigns-waterfall.ts [--campaigns 10000] [--latency 150] [--runs 2]
 *
 * Prints one table per run (the first run after sign-in is a warm server; every run is a fresh
 * navigation). Needs a production build (the demo builds one if missing).
 */
import type { Request } from "@playwright/test";
import { signedInPage, startDemo, SANDBOX_PORT, waitForAll } from "./support/demo";

const arg = (name: string, d: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : d;
};
const CAMPAIGNS = Number(arg("campaigns", "10000"));
const LATENCY = Number(arg("latency", "150"));
const RUNS = Number(arg("runs", "2"));
const sandbox = `http://127.0.0.1:${SANDBOX_PORT}`;

interface Line {
  start: number;
  end: number;
  what: string;
}

const demo = await startDemo({
  HUBSPOT_SANDBOX_CAMPAIGNS: String(CAMPAIGNS),
  HUBSPOT_SANDBOX_LATENCY_MS: String(LATENCY),
});
try {
  const { browser, page } = await signedInPage(demo);
  // Main-thread tasks over 50 ms, on the page's clock (performance.timeOrigin + startTime).
  await page.addInitScript(
    "new PerformanceObserver((l) => { for (const e of l.getEntries()) (window.__longTasks ??= []).push([performance.timeOrigin + e.startTime, e.duration]); }).observe({ type: 'longtask', buffered: true });",
  );
  await waitForAll(page, CAMPAIGNS);
  let t0 = 0;
  for (let run = 0; run < RUNS; run++) {
    const lines: Line[] = [];
    const startedAt = new Map<Request, number>();
    const onRequest = (r: Request) => startedAt.set(r, Date.now());
    const onDone = (r: Request) => {
      const start = startedAt.get(r);
      if (start === undefined) return;
      const action = r.headers()["next-action"] ? ` [server action ${(r.postData() ?? "").slice(0, 60)}]` : "";
      const url = new URL(r.url());
      const t = r.timing();
      const ttfb = t.responseStart >= 0 ? `, first byte at ${Math.round(t.startTime + t.responseStart - t0)}` : "";
      lines.push({
        start,
        end: Date.now(),
        what: `browser ${r.method()} ${url.pathname}${url.search}${action}${ttfb}`,
      });
    };
    page.on("request", onRequest);
    page.on("requestfinished", onDone);
    await fetch(`${sandbox}/__sandbox/requests`, { method: "DELETE" });
    t0 = Date.now();
    await page.goto(`${demo.url}/campaigns?waterfall=${run}`);
    await page.getByRole("grid", { name: "Campaigns" }).getByRole("row").nth(1).getByRole("gridcell").first().waitFor();
    const firstRows = Date.now() - t0;
    const longTasks = (await page.evaluate("window.__longTasks ?? []")) as [number, number][];
    for (const [start, duration] of longTasks)
      lines.push({ start: Math.round(start), end: Math.round(start + duration), what: "browser main thread busy" });
    page.off("request", onRequest);
    page.off("requestfinished", onDone);
    const recorded = (await (await fetch(`${sandbox}/__sandbox/requests`)).json()) as {
      at: string;
      method: string;
      path: string;
      query: Record<string, string>;
      durationMs: number;
    }[];
    // Let the rest of the list load before the next run, as bench/campaigns-load.ts does.
    await waitForAll(page, CAMPAIGNS);
    for (const r of recorded) {
      const start = Date.parse(r.at);
      if (start > t0 + firstRows) continue;
      const q = new URLSearchParams({ ...r.query, properties: r.query.properties ? "…" : "" });
      lines.push({ start, end: start + r.durationMs, what: `hubspot ${r.method} ${r.path}?${q}` });
    }
    lines.sort((a, b) => a.start - b.start);
    console.log(`\nrun ${run}, sandbox latency ${LATENCY} ms: first rows at ${firstRows} ms`);
    for (const l of lines) {
      if (l.start > t0 + firstRows) continue;
      const pad = (n: number) => String(n).padStart(5);
      console.log(`  ${pad(l.start - t0)} → ${pad(l.end - t0)} ms  ${l.what.slice(0, 140)}`);
    }
  }
  await browser.close();
} finally {
  await demo.stop();
}
