/**
 * Campaigns grid load benchmark: time to first rows, time to load all campaigns, and frame times
 * while scrolling, in headless Chromium against the demo (sandbox + dashboard + PGlite).
 *
 *   npx tsx bench/campaigns-load.ts [--campaigns 10000] [--latency 0,150] [--runs 3]
 *
 * Prints medians. Needs a production build (the demo builds one if missing).
 */
import { chromium, type Page } from "@playwright/test";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const arg = (name: string, d: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : d;
};
const CAMPAIGNS = Number(arg("campaigns", "10000"));
const LATENCIES = arg("latency", "0,150").split(",").map(Number);
const RUNS = Number(arg("runs", "3"));
const APP_PORT = 3400;
const SANDBOX_PORT = 4410;
const root = path.resolve(import.meta.dirname, "..");
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (n: number) => n.toLocaleString("en-US");

async function waitFor(url: string, timeoutMs: number) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    try {
      if ((await fetch(url)).ok) return;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not come up`);
}

interface ScrollStats { median: number; p95: number; over50: number; frames: number }

// A string, not a function: tsx's transform would inject helpers that do not exist in the page.
const SCROLL_SCRIPT = `new Promise((resolve) => {
  const el = document.querySelector('[role="grid"]');
  const frames = [];
  let last = performance.now();
  const end = last + 3000;
  const step = (t) => {
    frames.push(t - last);
    last = t;
    el.scrollTop += 400;
    if (t < end && el.scrollTop + el.clientHeight < el.scrollHeight) requestAnimationFrame(step);
    else {
      frames.sort((a, b) => a - b);
      resolve({ median: frames[Math.floor(frames.length / 2)], p95: frames[Math.floor(frames.length * 0.95)], over50: frames.filter((f) => f > 50).length, frames: frames.length });
    }
  };
  requestAnimationFrame(step);
})`;

const measureScroll = (page: Page) => page.evaluate(SCROLL_SCRIPT) as Promise<ScrollStats>;

for (const latency of LATENCIES) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "bb-bench-"));
  const demo = spawn(process.execPath, ["--import", "tsx", path.join(root, "scripts/demo.ts")], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, PORT: String(APP_PORT), HUBSPOT_SANDBOX_PORT: String(SANDBOX_PORT), DATA_DIR: dataDir, HUBSPOT_SANDBOX_CAMPAIGNS: String(CAMPAIGNS), HUBSPOT_SANDBOX_LATENCY_MS: String(latency) },
  });
  try {
    await waitFor(`http://127.0.0.1:${APP_PORT}/`, 300_000);
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`http://localhost:${APP_PORT}/`);
    await page.getByRole("link", { name: "Sign in with HubSpot" }).click();
    await page.getByRole("button", { name: "Grant access" }).click();
    await page.getByRole("grid", { name: "Campaigns" }).waitFor();
    const first: number[] = [], all: number[] = [], scrolls: ScrollStats[] = [];
    for (let run = 0; run < RUNS; run++) {
      const started = Date.now();
      await page.goto(`http://localhost:${APP_PORT}/campaigns?run=${run}`);
      await page.getByRole("grid", { name: "Campaigns" }).getByRole("row").nth(1).getByRole("gridcell").first().waitFor();
      first.push(Date.now() - started);
      await page.getByRole("status").filter({ hasText: `${fmt(CAMPAIGNS)} campaigns` }).and(page.getByText(/^[\d,]+ campaigns$/)).waitFor({ timeout: 300_000 });
      all.push(Date.now() - started);
      scrolls.push(await measureScroll(page));
    }
    const heap = (await page.evaluate("performance.memory ? performance.memory.usedJSHeapSize : 0")) as number;
    await browser.close();
    console.log(`\ncampaigns=${fmt(CAMPAIGNS)} sandbox latency=${latency} ms, ${RUNS} runs (medians)`);
    console.log(`  time to first rows:        ${median(first)} ms`);
    console.log(`  time to load all:          ${median(all)} ms  (${fmt(Math.round(CAMPAIGNS / (median(all) / 1000)))} campaigns/s)`);
    console.log(`  scroll frame median / p95: ${median(scrolls.map((s) => s.median)).toFixed(1)} / ${median(scrolls.map((s) => s.p95)).toFixed(1)} ms, frames > 50 ms: ${median(scrolls.map((s) => s.over50))} of ${median(scrolls.map((s) => s.frames))}`);
    console.log(`  JS heap after load:        ${(heap / 1048576).toFixed(1)} MB`);
  } finally {
    demo.kill("SIGTERM");
    await new Promise((r) => demo.once("exit", r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}
