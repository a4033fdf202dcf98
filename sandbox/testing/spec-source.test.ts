import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SPEC_FILES, resolveSpecDir, skipNotice, type SpecFile } from "./spec-source";

const sha = (s: string) => createHash("sha256").update(s).digest("hex");
const FILES: SpecFile[] = [
  { file: "a.json", source: "Public Specs/A/a.json", sha256: sha('{"a":1}') },
  { file: "b.json", source: "Public Specs/B/b.json", sha256: sha('{"b":2}') },
];
const BODIES: Record<string, string> = { "a.json": '{"a":1}', "b.json": '{"b":2}' };

/** A clone with nothing beside it, and a cache folder of its own. */
function setup() {
  const tmp = mkdtempSync(path.join(os.tmpdir(), "spec-source-"));
  const repoRoot = path.join(tmp, "clone");
  mkdirSync(repoRoot);
  return {
    tmp,
    repoRoot,
    env: { BATCHBOARD_CACHE_DIR: path.join(tmp, "cache") } as Record<string, string | undefined>,
  };
}
function fakeFetch(bodies: Record<string, string>) {
  const urls: string[] = [];
  const f = (async (url: string) => {
    urls.push(url);
    const name = Object.keys(bodies).find((n) =>
      FILES.some((x) => x.file === n && url.endsWith(x.source.split("/").map(encodeURIComponent).join("/"))),
    );
    return name ? new Response(bodies[name]) : new Response("nope", { status: 404 });
  }) as unknown as typeof fetch;
  return { f, urls };
}

describe("where the conformance suite finds HubSpot's specs", () => {
  it("pins every file the suite reads, each with a SHA-256", () => {
    expect(SPEC_FILES.map((f) => f.file).sort()).toEqual([
      "crm-objects-2026-03.json",
      "crm-properties-2026-03.json",
      "marketing-campaigns-2026-03.json",
      "marketing-events-2026-03.json",
      "marketing-events-v3.json",
      "oauth-2026-03.json",
      "oauth-v1.json",
    ]);
    for (const f of SPEC_FILES) expect(f.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("prefers HUBSPOT_OPENAPI_DIR, then ../shared beside the clone", async () => {
    const { tmp, repoRoot, env } = setup();
    expect(
      await resolveSpecDir({ env: { ...env, HUBSPOT_OPENAPI_DIR: "/somewhere" }, repoRoot, files: FILES }),
    ).toEqual({ dir: "/somewhere", from: "env" });
    const shared = path.join(tmp, "shared", "hubspot-openapi");
    mkdirSync(shared, { recursive: true });
    for (const f of FILES) writeFileSync(path.join(shared, f.file), BODIES[f.file]!);
    const { f, urls } = fakeFetch(BODIES);
    expect(await resolveSpecDir({ env, repoRoot, files: FILES, fetch: f })).toEqual({ dir: shared, from: "shared" });
    expect(urls).toEqual([]);
  });

  it("downloads into the cache at the pinned commit, checks each file, then reads the cache without asking again", async () => {
    const { repoRoot, env } = setup();
    const { f, urls } = fakeFetch(BODIES);
    const first = await resolveSpecDir({ env, repoRoot, files: FILES, fetch: f });
    expect(first.from === "download" && first.dir).toBeTruthy();
    expect(urls).toHaveLength(2);
    expect(urls[0]).toContain("/99893791383254f52aa07662baeb98aad65cc710/Public%20Specs/A/a.json");
    expect(readFileSync(path.join(first.dir!, "b.json"), "utf8")).toBe('{"b":2}');
    const second = await resolveSpecDir({ env, repoRoot, files: FILES, fetch: f });
    expect(second).toEqual({ dir: first.dir, from: "cache" });
    expect(urls).toHaveLength(2);
  });

  it("refuses a file whose checksum differs, and caches nothing of it", async () => {
    const { repoRoot, env } = setup();
    const { f } = fakeFetch({ ...BODIES, "b.json": '{"b":"tampered"}' });
    const got = await resolveSpecDir({ env, repoRoot, files: FILES, fetch: f });
    expect(got.dir).toBeNull();
    expect("why" in got && got.why).toMatch(/b\.json .*SHA-256 .* expected/);
    const again = await resolveSpecDir({ env, repoRoot, files: FILES, fetch: fakeFetch(BODIES).f });
    expect(again.from).toBe("download"); // the good copy is fetched: the tampered one was never kept
  });

  it("without network says why, for the loud skip line", async () => {
    const { repoRoot, env } = setup();
    const offline = (async () => {
      throw new Error("getaddrinfo ENOTFOUND");
    }) as unknown as typeof fetch;
    const got = await resolveSpecDir({ env, repoRoot, files: FILES, fetch: offline });
    expect(got).toEqual({ dir: null, why: expect.stringContaining("ENOTFOUND") });
    expect(skipNotice("offline")).toMatch(/SKIPPED.*spec-conformance[\s\S]*HUBSPOT_OPENAPI_DIR[\s\S]*CI=true/);
  });
});
