/*
 * Validate sandbox traffic against HubSpot's OpenAPI 3.0 specs (found by ./spec-source.ts; never
 * copied into the repo). Each spec becomes one ajv schema (its $id is
 * the file name) so `#/components/schemas/...` refs resolve in place. OpenAPI 3.0 specifics are
 * converted first: `nullable: true` also allows null, `example` is dropped, int32/int64 are formats.
 * Deviations the project accepts are listed by the caller (`Allowed`) and matched per ajv error,
 * by the exact spec node that failed, so nothing is loosened globally.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";

type Json = any;

/** A spec deviation the project accepts, matched on the spec node (JSON pointer) that failed. */
export interface Allowed {
  spec: string;
  /** JSON pointer into the spec, e.g. `#/components/schemas/StandardError/properties/subCategory`. */
  at: string;
  keyword: string;
  /** Only when the offending value passes this check (e.g. `v === null`). */
  when?: (value: unknown, error: ErrorObject) => boolean;
  reason: string;
}

/** A status the spec does not declare for an operation, and the schema (or `null`: no body) to check instead. */
export interface AllowedStatus {
  method: string;
  path: string;
  status: number;
  schema: string | null;
  reason: string;
}

export interface Issue {
  where: string;
  message: string;
}

/** OpenAPI 3.0 schema → JSON Schema draft-07 for ajv (returns a converted copy). */
function convert(node: Json): Json {
  if (Array.isArray(node)) return node.map(convert);
  if (!node || typeof node !== "object") return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node)) if (k !== "example" && k !== "nullable") out[k] = convert(v);
  if (node.nullable === true) {
    if (typeof out.type === "string") out.type = [out.type, "null"];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    if (out.type === undefined) return { anyOf: [out, { type: "null" }] };
  }
  return out;
}

const pointer = (doc: Json, ptr: string): Json =>
  ptr
    .replace(/^#\/?/, "")
    .split("/")
    .filter(Boolean)
    .reduce((n, seg) => n?.[decodeURIComponent(seg).replace(/~1/g, "/").replace(/~0/g, "~")], doc);

export class OpenApiSpecs {
  readonly specs = new Map<string, Json>();
  private ajv = new Ajv({ strict: false, allErrors: true, verbose: true, validateFormats: true });
  /** "METHOD /template status" (+ "(default)" or "(allow-listed)") for every validated response. */
  readonly checked = new Set<string>();
  readonly allowedHits = new Map<Allowed, number>();
  readonly allowedStatusHits = new Set<AllowedStatus>();
  private compiled = new Map<string, ValidateFunction>();
  /** Spec node → its JSON pointer, to name the failing schema in messages. */
  private pointers = new WeakMap<object, string>();

  constructor(
    readonly dir: string,
    allowed: Allowed[] = [],
    private allowedStatus: AllowedStatus[] = [],
  ) {
    const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".json")) : [];
    if (files.length === 0) {
      throw new Error(
        `HubSpot OpenAPI specs not found at ${dir}. HUBSPOT_OPENAPI_DIR must name a folder ` +
          "holding HubSpot's spec files (see sandbox/testing/spec-source.ts).",
      );
    }
    addFormats(this.ajv);
    this.ajv.addFormat("int32", {
      type: "number",
      validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31,
    });
    this.ajv.addFormat("int64", { type: "number", validate: (n: number) => Number.isInteger(n) });
    for (const f of ["float", "double"]) this.ajv.addFormat(f, { type: "number", validate: () => true });
    for (const file of files) {
      const doc = convert(JSON.parse(readFileSync(path.join(dir, file), "utf8")));
      this.specs.set(file, doc);
      const index = (node: Json, at: string) => {
        if (!node || typeof node !== "object") return;
        this.pointers.set(node, at);
        for (const [k, v] of Object.entries(node)) index(v, `${at}/${k.replace(/~/g, "~0").replace(/\//g, "~1")}`);
      };
      index(doc.components, "#/components");
      this.ajv.addSchema({ $id: file, components: doc.components }, file);
    }
    for (const a of allowed) {
      if (pointer(this.specs.get(a.spec), a.at) === undefined)
        throw new Error(`allow-list entry points nowhere: ${a.spec}${a.at}`);
      this.allowedHits.set(a, 0);
    }
  }

  /** The spec operation for a concrete method + path (literal segments beat `{params}`). */
  operation(method: string, urlPath: string): { spec: string; template: string; op: Json } {
    const segs = urlPath.split("?")[0]!.replace(/\/$/, "").split("/");
    let best: { spec: string; template: string; op: Json; score: number } | undefined;
    for (const [spec, doc] of this.specs) {
      for (const [template, item] of Object.entries<Json>(doc.paths ?? {})) {
        const op = item[method.toLowerCase()];
        const t = template.split("/");
        if (!op || t.length !== segs.length) continue;
        let score = 0;
        if (!t.every((s, i) => (s.startsWith("{") ? segs[i] !== "" : s === segs[i] && ++score > 0))) continue;
        if (!best || score > best.score) best = { spec, template, op, score };
      }
    }
    if (!best)
      throw new Error(`No spec declares ${method} ${urlPath} (looked in ${[...this.specs.keys()].join(", ")})`);
    return best;
  }

  private deref(spec: string, node: Json): Json {
    return node?.$ref ? this.deref(spec, pointer(this.specs.get(spec), node.$ref)) : node;
  }

  /** Problems with a request body the sandbox accepted (its spec's requestBody schema for that content type). */
  checkRequest(method: string, urlPath: string, body: unknown, contentType = "application/json"): Issue[] {
    const { spec, template, op } = this.operation(method, urlPath);
    const where = `${method} ${template} request`;
    const rb = this.deref(spec, op.requestBody);
    if (!rb) return body === undefined ? [] : [{ where, message: "the spec declares no request body" }];
    if (body === undefined) return rb.required ? [{ where, message: "the spec requires a request body" }] : [];
    const media = rb.content?.[contentType];
    if (!media)
      return [
        {
          where,
          message: `the spec does not accept ${contentType} (only ${Object.keys(rb.content ?? {}).join(", ")})`,
        },
      ];
    return this.validate(spec, media.schema, body, where);
  }

  /** Problems with a response: the schema the spec declares for that status, else its `default`. */
  checkResponse(method: string, urlPath: string, status: number, body: unknown): Issue[] {
    const { spec, template, op } = this.operation(method, urlPath);
    const swap = this.allowedStatus.find((a) => a.method === method && a.path === template && a.status === status);
    const key = String(status) in op.responses ? String(status) : "default" in op.responses ? "default" : undefined;
    const where = `${method} ${template} ${status}`;
    this.checked.add(`${where}${swap ? " (allow-listed)" : key === "default" ? " (default)" : ""}`);
    if (swap) {
      this.allowedStatusHits.add(swap);
      if (key === String(status))
        return [{ where, message: "the spec now declares this status: drop its allow-list entry" }];
      if (swap.schema === null) return body === undefined ? [] : [{ where, message: "expected no body" }];
      return this.validate(spec, { $ref: swap.schema }, body, where);
    }
    if (!key)
      return [
        { where, message: `status ${status} is not declared (spec has ${Object.keys(op.responses).join(", ")})` },
      ];
    const content = this.deref(spec, op.responses[key]).content ?? {};
    const media = content["application/json"] ?? content["*/*"] ?? Object.values(content)[0];
    if (!media?.schema) return body === undefined ? [] : [{ where, message: `the spec declares no body for ${key}` }];
    if (body === undefined) return [{ where, message: `the spec declares a body for ${key}, got none` }];
    return this.validate(spec, media.schema, body, where);
  }

  private validate(spec: string, schema: Json, value: unknown, where: string): Issue[] {
    const key = `${spec} ${JSON.stringify(schema)}`;
    let fn = this.compiled.get(key);
    if (!fn)
      this.compiled.set(
        key,
        (fn = this.ajv.compile(JSON.parse(key.slice(spec.length + 1).replace(/"\$ref":"#\//g, `"$ref":"${spec}#/`)))),
      );
    if (fn(value)) return [];
    const errors = fn.errors ?? [];
    const allowed = errors.filter((e) => this.isAllowed(spec, e));
    // An allowed oneOf/anyOf failure also covers the failures of its branches (same place or below).
    const covered = (e: ErrorObject) =>
      allowed.some(
        (a) =>
          (a.keyword === "oneOf" || a.keyword === "anyOf") &&
          (e.instancePath === a.instancePath || e.instancePath.startsWith(`${a.instancePath}/`)),
      );
    return errors
      .filter((e) => !allowed.includes(e) && !covered(e))
      .map((e) => ({
        where,
        message: `${e.instancePath || "(body)"} ${e.message} ${JSON.stringify(e.params)} (at ${this.pointers.get(e.parentSchema ?? {}) ?? e.schemaPath}/${e.keyword})`,
      }));
  }

  private isAllowed(spec: string, e: ErrorObject): boolean {
    for (const [a, hits] of this.allowedHits) {
      if (a.spec !== spec || e.keyword !== a.keyword || e.parentSchema !== pointer(this.specs.get(spec), a.at))
        continue;
      if (a.when && !a.when(e.data, e)) continue;
      this.allowedHits.set(a, hits + 1);
      return true;
    }
    return false;
  }
}
