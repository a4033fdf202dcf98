/**
 * The layers, checked on the import graph (static and dynamic imports, type imports too) until the
 * lead's ESLint rules take over: no import cycle among app/, components/ and lib/; product code never
 * imports sandbox/ or tests/ (test kits that start the sandbox live in tests/support/); lib/ never
 * imports components/ or app/; the batch engine depends on its own client interface, not lib/hubspot;
 * sign-in does not reach into submissions; only lib/jobs/ imports the job definitions.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const isTest = (f: string) => /\.test\.tsx?$/.test(f);

function walk(dir: string): string[] {
  return readdirSync(path.join(root, dir)).flatMap((name) => {
    const rel = `${dir}/${name}`;
    if (statSync(path.join(root, rel)).isDirectory()) return walk(rel);
    return /\.tsx?$/.test(name) && !name.endsWith(".d.ts") ? [rel] : [];
  });
}

function resolve(from: string, spec: string): string | undefined {
  const base = spec.startsWith("@/")
    ? path.join(root, spec.slice(2))
    : spec.startsWith(".")
      ? path.resolve(root, path.dirname(from), spec)
      : undefined;
  if (!base) return undefined;
  const hit = ["", ".ts", ".tsx", "/index.ts"]
    .map((ext) => base + ext)
    .find((p) => existsSync(p) && statSync(p).isFile());
  return hit && path.relative(root, hit);
}

const files = ["app", "components", "lib"].flatMap(walk);
const graph = new Map(
  files.map((f) => [
    f,
    ts
      .preProcessFile(readFileSync(path.join(root, f), "utf8"), true, true)
      .importedFiles.map((i) => resolve(f, i.fileName))
      .filter((t): t is string => !!t),
  ]),
);
const product = files.filter((f) => !isTest(f));
const importsOf = (f: string) => graph.get(f) ?? [];
const offending = (from: (f: string) => boolean, to: (t: string) => boolean) =>
  product.filter(from).flatMap((f) =>
    importsOf(f)
      .filter(to)
      .map((t) => `${f} → ${t}`),
  );

describe("import structure", () => {
  it("has no import cycle among app/, components/ and lib/ (tests included)", () => {
    const cycles: string[] = [];
    const state = new Map<string, "open" | "done">();
    const stack: string[] = [];
    const visit = (f: string) => {
      state.set(f, "open");
      stack.push(f);
      for (const t of importsOf(f)) {
        if (!graph.has(t)) continue;
        if (state.get(t) === "open") cycles.push([...stack.slice(stack.indexOf(t)), t].join(" → "));
        else if (!state.has(t)) visit(t);
      }
      stack.pop();
      state.set(f, "done");
    };
    for (const f of files) if (!state.has(f)) visit(f);
    expect(cycles).toEqual([]);
  });

  it("keeps product code off sandbox/ and tests/, and lib/ off components/ and app/", () => {
    expect(
      offending(
        () => true,
        (t) => t.startsWith("sandbox/") || t.startsWith("tests/"),
      ),
    ).toEqual([]);
    expect(
      offending(
        (f) => f.startsWith("lib/"),
        (t) => t.startsWith("components/") || t.startsWith("app/"),
      ),
    ).toEqual([]);
  });

  it("keeps the batch engine on its interface, sign-in out of submissions, and the job definitions to lib/jobs", () => {
    expect(
      offending(
        (f) => f.startsWith("lib/batch/"),
        (t) => t.startsWith("lib/hubspot/"),
      ),
    ).toEqual([]);
    expect(
      offending(
        (f) => f.startsWith("lib/auth/"),
        (t) => t.startsWith("lib/submissions/"),
      ),
    ).toEqual([]);
    expect(
      offending(
        (f) => f.startsWith("lib/") && !f.startsWith("lib/jobs/"),
        (t) => t.startsWith("lib/jobs/"),
      ),
    ).toEqual([]);
  });
});
