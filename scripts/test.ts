/**
 * `npm test`: every test — type check, lint (layers, cycles) and format check, unit and integration
 * tests (vitest: sandbox, HubSpot client, data layer on PGlite and PostgreSQL), then browser tests (Playwright in Chromium against the demo).
 * Ends with one summary line "tests: N passed, N failed".
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, existsSync, rmSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const out = path.join(root, ".test-results");
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);
const run = (cmd: string, args: string[]) =>
  spawnSync(cmd, args, { cwd: root, stdio: "inherit", env: { ...process.env, FORCE_COLOR: "0" } }).status ?? 1;

const failures: string[] = [];
if (run(bin("tsc"), ["--noEmit", "-p", "."]) !== 0) failures.push("type check");
// Layers and cycles (eslint.config.mjs) and the formatter: a new import cycle or layer break fails the suite.
if (run(bin("eslint"), ["--max-warnings", "0", "--report-unused-disable-directives-severity", "error", "."]) !== 0)
  failures.push("lint");
if (run(bin("prettier"), ["--check", "--log-level", "warn", "."]) !== 0) failures.push("format");
if (run(bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${out}/vitest.json`]) !== 0)
  failures.push("vitest");
if (run(bin("playwright"), ["test"]) !== 0) failures.push("playwright");

let passed = 0;
let failed = 0;
let skipped = 0;
if (existsSync(`${out}/vitest.json`)) {
  const v = JSON.parse(readFileSync(`${out}/vitest.json`, "utf8"));
  passed += v.numPassedTests ?? 0;
  failed += v.numFailedTests ?? 0;
  skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0);
}
if (existsSync(`${out}/playwright.json`)) {
  const p = JSON.parse(readFileSync(`${out}/playwright.json`, "utf8"));
  passed += p.stats?.expected ?? 0;
  failed += (p.stats?.unexpected ?? 0) + (p.stats?.flaky ?? 0);
  skipped += p.stats?.skipped ?? 0;
}
if (failures.length) console.log(`\nFailed steps: ${failures.join(", ")}`);
if (failures.length && failed === 0) failed = failures.length;
console.log(`\ntests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failures.length ? 1 : 0);
