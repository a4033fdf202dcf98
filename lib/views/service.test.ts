// Before any app module is loaded: env() and db() read the environment once per process.
import { prepareEnv } from "../../tests/support/access-token.suite";
import { savedViewsSuite } from "./testing/service-suite";

/** Saved views (issue 14, item 3) on PGlite, the default database. */
savedViewsSuite("PGlite", { dataDir: prepareEnv() });
