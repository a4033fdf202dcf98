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

/**
 * In the page, from its navigation start: the frame that paints the grid's first cell (a mutation
 * observer sees it committed; the next animation frame is the one that draws it). Playwright's
 * `waitFor` polls, and on a busy 2-core machine its polls and the round trip back add tens of ms.
 * A string: tsx's transform would inject helpers that do not exist in the page.
 */
const FIRST_ROWS_SCRIPT = `(() => {
  const seen = () => {
    // A data row's cell with text, laid out on screen (not a placeholder, not hidden).
    const cells = document.querySelectorAll('[role="grid"] [role="row"][aria-rowindex="2"] [role="gridcell"]');
    const cell = [...cells].find((c) => c.textContent.trim());
    if (!cell) return false;
    const r = cell.getBoundingClientRect();
    return r.height > 0 && r.width > 0 && r.top < innerHeight && getComputedStyle(cell).visibility !== "hidden";
  };
  const obs = new MutationObserver(() => {
    if (!seen()) return;
    obs.disconnect();
    requestAnimationFrame((t) => { window.__firstRowsPaintedAt = t; });
  });
  obs.observe(document, { childList: true, subtree: true });
})();`;

for (const latency of LATENCIES) {
  const demo = await startDemo({
    HUBSPOT_SANDBOX_CAMPAIGNS: String(CAMPAIGNS),
    HUBSPOT_SANDBOX_LATENCY_MS: String(latency),
  });
  try {
    const { browser, page } = await signedInPage(demo);
    await page.addInitScript(FIRST_ROWS_SCRIPT);
    const painted: number[] = [];
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
      painted.push(Math.round((await page.evaluate("window.__firstRowsPaintedAt")) as number));
      await waitForAll(page, CAMPAIGNS);
      all.push(Date.now() - started);
      scrolls.push(await measureScroll(page));
    }
    const heap = (await page.evaluate("performance.memory ? performance.memory.usedJSHeapSize : 0")) as number;
    await browser.close();
    console.log(`\ncampaigns=${fmt(CAMPAIGNS)} sandbox latency=${latency} ms, ${RUNS} runs (medians)`);
    console.log(`  time to first rows:        ${median(first)} ms (seen by Playwright's polling)`);
    console.log(
      `  first rows painted:        ${median(painted)} ms (in the page: navigation start → the frame with a first cell)`,
    );
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
