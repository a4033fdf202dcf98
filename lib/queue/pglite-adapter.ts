import type { PGlite } from "@electric-sql/pglite";

/**
 * pg-boss talks to its database through `db.executeSql(text, values)` and expects node-postgres'
 * result shape (`{ rows }`). This adapter runs those calls on the app's PGlite instance.
 *
 * How pg-boss 10 calls it (node_modules/pg-boss/src):
 * - With `values` (fetch, send, complete, fail, cancel, getJobById…): one statement, extended
 *   protocol. PGlite's `query(text, params)` serialises each parameter by the type Postgres infers
 *   for it, so the arrays pg-boss passes for `$2::uuid[]` and the objects for `$3::jsonb` work as
 *   they do with node-postgres (both are covered by lib/queue/queue.pglite.test.ts).
 * - Without `values`: the schema install/migration and every maintenance command, which are
 *   multi-statement strings of the form `BEGIN; SET LOCAL …; SELECT pg_advisory_xact_lock(…); …;
 *   COMMIT;`. node-postgres sends those with the simple-query protocol; here they go to `exec`.
 *   If one of those statements fails, Postgres leaves the session inside an aborted transaction —
 *   and PGlite has only one session, shared with the whole app. So they run inside
 *   `PGlite.transaction()`, which holds PGlite's transaction mutex for the whole call and issues
 *   ROLLBACK on error before anything else may run. (The inner BEGIN/COMMIT only raise warnings
 *   there: the inner COMMIT ends the transaction, the outer one is then a no-op.)
 *
 * Serialisation: PGlite's `query`, `exec` and `transaction` all take the same mutex, so pg-boss'
 * polling and maintenance interleave with the app's queries one statement at a time and cannot
 * deadlock each other — with one exception: code that awaits a job-queue call *inside* an app
 * transaction on PGlite (`db.transaction(async tx => { await queue.send(…) })`) waits for a mutex its
 * own transaction holds. Send after the transaction (or pass pg-boss' `db` option bound to it).
 *
 * After `close()` every call resolves to `undefined`, exactly like pg-boss' own Db after stop():
 * a handler that outlives `stop()` makes pg-boss call complete()/fail() later without awaiting, and
 * those must neither touch the database nor reject.
 */
export class PgliteBossDb {
  private closed = false;

  constructor(private readonly pglite: PGlite) {}

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- pg-boss's own executeSql signature
  async executeSql(text: string, values?: unknown[]): Promise<{ rows: any[] }> {
    if (this.closed) return undefined as unknown as { rows: any[] }; // eslint-disable-line @typescript-eslint/no-explicit-any
    if (values && values.length > 0) {
      const res = await this.pglite.query(text, values);
      return { rows: res.rows };
    }
    const results = await this.pglite.transaction((tx) => tx.exec(text));
    // pg-boss only reads rows from single-statement commands (version checks, getQueues, countStates).
    return { rows: results.at(-1)?.rows ?? [] };
  }

  close() {
    this.closed = true;
  }
}
