/**
 * `npm run worker` as a separate process, as users start it: it must load every job handler outside
 * Next.js (a handler that imports request-only modules, such as the session's next/headers, crashed
 * it once) and stop cleanly on SIGTERM.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase } from "../../tests/support/pg-database";

let database: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.drop());

it("starts, works every queue, and stops on SIGTERM", async () => {
  const root = path.resolve(import.meta.dirname, "../..");
  const child = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "scripts/worker.ts"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: database.url, BATCHBOARD_SECRET: "worker-test-secret-worker-test-secret-01" },
  });
  let out = "";
  child.stdout.on("data", (d) => {
    out += d;
  });
  child.stderr.on("data", (d) => {
    out += d;
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
  for (let i = 0; i < 200 && !/working: /.test(out) && child.exitCode === null; i++)
    await new Promise((r) => setTimeout(r, 100));
  const working = /\[worker\] pid \d+ working: (.*)/.exec(out)?.[1]?.split(", ").sort();
  expect(working).toEqual([
    "bulk-edit-dry-run",
    "bulk-edit-run",
    "revert-plan",
    "submission",
    "submission-resume",
    "upload-dry-run",
    "view-export",
  ]);
  child.kill("SIGTERM");
  expect(await exited).toBe(0);
  expect(out).toContain("[worker] stopped");
});
