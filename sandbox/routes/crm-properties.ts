/*
 * CRM properties 2026-03 (crm-properties-2026-03.json): read-only here.
 *   GET /crm/properties/2026-03/{objectType}                 -> CollectionResponsePropertyNoPaging
 *   GET /crm/properties/2026-03/{objectType}/{propertyName}  -> Property, 404 if unknown
 * Both are single-resource reads, so there is nothing per-input: errors are whole-request
 * (400 unknown object type, 404 unknown property). Definitions live per portal in the
 * `crm-properties` data slot, because crm-objects validates writes against them.
 */
import type { Context } from "hono";
import type { CrmPropertyDefinition } from "../../lib/hubspot/schemas/crm";
import type { SandboxApp, SandboxContext, SandboxEnv } from "../core/context";
import { hubspotError } from "../core/errors";
import { apiAuth } from "../core/middleware";
import type { Portal } from "../core/state";
import { defaultPropertyDefinitions } from "./crm-property-defs";
import { resolveCrmType, unknownTypeMessage, type CrmObjectType } from "./crm-types";

const PROPERTIES_MODULE = "crm-properties";

/** A portal's definitions for one object type (seeded lazily, so crm-objects also works alone). */
export function propertyDefinitions(portal: Portal, type: CrmObjectType): CrmPropertyDefinition[] {
  let all = portal.data.get(PROPERTIES_MODULE) as Map<string, CrmPropertyDefinition[]> | undefined;
  if (!all) {
    all = defaultPropertyDefinitions();
    portal.data.set(PROPERTIES_MODULE, all);
  }
  return all.get(type.key) ?? [];
}

/** Reading a schema is allowed with the schema scope or with any scope on the objects themselves. */
function readScopes(c: Context<SandboxEnv>): string[] {
  const type = resolveCrmType(c.req.param("objectType"), c.get("portal"));
  if (!type) return []; // let the handler answer 400 for an unknown type
  const schemaScope = type.custom ? "crm.schemas.custom.read" : `crm.schemas.${type.key}.read`;
  return [schemaScope, ...type.readScopes];
}

/** `properties=a,b` and `properties=a&properties=b` are both accepted by HubSpot. */
export function listParam(c: Context<SandboxEnv>, name: string): string[] | undefined {
  const raw = c.req.queries(name);
  if (!raw) return undefined;
  return raw
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter(Boolean);
}

export function registerCrmProperties(app: SandboxApp, ctx: SandboxContext) {
  ctx.addModule({
    name: PROPERTIES_MODULE,
    seed(portal) {
      portal.data.set(PROPERTIES_MODULE, defaultPropertyDefinitions());
    },
  });

  const base = "/crm/properties/2026-03/:objectType";

  app.get(base, apiAuth(ctx, readScopes), (c) => {
    const raw = c.req.param("objectType");
    const type = resolveCrmType(raw, c.get("portal"));
    if (!type) return hubspotError(c, 400, "VALIDATION_ERROR", unknownTypeMessage(raw));
    // None of the seeded properties is archived or sensitive, so those views are empty.
    const archived = c.req.query("archived") === "true";
    const sensitivity = c.req.query("dataSensitivity") ?? "non_sensitive";
    let results = archived || sensitivity !== "non_sensitive" ? [] : propertyDefinitions(c.get("portal"), type);
    const only = listParam(c, "properties");
    if (only) results = results.filter((p) => only.includes(p.name));
    return c.json({ results });
  });

  app.get(`${base}/:propertyName`, apiAuth(ctx, readScopes), (c) => {
    const raw = c.req.param("objectType");
    const type = resolveCrmType(raw, c.get("portal"));
    if (!type) return hubspotError(c, 400, "VALIDATION_ERROR", unknownTypeMessage(raw));
    const name = c.req.param("propertyName");
    const found =
      c.req.query("archived") === "true"
        ? undefined
        : propertyDefinitions(c.get("portal"), type).find((p) => p.name === name);
    if (!found) {
      return hubspotError(
        c,
        404,
        "OBJECT_NOT_FOUND",
        `Property ${name} does not exist for object type ${type.objectTypeId}`,
        {
          context: { propertyName: [name], objectTypeId: [type.objectTypeId] },
        },
      );
    }
    return c.json(found);
  });
}
