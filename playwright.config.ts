import { defineConfig } from "@playwright/test";
import os from "node:os";
import path from "node:path";

/** Ports of the app and sandbox that the browser tests start (kept off the demo's defaults). */
export const E2E_APP_PORT = Number(process.env.E2E_APP_PORT ?? 3100);
export const E2E_SANDBOX_PORT = Number(process.env.E2E_SANDBOX_PORT ?? 4110);
const dataDir = path.join(os.tmpdir(), `batchboard-e2e-${process.pid}`);

export default defineConfig({
  testDir: "e2e",
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  reporter: [["list"], ["json", { outputFile: ".test-results/playwright.json" }]],
  use: {
    baseURL: `http://localhost:${E2E_APP_PORT}`,
    trace: "retain-on-failure",
    // Dates are read and shown in the browser's locale order: pin it, so specs do not depend on the machine's.
    locale: "en-US",
    launchOptions: {
      // Browser downloads are not possible here: drive the system's Chromium (configurable).
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
  webServer: {
    // The README's first command, on test ports and a throw-away data folder.
    command: "npx tsx scripts/demo.ts",
    url: `http://127.0.0.1:${E2E_APP_PORT}/`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "pipe",
    env: {
      PORT: String(E2E_APP_PORT),
      HUBSPOT_SANDBOX_PORT: String(E2E_SANDBOX_PORT),
      HUBSPOT_SANDBOX_CAMPAIGNS: "230",
      DATA_DIR: dataDir,
    },
  },
});
