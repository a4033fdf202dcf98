/**
 * Reading a submission's unfinished rows as its run starts (`unfinishedOperations`): the run's
 * first request waits for it. 20,000 stored contact updates on the embedded database, read five
 * times each way: as the run reads them (one json text per row) and as a plain select of every
 * column (what it did before). Prints milliseconds; not a test.
 *
 *   npx tsx --conditions=react-server bench/read-rows.ts [--rows 20000]
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, eq, inArray } from "drizzle-orm";
import { startSandbox } from "../sandbox/server";

const arg = (name: string, d: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : d;
};
const ROWS = Number(arg("rows", "20000"));

const dataDir = mkdtempSync(path.join(tmpdir(), "bb-read-rows-"));
process.env.DATA_DIR = dataDir;
process.env.BATCHBOARD_SECRET = "bench-secret-bench-secret-bench-secret-0123";
delete process.env.DATABASE_URL;
const sb = await startSandbox({
  port: 0,
  counts: { campaigns: 0, contacts: 1, companies: 0, deals: 0, marketingEvents: 0 },
});
process.env.HUBSPOT_SANDBOX_URL = sb.url;
const { insertTestConnection } = await import("../tests/support/test-connection");
const store = await import("../lib/submissions/store");
const { db, tables } = await import("../lib/db");
const { session, portalId } = await insertTestConnection(sb);

const id = await store.insertSubmission({
  userId: session.user.id,
  connectionId: session.connection.id,
  portalId,
  resource: { type: "crm", objectType: "contacts" },
  source: "upload",
  operations: Array.from({ length: ROWS }, (_, i) => ({
    rowKey: `row-${i + 1}`,
    kind: "update" as const,
    id: String(100_000 + i),
    label: `person${i}@example.com`,
    properties: { jobtitle: `Imported ${i}` },
    baseline: {
      updatedAt: "2026-01-01T00:00:00.000Z",
      values: { jobtitle: `Before ${i}` },
      asOf: "2026-01-02T00:00:00.000Z",
    },
  })),
});

const rows = tables.submissionRows;
const database = await db();
async function time(label: string, read: () => Promise<unknown[]>) {
  const ms: number[] = [];
  let n = 0;
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    n = (await read()).length;
    ms.push(performance.now() - t);
  }
  const sorted = [...ms].sort((a, b) => a - b);
  console.log(
    `${label.padEnd(44)} ${n.toLocaleString("en-US")} rows: median ${sorted[2]!.toFixed(0)} ms (${ms.map((x) => x.toFixed(0)).join(", ")})`,
  );
}
await time("unfinishedOperations (one json text per row)", async () => (await store.unfinishedOperations(id)).ops);
await time("select of every column (before)", () =>
  database
    .select()
    .from(rows)
    .where(and(eq(rows.submissionId, id), inArray(rows.status, ["pending", "saving"]))),
);

await sb.close();
rmSync(dataDir, { recursive: true, force: true });
process.exit(0);
