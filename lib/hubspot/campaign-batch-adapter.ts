import "server-only";
import type { BatchAdapter, BatchCallResult, CreateOp, HubSpotRequester, UpdateOp } from "../batch/adapter";
import { allArchived } from "../batch/operations";
import type { RowError, SavedRecord } from "../batch/types";
import { campaignItemError, campaignRequestError } from "./campaign-batch-errors";
import {
  CAMPAIGN_BATCH_LIMIT,
  CAMPAIGN_LIST_MAX_LIMIT,
  CAMPAIGN_PROPERTY_NAMES,
  CampaignBatchReadResponseSchema,
  CampaignListResponseSchema,
  CampaignSchema,
  type CampaignBatchResponse,
} from "./schemas/campaigns";
import { campaignsChangedSince, toSavedRecord } from "./campaigns-changed-since";
import { confirmedUpdate } from "./confirmed-update";
import { lenientBatchResponse } from "./schemas/lenient";

/** Write answers, read leniently: a surprise in one item must not lose the batch's outcome. */
const CampaignWriteResponseSchema = lenientBatchResponse(CampaignSchema);

/**
 * Campaigns for the batch engine: the 2026-03 batch endpoints, parsed with the project's schemas,
 * and HubSpot's answers correlated back to rows. HubSpot returns batch results in no particular
 * order, so updates are matched by id and creates by name (hs_name is unique per portal, compared
 * like HubSpot does: trimmed, case-insensitive). 207 errors name update ids in `context.ids` and
 * create names in `context.name` (see the sandbox's campaigns routes for the shapes).
 */
const BASE = "/marketing/campaigns/2026-03";
/** HubSpot compares campaign names ignoring case and surrounding spaces. */
const campaignNameKey = (name: string | undefined) => (name?.trim() ? name.trim().toLowerCase() : undefined);

export { campaignsChangedSince, toSavedRecord };

export function correlateUpdates(ops: UpdateOp[], res: CampaignBatchResponse): BatchCallResult {
  const rowById = new Map(ops.map((op) => [op.id, op]));
  const out: BatchCallResult = { saved: new Map(), failed: new Map(), unassigned: [] };
  for (const r of res.results) {
    const op = rowById.get(r.id);
    if (op) out.saved.set(op.rowKey, toSavedRecord(r));
  }
  for (const err of res.errors ?? []) {
    const ops2 = (err.context.ids ?? []).flatMap((id) => rowById.get(id) ?? []);
    if (ops2.length === 0) out.unassigned.push(campaignItemError(err, {}));
    for (const op of ops2) {
      const e: RowError =
        err.category === "OBJECT_NOT_FOUND"
          ? {
              category: err.category,
              code: "OBJECT_NOT_FOUND",
              message: "This campaign no longer exists in HubSpot (it was deleted or archived since you loaded it).",
              raw: err,
            }
          : campaignItemError(err, op.properties);
      out.failed.set(op.rowKey, e);
    }
  }
  return out;
}

export function correlateCreates(ops: CreateOp[], res: CampaignBatchResponse): BatchCallResult {
  const rowByName = new Map(
    ops.flatMap((op) => {
      const key = campaignNameKey(op.properties.hs_name);
      return key ? [[key, op] as const] : [];
    }),
  );
  const out: BatchCallResult = { saved: new Map(), failed: new Map(), unassigned: [] };
  for (const r of res.results) {
    const op = rowByName.get(campaignNameKey(r.properties.hs_name ?? undefined) ?? "");
    if (op) out.saved.set(op.rowKey, toSavedRecord(r));
  }
  for (const err of res.errors ?? []) {
    const op = rowByName.get(campaignNameKey(err.context.name?.[0]) ?? "");
    if (op) out.failed.set(op.rowKey, campaignItemError(err, op.properties));
    else out.unassigned.push(campaignItemError(err, {}));
  }
  return out;
}

export const campaignBatchAdapter: BatchAdapter = {
  noun: "campaign",
  batchSize: CAMPAIGN_BATCH_LIMIT,

  async update(http, ops, call) {
    const props = [...new Set(ops.flatMap((op) => Object.keys(op.properties)))];
    return confirmedUpdate({
      ops,
      send: () =>
        http.request(`${BASE}/batch/update`, {
          method: "POST",
          body: { inputs: ops.map((op) => ({ id: op.id, properties: op.properties })) },
          schema: CampaignWriteResponseSchema,
          idempotent: true,
          signal: call.signal,
        }),
      correlate: (res) => correlateUpdates(ops, res),
      unreadable: (res) => res.unreadableResults,
      read: (ids) => campaignBatchAdapter.read(http, ids, props, call),
      keyOf: (op) => op.id,
      signal: call.signal,
    });
  },

  async create(http, ops, call) {
    const res = await http.request(`${BASE}/batch/create`, {
      method: "POST",
      body: { inputs: ops.map((op) => ({ properties: op.properties })) },
      schema: CampaignWriteResponseSchema,
      signal: call.signal,
    });
    return correlateCreates(ops, res);
  },

  async archive(http, ops, call) {
    await http.request(`${BASE}/batch/archive`, {
      method: "POST",
      body: { inputs: ops.map((op) => ({ id: op.id })) },
      idempotent: true,
      signal: call.signal,
    });
    return allArchived(ops);
  },

  async read(http, ids, properties, call) {
    const res = await http.request(`${BASE}/batch/read`, {
      method: "POST",
      query: { properties: properties.length ? properties : undefined },
      body: { inputs: ids.map((id) => ({ id })) },
      schema: CampaignBatchReadResponseSchema,
      idempotent: true,
      signal: call.signal,
    });
    // Batch read leaves empty properties out; the conflict rule treats missing as empty.
    return new Map(res.results.map((r) => [r.id, toSavedRecord(r)]));
  },

  changedSince: (http, since, ids, properties, call) => campaignsChangedSince(http, since, ids, properties, call),

  createKey: (op) => campaignNameKey(op.properties.hs_name),

  async findByKeys(http, keys, call) {
    // One list call per name (there is no "name in" filter), unless a preview may read the whole
    // list for fewer calls (a dry run of 2,000 new names in a portal of 300 campaigns: 3, not 2,000).
    const found = call.preview ? await scanForNames(http, keys, call.signal) : undefined;
    if (found) return found;
    const byName = new Map<string, SavedRecord>();
    const queue = [...keys];
    const lane = async () => {
      for (let key = queue.shift(); key !== undefined; key = queue.shift()) {
        const hit = await findByName(http, key, call.signal);
        if (hit) byName.set(key, hit);
      }
    };
    await Promise.all([lane(), lane(), lane(), lane()]);
    return byName;
  },

  describeError: campaignRequestError,
};

/** The campaign with exactly this name (the list's `name` filter is "contains", so page and compare). */
/**
 * The names among `keys` that exist, read from the whole list when its pages are fewer than the
 * names (the first page's `total` says how many there are); undefined when looking the names up
 * one by one is cheaper. A single name always goes by name.
 */
async function scanForNames(
  http: HubSpotRequester,
  keys: string[],
  signal?: AbortSignal,
): Promise<Map<string, SavedRecord> | undefined> {
  if (keys.length < 2) return undefined;
  const wanted = new Set(keys);
  const found = new Map<string, SavedRecord>();
  let after: string | undefined;
  do {
    const page = await http.request(BASE, {
      query: { limit: CAMPAIGN_LIST_MAX_LIMIT, after, properties: CAMPAIGN_PROPERTY_NAMES },
      schema: CampaignListResponseSchema,
      signal,
    });
    if (after === undefined && Math.ceil(page.total / CAMPAIGN_LIST_MAX_LIMIT) > keys.length) return undefined;
    for (const c of page.results) {
      const key = campaignNameKey(c.properties.hs_name ?? undefined);
      if (key && wanted.has(key)) found.set(key, toSavedRecord(c));
    }
    after = found.size < wanted.size ? page.paging?.next?.after : undefined;
  } while (after);
  return found;
}

async function findByName(http: HubSpotRequester, key: string, signal?: AbortSignal): Promise<SavedRecord | undefined> {
  let after: string | undefined;
  do {
    const page = await http.request(BASE, {
      query: { name: key, limit: CAMPAIGN_LIST_MAX_LIMIT, after, properties: CAMPAIGN_PROPERTY_NAMES },
      schema: CampaignListResponseSchema,
      signal,
    });
    const hit = page.results.find((c) => campaignNameKey(c.properties.hs_name ?? undefined) === key);
    if (hit) return toSavedRecord(hit);
    after = page.paging?.next?.after;
  } while (after);
  return undefined;
}
