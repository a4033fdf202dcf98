// Before any app module is loaded: env() and db() read the environment once per process.
import pg from "pg";
import { expect } from "vitest";
import { createTestDatabase } from "../../tests/support/pg-database";
import { accessTokenSuite, prepareEnv } from "../../tests/support/access-token.suite";

const dataDir = prepareEnv();
let databaseUrl = "";

/** accessTokenFor on PostgreSQL (DATABASE_URL): the same suite, against a database of its own, dropped after. */
accessTokenSuite("PostgreSQL", {
  dataDir,
  database: async () => {
    const created = await createTestDatabase();
    databaseUrl = created.url;
    return created;
  },
  verifyStore: async (counts) => {
    // Read back through a separate connection: the rows are in PostgreSQL, not in a PGlite fallback.
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ status: string; n: number }>(
        "select status, count(*)::int as n from connections group by status order by status",
      );
      expect(rows).toEqual([
        { status: "active", n: counts.active },
        { status: "revoked", n: counts.revoked },
      ]);
    } finally {
      await client.end();
    }
  },
});
