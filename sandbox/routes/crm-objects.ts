/*
 * CRM objects 2026-03 (crm-objects-2026-03.json) for contacts, companies, deals, tickets and the
 * custom object p_projects, addressed by name, id (0-1...) or fully qualified name.
 *
 * Per-input (207) vs whole-request errors:
 *   - Whole request, before any input is looked at: malformed JSON or a body that does not match
 *     the spec's shape (400), more than 100 inputs (400), the same id twice in update/upsert
 *     (400 "Duplicate IDs found in batch input"), an idProperty that is not a unique property (400),
 *     an unknown object type (400). Nothing is written.
 *   - Invalid property values and unique-value clashes: whole request (400 VALIDATION_ERROR /
 *     409 CONFLICT, nothing written) unless every input carries an objectWriteTraceId; then
 *     per input (207, error context names objectWriteTraceId) and the valid inputs are written.
 *     See crm-writes.ts.
 *   - Unknown ids (batch read/update): always per input, one OBJECT_NOT_FOUND error with
 *     context.ids (207); the found inputs are processed.
 *   - Batch read dedupes repeated ids instead of rejecting them, as HubSpot does.
 * Batch results come back shuffled (HubSpot does not guarantee their order).
 * Search has its own limit of 5 requests per second per portal (searchLimit), on top of apiAuth.
 */
import type { Context } from "hono";
import {
  CrmBatchArchiveInputSchema,
  CrmBatchCreateInputSchema,
  CrmBatchReadInputSchema,
  CrmBatchUpdateInputSchema,
  CrmBatchUpsertInputSchema,
  CrmCreateInputSchema,
  CrmObjectInputSchema,
  CrmSearchRequestSchema,
} from "../../lib/hubspot/schemas/crm";
import type { SandboxApp, SandboxContext, SandboxEnv } from "../core/context";
import { batchItemError, hubspotError } from "../core/errors";
import { apiAuth, searchLimit } from "../core/middleware";
import type { Portal } from "../core/state";
import { batchBody, duplicateIdsError, duplicates, limitParam, readJson } from "./batch-util";
import { listParam, propertyDefinitions } from "./crm-properties";
import { search } from "./crm-search";
import { searchView } from "./search-lag";
import { seedCrm } from "./crm-seed";
import { eachRecord, findRecord, normUnique, OBJECTS_MODULE, putRecord, toApiObject, typeStore } from "./crm-store";
import { CRM_TYPES, resolveCrmType, unknownTypeMessage, type CrmObjectType } from "./crm-types";
import { runWrites, type WriteEnv, type WriteInput, type WriteMode } from "./crm-writes";

type C = Context<SandboxEnv>;

function env(portal: Portal, type: CrmObjectType, ctx: SandboxContext): WriteEnv & { names: Set<string> } {
  const defs = new Map(propertyDefinitions(portal, type).map((d) => [d.name, d]));
  const ts = typeStore(portal, type);
  ts.searchDelayMs = ctx.state.config.searchIndexDelayMs; // set after seeding, so seeded records are searchable at once
  return { portalId: portal.id, type, ts, defs, names: new Set(defs.keys()) };
}

const scopes = (write: boolean) => (c: C) => {
  const type = resolveCrmType(c.req.param("objectType"), c.get("portal"));
  if (!type) return []; // the handler answers 400 for an unknown type
  return write ? type.writeScopes : type.readScopes;
};

/** Resolve the path's object type, or answer HubSpot's 400. */
function withType(handler: (c: C, type: CrmObjectType) => Response | Promise<Response>) {
  return (c: C) => {
    const raw = c.req.param("objectType") ?? "";
    const type = resolveCrmType(raw, c.get("portal"));
    if (!type) return hubspotError(c, 400, "VALIDATION_ERROR", unknownTypeMessage(raw));
    return handler(c, type);
  };
}

/** idProperty must name a unique property (or hs_object_id); `required` for upsert. */
function idPropertyError(c: C, e: WriteEnv, inputs: { idProperty?: string }[], required: boolean) {
  for (const { idProperty } of inputs) {
    if (!idProperty || idProperty === "hs_object_id") {
      if (required)
        return hubspotError(
          c,
          400,
          "VALIDATION_ERROR",
          `Upsert needs an idProperty naming a unique property of ${e.type.singular}`,
        );
      continue;
    }
    if (!e.defs.get(idProperty)?.hasUniqueValue) {
      return hubspotError(
        c,
        400,
        "VALIDATION_ERROR",
        `"${idProperty}" is not a unique identifier property of ${e.type.singular}; use hs_object_id or a property with unique values`,
        {
          context: { idProperty: [idProperty] },
        },
      );
    }
  }
  return undefined;
}

async function batchWrite(c: C, type: CrmObjectType, mode: WriteMode, ctx: SandboxContext) {
  const strictIdProperty = ctx.state.config.strict?.idPropertyUpdate ?? false;
  const schema =
    mode === "create"
      ? CrmBatchCreateInputSchema
      : mode === "update"
        ? CrmBatchUpdateInputSchema
        : CrmBatchUpsertInputSchema;
  const requestedAt = new Date().toISOString();
  const body = await readJson(c, schema);
  if (!body.ok) return body.res;
  const inputs = body.data.inputs as WriteInput[];
  const e = env(c.get("portal"), type, ctx);
  if (mode === "update" && strictIdProperty && inputs.some((i) => i.idProperty && i.idProperty !== "hs_object_id")) {
    // config strict.idPropertyUpdate: as a public report shows HubSpot answering batch/update by email.
    return hubspotError(
      c,
      400,
      "VALIDATION_ERROR",
      `Unable to perform update/upsert by non-unique ${type.objectTypeId} property`,
    );
  }
  if (mode !== "create") {
    const bad = idPropertyError(c, e, inputs, mode === "upsert");
    if (bad) return bad;
    const dup = duplicates(
      inputs.map((i) => `${i.idProperty ?? "hs_object_id"}\u0000${i.id}`),
      (k) => normUnique(k),
    );
    if (dup.length > 0)
      return duplicateIdsError(
        c,
        dup.map((k) => k.split("\u0000")[1]!),
      );
  }
  const out = runWrites(e, mode, inputs);
  if (out.fatal) return c.json(out.fatal.body, out.fatal.status);
  return c.json(
    batchBody(out.results, out.errors, requestedAt),
    out.errors.length > 0 ? 207 : mode === "create" ? 201 : 200,
  );
}

export function registerCrmObjects(app: SandboxApp, ctx: SandboxContext) {
  ctx.addModule({
    name: OBJECTS_MODULE,
    seed(portal, rng, counts) {
      portal.data.set(OBJECTS_MODULE, () => seedCrm(rng, counts, (t) => propertyDefinitions(portal, t)));
    },
    // Every live record with all its properties, for tests and the bench to inspect.
    records: Object.fromEntries(
      CRM_TYPES.map((type) => [
        type.key,
        (portal: Portal) => {
          const e = env(portal, type, ctx);
          const all = [...e.names];
          const out = [];
          for (const r of eachRecord(e.ts)) if (!r.archived) out.push(toApiObject(type, e.names, r, all));
          return out;
        },
      ]),
    ),
  });

  const base = "/crm/objects/2026-03/:objectType";
  const read = apiAuth(ctx, scopes(false));
  const write = apiAuth(ctx, scopes(true));

  app.get(
    base,
    read,
    withType((c, type) => {
      const e = env(c.get("portal"), type, ctx);
      const limit = limitParam(c.req.query("limit"));
      const after = Number(c.req.query("after") ?? 0) || 0;
      const archived = c.req.query("archived") === "true";
      const props = listParam(c, "properties");
      const page = [];
      // Records are kept in id order, so `after` is simply the first id of the next page.
      for (const r of eachRecord(e.ts, after)) {
        if (r.archived !== archived) continue;
        page.push(r);
        if (page.length > limit) break;
      }
      const next = page.length > limit ? page.pop() : undefined;
      return c.json({
        results: page.map((r) => toApiObject(type, e.names, r, props)),
        ...(next ? { paging: { next: { after: next.id, link: `${c.req.path}?after=${next.id}` } } } : {}),
      });
    }),
  );

  app.post(
    `${base}/search`,
    read,
    searchLimit(ctx),
    withType(async (c, type) => {
      const body = await readJson(c, CrmSearchRequestSchema);
      if (!body.ok) return body.res;
      const e = env(c.get("portal"), type, ctx);
      const out = search(searchView(e.ts), body.data, e.defs, type);
      if (!out.ok) return hubspotError(c, 400, "VALIDATION_ERROR", out.message);
      return c.json({
        total: out.total,
        results: out.page.map((r) => toApiObject(type, e.names, r, body.data.properties)),
        ...(out.nextAfter ? { paging: { next: { after: out.nextAfter } } } : {}),
      });
    }),
  );

  app.post(
    `${base}/batch/read`,
    read,
    withType(async (c, type) => {
      const requestedAt = new Date().toISOString();
      const body = await readJson(c, CrmBatchReadInputSchema);
      if (!body.ok) return body.res;
      const { inputs, idProperty, properties } = body.data;
      const e = env(c.get("portal"), type, ctx);
      const bad = idPropertyError(c, e, [{ idProperty }], false);
      if (bad) return bad;
      const archived = c.req.query("archived") === "true";
      const ids = [...new Set(inputs.map((i) => i.id))];
      const found = ids.map((id) => [id, findRecord(e.ts, id, idProperty, archived)] as const);
      const missing = found.filter(([, r]) => !r).map(([id]) => id);
      const results = found.flatMap(([, r]) => (r ? [toApiObject(type, e.names, r, properties)] : []));
      const errors =
        missing.length === 0
          ? []
          : [
              batchItemError(
                "OBJECT_NOT_FOUND",
                `Could not get some ${type.singular} objects, they may be deleted or not exist. Check that ids are valid.`,
                { ids: missing },
              ),
            ];
      return c.json(batchBody(results, errors, requestedAt), errors.length > 0 ? 207 : 200);
    }),
  );

  app.post(
    `${base}/batch/create`,
    write,
    withType((c, type) => batchWrite(c, type, "create", ctx)),
  );
  app.post(
    `${base}/batch/update`,
    write,
    withType((c, type) => batchWrite(c, type, "update", ctx)),
  );
  app.post(
    `${base}/batch/upsert`,
    write,
    withType((c, type) => batchWrite(c, type, "upsert", ctx)),
  );

  // HubSpot answers 204 whether or not the ids existed.
  app.post(
    `${base}/batch/archive`,
    write,
    withType(async (c, type) => {
      const body = await readJson(c, CrmBatchArchiveInputSchema);
      if (!body.ok) return body.res;
      archive(
        env(c.get("portal"), type, ctx),
        body.data.inputs.map((i) => i.id),
      );
      return c.body(null, 204);
    }),
  );

  app.post(
    base,
    write,
    withType(async (c, type) => {
      const body = await readJson(c, CrmCreateInputSchema);
      if (!body.ok) return body.res;
      const out = runWrites(env(c.get("portal"), type, ctx), "create", [{ properties: body.data.properties }]);
      if (out.fatal) return c.json(out.fatal.body, out.fatal.status);
      return c.json(out.results[0]!, 201);
    }),
  );

  app.get(
    `${base}/:objectId`,
    read,
    withType((c, type) => {
      const e = env(c.get("portal"), type, ctx);
      const idProperty = c.req.query("idProperty");
      const bad = idPropertyError(c, e, [{ idProperty }], false);
      if (bad) return bad;
      const rec = findRecord(e.ts, c.req.param("objectId") ?? "", idProperty, c.req.query("archived") === "true");
      if (!rec) return hubspotError(c, 404, "OBJECT_NOT_FOUND", "Object not found.  objectId are usually numeric.");
      return c.json(toApiObject(type, e.names, rec, listParam(c, "properties")));
    }),
  );

  app.patch(
    `${base}/:objectId`,
    write,
    withType(async (c, type) => {
      const body = await readJson(c, CrmObjectInputSchema);
      if (!body.ok) return body.res;
      const e = env(c.get("portal"), type, ctx);
      const idProperty = c.req.query("idProperty");
      const bad = idPropertyError(c, e, [{ idProperty }], false);
      if (bad) return bad;
      const out = runWrites(e, "update", [
        { id: c.req.param("objectId") ?? "", idProperty, properties: body.data.properties },
      ]);
      if (out.fatal) return c.json(out.fatal.body, out.fatal.status);
      if (out.notFound.length > 0)
        return hubspotError(c, 404, "OBJECT_NOT_FOUND", "Object not found.  objectId are usually numeric.");
      return c.json(out.results[0]!);
    }),
  );

  app.delete(
    `${base}/:objectId`,
    write,
    withType((c, type) => {
      archive(env(c.get("portal"), type, ctx), [c.req.param("objectId") ?? ""]);
      return c.body(null, 204);
    }),
  );
}

function archive(e: WriteEnv, ids: string[]) {
  const now = new Date().toISOString();
  for (const id of ids) {
    const rec = findRecord(e.ts, id);
    if (rec) putRecord(e.ts, { ...rec, archived: true, archivedAt: now, updatedAt: now }, rec.properties);
  }
}
