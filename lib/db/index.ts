import "server-only";
import path from "node:path";
import { dataDir, env } from "../config/env";
import { openDb, type Db } from "./client";

export type { Db } from "./client";
export * as tables from "./schema";

const globalForDb = globalThis as unknown as { __batchboardDb?: Promise<Db> };

/** The process-wide database (PGlite in DATA_DIR by default, PostgreSQL with DATABASE_URL). */
export function db(): Promise<Db> {
  globalForDb.__batchboardDb ??= openDb({
    databaseUrl: env().DATABASE_URL,
    dataDir: path.join(dataDir(), "pglite"),
  }).catch((err) => {
    globalForDb.__batchboardDb = undefined;
    throw err;
  });
  return globalForDb.__batchboardDb;
}
