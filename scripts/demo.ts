/**
 * `npm run demo`: builds the dashboard if needed, starts the HubSpot sandbox (unless real HubSpot
 * app credentials are configured) and serves the dashboard with the embedded database.
 * Honours PORT (3000), HUBSPOT_SANDBOX_PORT (4010), DATA_DIR (./.data) and HOST.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { sandboxOptionsFromEnv } from "../sandbox/options-from-env";
import { startSandbox } from "../sandbox/server";

const root = path.resolve(import.meta.dirname, "..");
const port = Number(process.env.PORT ?? 3000);
const dataDir = path.resolve(process.env.DATA_DIR ?? path.join(root, ".data"));
const useSandbox = !(process.env.HUBSPOT_CLIENT_ID && process.env.HUBSPOT_CLIENT_SECRET);
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** Rebuild when there is no production build or any source is newer than it. */
function needsBuild(): boolean {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return true;
  const built = statSync(buildId).mtimeMs;
  const sources = ["app", "components", "lib", "public", "proxy.ts", "next.config.js", "package-lock.json"]
    .map((p) => path.join(root, p))
    .filter(existsSync);
  return sources.some((p) => (statSync(p).isDirectory() ? newestMtime(p) : statSync(p).mtimeMs) > built);
}

if (needsBuild()) {
  console.log("Building the dashboard (first run or sources changed)…");
  const result = spawnSync(process.execPath, [nextBin, "build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

// Each portal gets 10,000 campaigns by default so the demo shows the grid at a realistic scale.
const sandbox = useSandbox ? await startSandbox(sandboxOptionsFromEnv(process.env, { campaigns: 10_000 })) : undefined;
if (sandbox) console.log(`HubSpot sandbox: ${sandbox.url} (test app client id batchboard-sandbox-client)`);

const args = [nextBin, "start", "-p", String(port)];
if (process.env.HOST) args.push("-H", process.env.HOST);
const app = spawn(process.execPath, args, {
  cwd: root,
  stdio: ["ignore", "pipe", "inherit"],
  env: {
    ...process.env,
    DATA_DIR: dataDir,
    HUBSPOT_SANDBOX_PORT: String(sandbox?.port ?? process.env.HUBSPOT_SANDBOX_PORT ?? 4010),
    NEXT_TELEMETRY_DISABLED: "1",
  },
});
app.stdout!.on("data", (chunk: Buffer) => {
  process.stdout.write(chunk);
  if (chunk.toString().includes("Ready")) {
    console.log(
      `\nBatchboard is running: open http://localhost:${port} (or http://127.0.0.1:${port})\nData: ${dataDir}\n`,
    );
  }
});

const shutdown = async (code = 0) => {
  app.kill("SIGTERM");
  await sandbox?.close();
  process.exit(code);
};
app.on("exit", (code) => void shutdown(code ?? 0));
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));
