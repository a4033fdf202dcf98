/*
 * Helpers shared by the CRM objects and marketing events routes: request body parsing with the
 * project's zod schemas (whole-request 400s in HubSpot's error shape), the batch response
 * envelope, and result shuffling.
 */
import type { Context } from "hono";
import type { z } from "zod";
import type { SandboxEnv } from "../core/context";
import { errorBody, type BatchItemError } from "../core/errors";

type Parsed<T> = { ok: true; data: T } | { ok: false; res: Response };

/**
 * Parse the JSON body with a schema. Malformed JSON and shape errors reject the whole request
 * with 400 VALIDATION_ERROR, as HubSpot's JSON reader does before looking at any input.
 */
export async function readJson<S extends z.ZodType>(c: Context<SandboxEnv>, schema: S): Promise<Parsed<z.infer<S>>> {
  let raw: unknown;
  try {
    raw = JSON.parse(await c.req.text());
  } catch (err) {
    const res = c.json(errorBody("VALIDATION_ERROR", `Invalid input JSON on line 1: ${(err as Error).message}`), 400);
    return { ok: false, res };
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const errors = parsed.error.issues.map((i) => ({
      message: i.message,
      in: i.path.join(".") || "body",
      code: i.code,
    }));
    const summary = errors.map((e) => `${e.in}: ${e.message}`).join("; ");
    const res = c.json(errorBody("VALIDATION_ERROR", `Invalid input JSON: ${summary}`, { errors }), 400);
    return { ok: false, res };
  }
  return { ok: true, data: parsed.data };
}

/** The first ids that appear more than once (compared with `norm`). */
export function duplicates(ids: string[], norm: (id: string) => string = (id) => id): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const id of ids) {
    const k = norm(id);
    if (seen.has(k)) dup.add(id);
    seen.add(k);
  }
  return [...dup];
}

export function duplicateIdsError(c: Context<SandboxEnv>, dup: string[]) {
  return c.json(
    errorBody("VALIDATION_ERROR", `Duplicate IDs found in batch input: [${dup.join(", ")}]. IDs must be unique`, {
      context: { ids: dup },
    }),
    400,
  );
}

/**
 * HubSpot documents batch results as unordered. Shuffle, and never hand back the input order
 * for two or more results, so a client that pairs results with inputs by position fails in
 * tests instead of in production.
 */
function shuffle<T>(items: T[]): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  if (out.length > 1 && out.every((x, i) => x === items[i])) out.push(out.shift()!);
  return out;
}

/** The batch response body; `errors`/`numErrors` only when there are errors (the 207 shape). */
export function batchBody<T>(results: T[], errors: BatchItemError[], requestedAt: string) {
  const now = new Date().toISOString();
  const base = {
    status: "COMPLETE" as const,
    results: shuffle(results),
    requestedAt,
    startedAt: requestedAt,
    completedAt: now,
  };
  return errors.length ? { ...base, numErrors: errors.length, errors } : base;
}

/** `limit` query parameter: default 10, clamped to [1, max] the way HubSpot's list endpoints do. */
export function limitParam(raw: string | undefined, max = 100): number {
  const n = raw === undefined ? 10 : Number.parseInt(raw, 10);
  if (!Number.isFinite(n) || n < 1) return 10;
  return Math.min(n, max);
}
