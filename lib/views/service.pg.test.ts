// Before any app module is loaded: env() and db() read the environment once per process.
import { createTestDatabase } from "../../tests/support/pg-database";
import { prepareEnv } from "../../tests/support/access-token.suite";
import { savedViewsSuite } from "./testing/service-suite";

/** Saved views (issue 14, item 3) on PostgreSQL, where saves made at once really run in parallel. */
savedViewsSuite("PostgreSQL", { dataDir: prepareEnv(), database: createTestDatabase });
