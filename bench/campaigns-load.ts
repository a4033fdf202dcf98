/**
 * Campaigns grid load benchmark: time to first rows, time to load all campaigns, and frame times
 * while scrolling, in headless Chromium against the demo (sandbox + dashboard + PGlite).
 *
 *   npx tsx bench/campaigns-load.ts [--campaigns 10000] [--latency 0,150] [--runs 3]
 *
 * Prints medians. Needs a production build (the demo builds one if missing).
 */
import { fmt, measureScroll, median, signedInPage, startDemo, waitForAll, type FrameStats } from "./support/demo";

const arg = (name: string, d: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : d;
};
const CAMPAIGNS = Number(arg("campaigns", "10000"));
const LATENCIES = arg("latency", "0,150").split(",").map(Number);
const RUNS = Number(arg("runs", "3"));

for (const latency of LATENCIES) {
  const demo = await startDemo({
    HUBSPOT_SANDBOX_CAMPAIGNS: String(CAMPAIGNS),
    HUBSPOT_SANDBOX_LATENCY_MS: String(latency),
  });
  try {
    const { browser, page } = await signedInPage(demo);
    const first: number[] = [],
      all: number[] = [],
      scrolls: FrameStats[] = [];
    for (let run = 0; run < RUNS; run++) {
      const started = Date.now();
      await page.goto(`${demo.url}/campaigns?run=${run}`);
      await page
        .getByRole("grid", { name: "Campaigns" })
        .getByRole("row")
        .nth(1)
        .getByRole("gridcell")
        .first()
        .waitFor();
      first.push(Date.now() - started);
      await waitForAll(page, CAMPAIGNS);
      all.push(Date.now() - started);
      scrolls.push(await measureScroll(page));
    }
    const heap = (await page.evaluate("performance.memory ? performance.memory.usedJSHeapSize : 0")) as number;
    await browser.close();
    console.log(`\ncampaigns=${fmt(CAMPAIGNS)} sandbox latency=${latency} ms, ${RUNS} runs (medians)`);
    console.log(`  time to first rows:        ${median(first)} ms`);
    console.log(
      `  time to load all:          ${median(all)} ms  (${fmt(Math.round(CAMPAIGNS / (median(all) / 1000)))} campaigns/s)`,
    );
    console.log(
      `  scroll frame median / p95: ${median(scrolls.map((s) => s.median)).toFixed(1)} / ${median(scrolls.map((s) => s.p95)).toFixed(1)} ms, frames > 50 ms: ${median(scrolls.map((s) => s.over50))} of ${median(scrolls.map((s) => s.frames))}`,
    );
    console.log(`  JS heap after load:        ${(heap / 1048576).toFixed(1)} MB`);
  } finally {
    await demo.stop();
  }
}
