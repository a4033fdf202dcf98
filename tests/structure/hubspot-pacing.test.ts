/**
 * Every HubSpot request of the product takes a slot of its portal's limiter (lib/batch/budget.ts),
 * so that browsing never meets a 429: a client made on a connection is either paced itself
 * (`clientForConnection(c, { pace })`) or only used through a pacing wrapper — the batch engine,
 * `limited` (background reads), `pacedSearch` (CRM searches) — in the background modules below.
 * A new caller has to pick one, and a read someone waits on picks `{ pace: "browse" }`.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");

function walk(dir: string): string[] {
  return readdirSync(path.join(root, dir)).flatMap((name) => {
    const rel = `${dir}/${name}`;
    if (statSync(path.join(root, rel)).isDirectory()) return walk(rel);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [rel] : [];
  });
}

/** Background modules whose unpaced client goes only through `limited(…)` and `pacedSearch(…)`. */
const PACED_BY_WRAPPER = new Set(["lib/exports/job.ts", "lib/bulk-edits/dry-run-job.ts"]);

describe("HubSpot clients are paced", () => {
  it("every clientForConnection call is paced, or wrapped where it is made", () => {
    const unpaced: string[] = [];
    for (const file of [...walk("lib"), ...walk("app")]) {
      if (file === "lib/auth/client-for-connection.ts") continue;
      readFileSync(path.join(root, file), "utf8")
        .split("\n")
        .forEach((line, i) => {
          if (!line.includes("clientForConnection(") || /^\s*(import|export|function)\b/.test(line)) return;
          const paced = /pace:\s*"(browse|background)"/.test(line) || /\b(limited|pacedSearch)\(/.test(line);
          if (!paced && !PACED_BY_WRAPPER.has(file)) unpaced.push(`${file}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(unpaced).toEqual([]);
  });

  it("the wrapped background modules do pace their client", () => {
    for (const file of PACED_BY_WRAPPER) {
      const text = readFileSync(path.join(root, file), "utf8");
      expect(text, file).toMatch(/limited\(/);
      expect(text, file).toMatch(/pacedSearch\(/);
    }
  });
});
