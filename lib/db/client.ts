import "server-only";
import { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import { mkdirSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import * as schema from "./schema";

/** `$client` is drizzle's own handle: the job queue runs pg-boss on the same PGlite instance. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema> & { $close(): Promise<void>; $client: PGlite | pg.Pool };

const MIGRATIONS = path.resolve(process.cwd(), "drizzle");

export interface DbOptions {
  /** postgres://… uses PostgreSQL; otherwise PGlite in `dataDir` (or in memory when dataDir is "memory://"). */
  databaseUrl?: string;
  dataDir?: string;
}

/** Opens the database and applies pending migrations. */
export async function openDb(opts: DbOptions): Promise<Db> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 10, application_name: "batchboard" });
    // An idle connection dropped by the server (a restart, a failover) must not crash the process:
    // the pool replaces it on the next query.
    pool.on("error", (err) => console.error("[db] idle database connection failed", err.message));
    const db = drizzlePg(pool, { schema });
    // Several app and worker processes may start together: one migrates at a time.
    const client = await pool.connect();
    try {
      await client.query("select pg_advisory_lock(727274)");
      await migratePg(db, { migrationsFolder: MIGRATIONS });
    } finally {
      await client.query("select pg_advisory_unlock(727274)").catch(() => {});
      client.release();
    }
    return Object.assign(db as unknown as Db, { $close: () => pool.end() });
  }
  const dir = opts.dataDir ?? "memory://";
  if (!dir.startsWith("memory://")) mkdirSync(dir, { recursive: true });
  const client = new PGlite(dir);
  const db = drizzlePglite(client, { schema });
  await migratePglite(db, { migrationsFolder: MIGRATIONS });
  return Object.assign(db as unknown as Db, { $close: () => client.close() });
}
