/** Shared by the browser benchmarks: run the demo on bench ports, open Chromium, sign in. */
import { chromium, type Browser, type Page } from "@playwright/test";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/** BENCH_APP_PORT / BENCH_SANDBOX_PORT let two benchmarks run side by side. */
export const APP_PORT = Number(process.env.BENCH_APP_PORT ?? 3400);
export const SANDBOX_PORT = Number(process.env.BENCH_SANDBOX_PORT ?? 4410);
const root = path.resolve(import.meta.dirname, "..", "..");

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
export const fmt = (n: number) => n.toLocaleString("en-US");

async function waitFor(url: string, timeoutMs: number) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not come up`);
}

export interface Demo {
  url: string;
  stop(): Promise<void>;
}

/** `npm run demo` on the bench ports with a throw-away data folder (builds first if needed). */
export async function startDemo(env: Record<string, string>): Promise<Demo> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "bb-bench-"));
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", path.join(root, "scripts/demo.ts")], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      PORT: String(APP_PORT),
      HUBSPOT_SANDBOX_PORT: String(SANDBOX_PORT),
      DATA_DIR: dataDir,
      ...env,
    },
  });
  await waitFor(`http://127.0.0.1:${APP_PORT}/`, 300_000);
  return {
    url: `http://localhost:${APP_PORT}`,
    stop: async () => {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function signedInPage(demo: Demo): Promise<{ browser: Browser; page: Page }> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
  const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
  await page.goto(`${demo.url}/`);
  await page.getByRole("link", { name: "Sign in with HubSpot" }).click();
  await page.getByRole("button", { name: "Grant access" }).click();
  await page.getByRole("grid", { name: "Campaigns" }).waitFor();
  return { browser, page };
}

export async function waitForAll(page: Page, total: number, timeoutMs = 300_000) {
  await page
    .getByRole("status")
    .filter({ hasText: new RegExp(`^${fmt(total)} campaigns$`) })
    .waitFor({ timeout: timeoutMs });
}

export interface FrameStats {
  median: number;
  p95: number;
  over50: number;
  frames: number;
}

// Strings, not functions: tsx's transform would inject helpers that do not exist in the page.
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

/** Frame times while scrolling the grid down for 3 s. */
export const measureScroll = (page: Page) => page.evaluate(SCROLL_SCRIPT) as Promise<FrameStats>;
