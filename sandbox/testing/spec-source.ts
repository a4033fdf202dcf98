/*
 * Where the conformance suite gets HubSpot's OpenAPI specs. They never enter the repository, so a fresh
 * clone has to find them somewhere, in this order:
 *   1. HUBSPOT_OPENAPI_DIR, when set (an explicit choice: used as is, or the suite fails);
 *   2. ../shared/hubspot-openapi beside the checkout (CI and the team's machines);
 *   3. a cache outside the repo (BATCHBOARD_CACHE_DIR, else XDG_CACHE_HOME or ~/.cache, /batchboard/…),
 *      filled from HubSpot's public spec repository at a pinned commit, every file checked by SHA-256.
 * When none works: in CI that is a failure (the suite must run there); elsewhere the suite is skipped
 * with a loud line that says how to run it, so a user's offline clone still passes its own tests.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** HubSpot/HubSpot-public-api-spec-collection at the commit ../shared/hubspot-openapi was taken from (August 2026). */
export const SPEC_COMMIT = "99893791383254f52aa07662baeb98aad65cc710";
const RAW_BASE = `https://raw.githubusercontent.com/HubSpot/HubSpot-public-api-spec-collection/${SPEC_COMMIT}/`;

export interface SpecFile {
  file: string;
  source: string;
  sha256: string;
}

/** Our file name → its path in HubSpot's repository and the checksum of the pinned version. */
export const SPEC_FILES: SpecFile[] = [
  {
    file: "crm-objects-2026-03.json",
    source: "PublicApiSpecs/CRM/Objects/Rollouts/424/2026-03/objects.json",
    sha256: "21629d37b8bfec8ca4bafc94c159bb0bb63ff32f7c639cab47b0c7cb02f03c0a",
  },
  {
    file: "crm-properties-2026-03.json",
    source: "PublicApiSpecs/CRM/Properties/Rollouts/145899/2026-03/properties.json",
    sha256: "7921e36785717292d7902463171bd4a1f45e4e103cbee78831a42b85314d9b8a",
  },
  {
    file: "marketing-campaigns-2026-03.json",
    source: "PublicApiSpecs/Marketing/Campaigns Public Api/Rollouts/177944/2026-03/campaignsPublicApi.json",
    sha256: "5cce51addc0403e3829d5ef25648c4781c89f0bdf4aab212f7607dc4a4d79b2a",
  },
  {
    file: "marketing-events-2026-03.json",
    source: "PublicApiSpecs/Marketing/Marketing Events/Rollouts/129888/2026-03/marketingEvents.json",
    sha256: "ca12b2fc1c317a6ac3a9578d1fefd94d2b03dfe3ded39837f37e1a72cfd30282",
  },
  {
    file: "marketing-events-v3.json",
    source: "PublicApiSpecs/Marketing/Marketing Events/Rollouts/129888/v3/marketingEvents.json",
    sha256: "e1f0e463c8c3e9467ef7c0ba10f5d1d4cfce5b3c5d31a14cfb5394cfd06b5125",
  },
  {
    file: "oauth-2026-03.json",
    source: "PublicApiSpecs/Auth/Oauth/Rollouts/279897/2026-03/oauth.json",
    sha256: "8eb04f565f4304c4135256587396f1b6a80761e2aa2d278a94f4543f9e14c82f",
  },
  {
    file: "oauth-v1.json",
    source: "PublicApiSpecs/Auth/Oauth/Rollouts/155908/v1/oauth.json",
    sha256: "5a30afc670225c2d83b28d8ebcab477420ee18c0700769b44ee2167d2715e9c0",
  },
];

export type SpecSource =
  { dir: string; from: "env" | "shared" | "cache" | "download" } | { dir: null; from?: undefined; why: string };

export interface ResolveOptions {
  env?: Record<string, string | undefined>;
  repoRoot?: string;
  files?: SpecFile[];
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Per file; a hung download must not hold the test run. */
  timeoutMs?: number;
}

const sha256 = (data: Buffer | string) => createHash("sha256").update(data).digest("hex");
const hasAll = (dir: string, files: SpecFile[]) => files.every((f) => existsSync(path.join(dir, f.file)));
const verified = (dir: string, files: SpecFile[]) =>
  files.every((f) => existsSync(path.join(dir, f.file)) && sha256(readFileSync(path.join(dir, f.file))) === f.sha256);

export function cacheDir(env: Record<string, string | undefined> = process.env): string {
  const base =
    env.BATCHBOARD_CACHE_DIR || path.join(env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache"), "batchboard");
  return path.join(base, "hubspot-openapi", SPEC_COMMIT);
}

/** Finds (or downloads into the cache) a folder holding every spec file. Never throws for a missing network. */
export async function resolveSpecDir(opts: ResolveOptions = {}): Promise<SpecSource> {
  const env = opts.env ?? process.env;
  const files = opts.files ?? SPEC_FILES;
  if (env.HUBSPOT_OPENAPI_DIR) return { dir: env.HUBSPOT_OPENAPI_DIR, from: "env" };
  const repoRoot = opts.repoRoot ?? fileURLToPath(new URL("../..", import.meta.url));
  const shared = path.resolve(repoRoot, "../shared/hubspot-openapi");
  if (hasAll(shared, files)) return { dir: shared, from: "shared" };

  const cache = cacheDir(env);
  if (verified(cache, files)) return { dir: cache, from: "cache" };
  const doFetch = opts.fetch ?? fetch;
  const base = opts.baseUrl ?? RAW_BASE;
  try {
    mkdirSync(cache, { recursive: true });
    for (const f of files) {
      const target = path.join(cache, f.file);
      if (existsSync(target) && sha256(readFileSync(target)) === f.sha256) continue;
      const url = base + f.source.split("/").map(encodeURIComponent).join("/");
      const res = await doFetch(url, { signal: AbortSignal.timeout(opts.timeoutMs ?? 20_000) });
      if (!res.ok) return { dir: null, why: `downloading ${f.file} answered HTTP ${res.status}` };
      const body = Buffer.from(await res.arrayBuffer());
      const got = sha256(body);
      // A changed or tampered file is never cached: the suite would check the sandbox against the wrong contract.
      if (got !== f.sha256) return { dir: null, why: `${f.file} from ${url} has SHA-256 ${got}, expected ${f.sha256}` };
      const tmp = `${target}.${process.pid}.tmp`;
      writeFileSync(tmp, body);
      renameSync(tmp, target); // atomic: a parallel run never reads half a file
    }
    return { dir: cache, from: "download" };
  } catch (e) {
    return { dir: null, why: `could not download them (${(e as Error).message})` };
  }
}

/** The loud line printed when the suite is skipped outside CI. */
export function skipNotice(why: string): string {
  const bar = "!".repeat(100);
  return [
    bar,
    "!! SKIPPED: sandbox/spec-conformance.test.ts — HubSpot's OpenAPI specs are not available here:",
    `!!   ${why}.`,
    "!! To run it: put the specs in ../shared/hubspot-openapi beside the checkout, or set HUBSPOT_OPENAPI_DIR,",
    `!! or run once with network access (they are downloaded at commit ${SPEC_COMMIT.slice(0, 12)} into ${cacheDir()}).`,
    "!! In CI (CI=true) this suite fails instead of skipping.",
    bar,
  ].join("\n");
}
