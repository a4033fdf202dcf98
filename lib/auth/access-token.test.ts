// Before any app module is loaded: env() and db() read the environment once per process.
import { existsSync } from "node:fs";
import path from "node:path";
import { expect } from "vitest";
import { accessTokenSuite, prepareEnv } from "../../tests/support/access-token.suite";

const dataDir = prepareEnv();

/** accessTokenFor on the default store: PGlite in a fresh DATA_DIR. */
accessTokenSuite("PGlite", {
  dataDir,
  verifyStore: async () => {
    expect(existsSync(path.join(dataDir, "pglite", "PG_VERSION"))).toBe(true);
  },
});
