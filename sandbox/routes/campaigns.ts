/**
 * Marketing Campaigns 2026-03 (spec marketing-campaigns-2026-03.json): list, read, create, update,
 * delete, and batch read/create/update/archive.
 *
 * Whole-request failures → 400 VALIDATION_ERROR, nothing is written:
 *   malformed JSON; a body that does not match the spec's shape (no `inputs` array, an input without
 *   `id`/`properties`, a property value that is not a string); more than 50 inputs; the same id twice
 *   in one batch update (which write would win is undefined); bad list parameters (limit, after, sort).
 * Per-input failures → 207 with `errors[]` (the others are written), in batch create/read/update:
 *   property rules (unknown or read-only property, missing/blank hs_name, date not YYYY-MM-DD →
 *   INVALID_DATE_PROPERTY, end before start, bad status option, bad currency, bad business unit ids,
 *   too long), duplicate hs_name (with another campaign or an earlier input of the same batch), and
 *   unknown ids (one OBJECT_NOT_FOUND error naming all of them in `context.ids`).
 *   A row-level problem stays row-level so that one bad cell does not block the other 49 rows.
 * Single-object calls answer the same problems with 400 (409 CONFLICT for a duplicate name, 404 for an unknown id).
 * Batch archive and DELETE always answer 204, as the spec says, even for unknown ids.
 */
import type { Context } from "hono";
import type { z } from "zod";
import {
  CAMPAIGN_BATCH_LIMIT,
  CAMPAIGN_LIST_DEFAULT_LIMIT,
  CAMPAIGN_LIST_MAX_LIMIT,
  CAMPAIGN_PROPERTY_BY_NAME,
  CampaignBatchArchiveInputSchema,
  CampaignBatchCreateInputSchema,
  CampaignBatchReadInputSchema,
  CampaignBatchUpdateInputSchema,
  CampaignCreateInputSchema,
  CampaignUpdateInputSchema,
  validateCampaignProperties,
  type CampaignPropertyIssue,
} from "../../lib/hubspot/schemas/campaigns";
import type { SandboxApp, SandboxContext, SandboxEnv } from "../core/context";
import { batchItemError, errorBody, type BatchItemError } from "../core/errors";
import { apiAuth } from "../core/middleware";
import {
  nextTimestamp,
  normName,
  seedCampaigns,
  storeOf,
  toApi,
  type CampaignStore,
  type StoredCampaign,
} from "./campaigns-store";

const BASE = "/marketing/campaigns/2026-03";
const READ = ["marketing.campaigns.read", "marketing.campaigns.write"];
const WRITE = ["marketing.campaigns.write"];
/** Properties returned when a read does not name any (batch read returns none, per the spec). */
const DEFAULT_READ_PROPERTIES = ["hs_name", "hs_start_date", "hs_end_date", "hs_campaign_status", "hs_object_id"];
const SORT_FIELDS = new Set(["createdAt", "updatedAt", "id"]);

type C = Context<SandboxEnv>;
const invalid = (c: C, message: string, extra: Parameters<typeof errorBody>[2] = {}) =>
  c.json(errorBody("VALIDATION_ERROR", message, extra), 400);

/** Parse JSON and a shape schema; on failure the 400 response to return. */
async function parseBody<T extends z.ZodType>(c: C, schema: T): Promise<{ data: z.infer<T> } | { res: Response }> {
  let raw: unknown;
  try {
    raw = JSON.parse(await c.req.text());
  } catch {
    return { res: invalid(c, "Invalid input JSON: the request body is not valid JSON.") };
  }
  const inputs = (raw as { inputs?: unknown } | null)?.inputs;
  if (Array.isArray(inputs) && inputs.length > CAMPAIGN_BATCH_LIMIT) {
    return {
      res: invalid(c, `Batch input size ${inputs.length} exceeds the maximum of ${CAMPAIGN_BATCH_LIMIT} inputs.`, {
        context: { maxInputs: [String(CAMPAIGN_BATCH_LIMIT)] },
      }),
    };
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const errors = parsed.error.issues.map((i) => ({ message: i.message, in: i.path.join(".") || undefined }));
    return {
      res: invalid(c, `Invalid input: ${errors.map((e) => (e.in ? `${e.in}: ${e.message}` : e.message)).join("; ")}`, {
        errors,
      }),
    };
  }
  return { data: parsed.data };
}

/** `properties=a,b` and `properties=a&properties=b` are both accepted (the spec says explode: true). */
function requestedProperties(c: C): string[] | undefined {
  const all = c.req.queries("properties");
  if (!all) return undefined;
  return [
    ...new Set(
      all
        .flatMap((v) => v.split(","))
        .map((s) => s.trim())
        .filter((n) => CAMPAIGN_PROPERTY_BY_NAME.has(n)),
    ),
  ];
}

const propertyErrorDetails = (issues: CampaignPropertyIssue[]) =>
  issues.map((i) => ({ message: i.message, code: i.code, in: i.property, context: { propertyName: [i.property] } }));

function propertyItemError(issues: CampaignPropertyIssue[], context: Record<string, string[]>): BatchItemError {
  const message =
    issues.length === 1
      ? issues[0]!.message
      : `Property values were not valid: ${issues.map((i) => i.message).join(" ")}`;
  const err = batchItemError(
    "VALIDATION_ERROR",
    message,
    { ...context, propertyName: [...new Set(issues.map((i) => i.property))] },
    issues[0]!.code,
  );
  err.errors = propertyErrorDetails(issues);
  return err;
}

function duplicateNameIssue(
  store: CampaignStore,
  name: string | undefined,
  selfId?: string,
): CampaignPropertyIssue | null {
  if (name === undefined) return null;
  const owner = store.names.get(normName(name));
  if (owner === undefined || owner === selfId) return null;
  return {
    property: "hs_name",
    code: "DUPLICATE_CAMPAIGN_NAME",
    message: `A campaign named "${name.trim()}" already exists.`,
  };
}

const dupError = (issue: CampaignPropertyIssue, context: Record<string, string[]>): BatchItemError => {
  const err = batchItemError("CONFLICT", issue.message, { ...context, propertyName: ["hs_name"] }, issue.code);
  err.errors = propertyErrorDetails([issue]);
  return err;
};

/** Apply validated properties; `""` resets, the deprecated hs_goal is dropped. */
function applyProps(store: CampaignStore, c: StoredCampaign, props: Record<string, string>) {
  for (const [k, v] of Object.entries(props)) {
    if (CAMPAIGN_PROPERTY_BY_NAME.get(k)?.deprecated) continue;
    if (k === "hs_name") {
      store.names.delete(normName(c.props.hs_name ?? ""));
      store.names.set(normName(v), c.id);
    }
    if (v === "") delete c.props[k];
    else c.props[k] = v;
  }
}

function create(store: CampaignStore, props: Record<string, string>, userId: number): StoredCampaign {
  const now = nextTimestamp(store);
  const c: StoredCampaign = {
    id: crypto.randomUUID(),
    props: {
      hs_business_unit_ids: "0", // HubSpot puts new campaigns in the default business unit
      hs_owner: String(userId),
      hs_created_by_user_id: String(userId),
      hs_color_hex: "#FF7A59",
      hs_object_id: String(store.nextObjectId++),
      hs_budget_items_sum_amount: "0",
      hs_spend_items_sum_amount: "0",
    },
    createdAt: now,
    updatedAt: now,
  };
  store.byId.set(c.id, c);
  applyProps(store, c, props);
  return c;
}

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

function batchResponse<T>(c: C, okStatus: 200 | 201, startedAt: Date, results: T[], errors: BatchItemError[]) {
  const body = {
    status: "COMPLETE",
    results,
    startedAt: startedAt.toISOString(),
    completedAt: new Date().toISOString(),
  };
  if (errors.length === 0) return c.json(body, okStatus);
  return c.json({ ...body, numErrors: errors.length, errors }, 207);
}

/** Sort key: a property value (compared as text, numbers by value), createdAt/updatedAt, or id. Empty values go last. */
function comparator(sort: string) {
  const desc = sort.startsWith("-");
  const field = desc ? sort.slice(1) : sort;
  const collator = new Intl.Collator("en", { sensitivity: "base", numeric: true });
  const value = (c: StoredCampaign): string | number | undefined =>
    field === "createdAt" ? c.createdAt : field === "updatedAt" ? c.updatedAt : field === "id" ? c.id : c.props[field];
  return (a: StoredCampaign, b: StoredCampaign) => {
    const va = value(a);
    const vb = value(b);
    if (va === undefined || vb === undefined) {
      if (va !== vb) return va === undefined ? 1 : -1;
    } else {
      const r = typeof va === "number" && typeof vb === "number" ? va - vb : collator.compare(String(va), String(vb));
      if (r !== 0) return desc ? -r : r;
    }
    return a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  };
}

export function registerCampaigns(app: SandboxApp, ctx: SandboxContext) {
  ctx.addModule({
    name: "campaigns",
    seed: (portal, rng, counts) => seedCampaigns(portal, rng, counts.campaigns ?? 0),
    records: { campaigns: (portal) => [...storeOf(portal).byId.values()].map((c) => toApi(c)) },
  });

  app.get(BASE, apiAuth(ctx, READ), (c) => {
    const store = storeOf(c.get("portal"));
    const q = c.req.query();
    const limit = q.limit === undefined ? CAMPAIGN_LIST_DEFAULT_LIMIT : Number(q.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > CAMPAIGN_LIST_MAX_LIMIT) {
      return invalid(c, `limit must be an integer between 1 and ${CAMPAIGN_LIST_MAX_LIMIT}, got "${q.limit}".`, {
        errors: [{ message: "invalid limit", in: "limit" }],
      });
    }
    const offset = q.after === undefined || q.after === "" ? 0 : Number(q.after);
    if (!Number.isInteger(offset) || offset < 0)
      return invalid(c, `Invalid paging cursor after="${q.after}".`, {
        errors: [{ message: "invalid cursor", in: "after" }],
      });
    // strict.ignoreCampaignSort: HubSpot documents no sort values; a portal may answer in its own order.
    const sort = (!ctx.state.config.strict?.ignoreCampaignSort && q.sort) || "createdAt";
    const field = sort.replace(/^-/, "");
    if (!SORT_FIELDS.has(field) && !CAMPAIGN_PROPERTY_BY_NAME.has(field)) {
      return invalid(
        c,
        `Cannot sort by "${sort}": use a campaign property, createdAt or updatedAt, optionally prefixed with "-".`,
        { errors: [{ message: "invalid sort", in: "sort" }] },
      );
    }
    let rows = [...store.byId.values()];
    const needle = q.name?.trim().toLowerCase();
    if (needle) rows = rows.filter((r) => (r.props.hs_name ?? "").toLowerCase().includes(needle));
    rows.sort(comparator(sort));
    const names = requestedProperties(c) ?? DEFAULT_READ_PROPERTIES;
    const page = rows.slice(offset, offset + limit).map((r) => toApi(r, names));
    const body: Record<string, unknown> = { total: rows.length, results: page };
    if (offset + limit < rows.length) {
      const after = String(offset + limit);
      const link = new URL(c.req.url);
      link.searchParams.set("after", after);
      body.paging = { next: { after, link: link.toString() } };
    }
    return c.json(body);
  });

  app.post(BASE, apiAuth(ctx, WRITE), async (c) => {
    const parsed = await parseBody(c, CampaignCreateInputSchema);
    if ("res" in parsed) return parsed.res;
    const store = storeOf(c.get("portal"));
    const props = parsed.data.properties;
    const issues = validateCampaignProperties(props, { mode: "create" });
    if (issues.length)
      return c.json(
        errorBody("VALIDATION_ERROR", propertyItemError(issues, {}).message, { errors: propertyErrorDetails(issues) }),
        400,
      );
    const dup = duplicateNameIssue(store, props.hs_name);
    if (dup) return c.json(errorBody("CONFLICT", dup.message, { errors: propertyErrorDetails([dup]) }), 409);
    const created = create(store, props, c.get("token").userId);
    c.header("Location", new URL(`${BASE}/${created.id}`, c.req.url).toString());
    return c.json(toApi(created), 201);
  });

  app.get(`${BASE}/:campaignGuid`, apiAuth(ctx, READ), (c) => {
    const found = storeOf(c.get("portal")).byId.get(c.req.param("campaignGuid"));
    if (!found) return c.json(errorBody("OBJECT_NOT_FOUND", `Campaign ${c.req.param("campaignGuid")} not found.`), 404);
    return c.json({ ...toApi(found, requestedProperties(c) ?? DEFAULT_READ_PROPERTIES), assets: {} });
  });

  app.patch(`${BASE}/:campaignGuid`, apiAuth(ctx, WRITE), async (c) => {
    const store = storeOf(c.get("portal"));
    const found = store.byId.get(c.req.param("campaignGuid"));
    if (!found) return c.json(errorBody("OBJECT_NOT_FOUND", `Campaign ${c.req.param("campaignGuid")} not found.`), 404);
    const parsed = await parseBody(c, CampaignUpdateInputSchema);
    if ("res" in parsed) return parsed.res;
    const props = parsed.data.properties;
    const issues = validateCampaignProperties(props, { mode: "update", current: found.props });
    if (issues.length)
      return c.json(
        errorBody("VALIDATION_ERROR", propertyItemError(issues, {}).message, { errors: propertyErrorDetails(issues) }),
        400,
      );
    const dup = duplicateNameIssue(store, props.hs_name, found.id);
    if (dup) return c.json(errorBody("CONFLICT", dup.message, { errors: propertyErrorDetails([dup]) }), 409);
    applyProps(store, found, props);
    found.updatedAt = nextTimestamp(store);
    return c.json(toApi(found));
  });

  app.delete(`${BASE}/:campaignGuid`, apiAuth(ctx, WRITE), (c) => {
    archive(storeOf(c.get("portal")), c.req.param("campaignGuid"));
    return c.body(null, 204);
  });

  function archive(store: CampaignStore, id: string) {
    const found = store.byId.get(id);
    if (!found) return;
    store.byId.delete(id);
    if (store.names.get(normName(found.props.hs_name ?? "")) === id)
      store.names.delete(normName(found.props.hs_name ?? ""));
  }

  app.post(`${BASE}/batch/read`, apiAuth(ctx, READ), async (c) => {
    const startedAt = new Date();
    const parsed = await parseBody(c, CampaignBatchReadInputSchema);
    if ("res" in parsed) return parsed.res;
    const store = storeOf(c.get("portal"));
    const names = requestedProperties(c) ?? [];
    const ids = [...new Set(parsed.data.inputs.map((i) => i.id))];
    const results = ids.flatMap((id) => {
      const found = store.byId.get(id);
      return found ? [{ ...toApi(found, names, true), assets: {} }] : [];
    });
    const missing = ids.filter((id) => !store.byId.has(id));
    const errors = missing.length
      ? [
          batchItemError("OBJECT_NOT_FOUND", `Could not find campaigns with ids: ${missing.join(", ")}`, {
            ids: missing,
          }),
        ]
      : [];
    return batchResponse(c, 200, startedAt, shuffle(results), errors);
  });

  app.post(`${BASE}/batch/create`, apiAuth(ctx, WRITE), async (c) => {
    const startedAt = new Date();
    const parsed = await parseBody(c, CampaignBatchCreateInputSchema);
    if ("res" in parsed) return parsed.res;
    const store = storeOf(c.get("portal"));
    const userId = c.get("token").userId;
    const results: ReturnType<typeof toApi>[] = [];
    const errors: BatchItemError[] = [];
    for (const input of parsed.data.inputs) {
      // Create inputs have no id; the name (unique) is what a client can match an error to.
      const context: Record<string, string[]> = input.properties.hs_name ? { name: [input.properties.hs_name] } : {};
      const issues = validateCampaignProperties(input.properties, { mode: "create" });
      if (issues.length) {
        errors.push(propertyItemError(issues, context));
        continue;
      }
      const dup = duplicateNameIssue(store, input.properties.hs_name);
      if (dup) {
        errors.push(dupError(dup, context));
        continue;
      }
      results.push(toApi(create(store, input.properties, userId)));
    }
    return batchResponse(c, 201, startedAt, shuffle(results), errors);
  });

  app.post(`${BASE}/batch/update`, apiAuth(ctx, WRITE), async (c) => {
    const startedAt = new Date();
    const parsed = await parseBody(c, CampaignBatchUpdateInputSchema);
    if ("res" in parsed) return parsed.res;
    const inputs = parsed.data.inputs;
    const seen = new Set<string>();
    const dupIds = [...new Set(inputs.map((i) => i.id).filter((id) => seen.has(id) || !seen.add(id)))];
    if (dupIds.length)
      return invalid(c, `Duplicate ids in batch input: ${dupIds.join(", ")}`, { context: { ids: dupIds } });
    const store = storeOf(c.get("portal"));
    const results: ReturnType<typeof toApi>[] = [];
    const errors: BatchItemError[] = [];
    const missing: string[] = [];
    for (const input of inputs) {
      const found = store.byId.get(input.id);
      if (!found) {
        missing.push(input.id);
        continue;
      }
      const issues = validateCampaignProperties(input.properties, { mode: "update", current: found.props });
      if (issues.length) {
        errors.push(propertyItemError(issues, { ids: [input.id] }));
        continue;
      }
      const dup = duplicateNameIssue(store, input.properties.hs_name, found.id);
      if (dup) {
        errors.push(dupError(dup, { ids: [input.id] }));
        continue;
      }
      applyProps(store, found, input.properties);
      found.updatedAt = nextTimestamp(store);
      results.push(toApi(found));
    }
    if (missing.length)
      errors.unshift(
        batchItemError("OBJECT_NOT_FOUND", `Could not find campaigns with ids: ${missing.join(", ")}`, {
          ids: missing,
        }),
      );
    return batchResponse(c, 200, startedAt, results, errors);
  });

  app.post(`${BASE}/batch/archive`, apiAuth(ctx, WRITE), async (c) => {
    const parsed = await parseBody(c, CampaignBatchArchiveInputSchema);
    if ("res" in parsed) return parsed.res;
    const store = storeOf(c.get("portal"));
    for (const { id } of parsed.data.inputs) archive(store, id);
    return c.body(null, 204);
  });
}
