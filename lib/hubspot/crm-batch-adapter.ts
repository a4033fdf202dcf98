import "server-only";
import type { BatchAdapter, BatchCallResult, CreateOp, HubSpotRequester, UpdateOp } from "../batch/adapter";
import { allArchived, chunk } from "../batch/operations";
import type { RowError, RowOperation, SavedRecord } from "../batch/types";
import { crmAlreadyExists, crmItemError, crmNotFound, crmRequestError, type CrmErrorContext } from "./crm-batch-errors";
import { HubSpotApiError } from "./http-client";
import { crmObjectsPath } from "./crm-objects";
import { crmChangedSince, crmIndexedStamp } from "./crm-changed-since";
import { MAX_BATCH_INPUTS } from "./schemas/common";
import { confirmedUpdate, nothingAccounted } from "./confirmed-update";
import {
  CrmBatchResponseSchema,
  CrmObjectSchema,
  type CrmBatchResponse,
  type CrmObject,
  type CrmPropertyDefinition,
} from "./schemas/crm";
import { lenientBatchResponse } from "./schemas/lenient";

/** Write answers, read leniently: a surprise in one item must not lose the batch's outcome. */
const CrmWriteResponseSchema = lenientBatchResponse(CrmObjectSchema);

/**
 * CRM records (contacts, companies, deals, tickets, custom objects) for the batch engine, on
 * /crm/objects/2026-03/{objectType}/batch/{read,create,update} (100 inputs per call).
 *
 * - Every input carries an `objectWriteTraceId` (the row key). With one on EVERY input HubSpot writes
 *   the valid inputs and answers 207 with an error per failed input naming `context.objectWriteTraceId`
 *   (without, one bad value fails the whole batch). Results echo the trace id and come back in no
 *   particular order: both are matched to rows by it, and by the record's id / unique value as a
 *   fallback. Unknown ids share one OBJECT_NOT_FOUND error listing `context.ids`.
 * - `idProperty` addresses records by a unique property (contacts by email) instead of the record id:
 *   the rows' `id` is then that value. HubSpot compares unique values trimmed and case-insensitively,
 *   and so do `recordKey` (duplicate rows) and the conflict read.
 * - `uniqueProperty` (default: idProperty) is the create's natural key: two creates with one value are
 *   refused before sending, and a create whose answer was lost is looked up by it (batch read with
 *   idProperty) before any resend. Without one, such a create fails as UNKNOWN_OUTCOME instead of
 *   risking a duplicate record.
 */
export interface CrmAdapterOptions {
  /** contacts, companies, deals, tickets, or a custom object (p_projects, 2-123, p123_projects). */
  objectType: string;
  /** A property with unique values (or hs_object_id) that the rows' `id` holds. */
  idProperty?: string;
  /** The unique property that identifies a created record (default: idProperty). */
  uniqueProperty?: string;
  /** "contact", "deal", …: derived from objectType when omitted. */
  noun?: string;
  /** The type's property definitions (crm-properties.ts), for labels and options in messages. */
  definitions?: readonly CrmPropertyDefinition[];
}

const NOUNS: Record<string, string> = {
  contacts: "contact",
  companies: "company",
  deals: "deal",
  tickets: "ticket",
  "0-1": "contact",
  "0-2": "company",
  "0-3": "deal",
  "0-5": "ticket",
};

/** HubSpot compares unique values ignoring case and surrounding spaces. */
const normUnique = (v: string) => v.trim().toLowerCase();

const toSavedRecord = (r: CrmObject): SavedRecord => ({ id: r.id, updatedAt: r.updatedAt, properties: r.properties });

export function crmBatchAdapter(opts: CrmAdapterOptions): BatchAdapter {
  const base = crmObjectsPath(opts.objectType);
  const idProperty = opts.idProperty && opts.idProperty !== "hs_object_id" ? opts.idProperty : undefined;
  const uniqueProperty = opts.uniqueProperty ?? idProperty;
  const ctx: CrmErrorContext = {
    noun: opts.noun ?? NOUNS[opts.objectType.toLowerCase()] ?? "record",
    idProperty,
    definitions: opts.definitions && new Map(opts.definitions.map((d) => [d.name, d])),
  };

  const recordKey = (op: UpdateOp) => (idProperty ? normUnique(op.id) : op.id.trim());
  const createKey = (op: CreateOp) => {
    const v = uniqueProperty ? op.properties[uniqueProperty] : undefined;
    return v?.trim() ? normUnique(v) : undefined;
  };
  /** The value a result carries for `prop`, normalised, to match it without a trace id. */
  const valueOf = (r: CrmObject, prop: string | undefined) =>
    prop && r.properties[prop] ? normUnique(r.properties[prop]!) : undefined;

  function correlate<T extends RowOperation>(
    ops: T[],
    res: CrmBatchResponse,
    keyOf: (op: T) => string | undefined,
    resultKey: (r: CrmObject) => string | undefined,
  ): BatchCallResult {
    const byTrace = new Map(ops.map((op) => [op.rowKey, op]));
    const byKey = new Map(
      ops.flatMap((op) => {
        const k = keyOf(op);
        return k === undefined ? [] : [[k, op] as const];
      }),
    );
    const out: BatchCallResult = { saved: new Map(), failed: new Map(), unassigned: [] };
    for (const r of res.results) {
      const op =
        (r.objectWriteTraceId !== undefined ? byTrace.get(r.objectWriteTraceId) : undefined) ??
        byKey.get(resultKey(r) ?? "\u0000");
      if (op) out.saved.set(op.rowKey, toSavedRecord(r));
    }
    for (const err of res.errors ?? []) {
      const traced = (err.context.objectWriteTraceId ?? []).flatMap((t) => byTrace.get(t) ?? []);
      const named = traced.length
        ? traced
        : (err.context.ids ?? []).flatMap((id) => byKey.get(idProperty ? normUnique(id) : id.trim()) ?? []);
      if (!named.length) out.unassigned.push(crmItemError(ctx, err, {}));
      for (const op of named) {
        const e: RowError =
          err.category === "OBJECT_NOT_FOUND" && op.kind === "update"
            ? crmNotFound(ctx, op.id, err)
            : crmItemError(ctx, err, op.properties);
        out.failed.set(op.rowKey, e);
      }
    }
    return out;
  }

  /** Batch read by record id or by a unique property's values, 100 at a time; missing ones are absent. */
  async function batchRead(
    http: HubSpotRequester,
    ids: string[],
    properties: string[],
    by: string | undefined,
    signal?: AbortSignal,
  ): Promise<CrmObject[]> {
    const out: CrmObject[] = [];
    for (const part of chunk(ids, MAX_BATCH_INPUTS)) {
      const res = await http.request(`${base}/batch/read`, {
        method: "POST",
        body: { inputs: part.map((id) => ({ id })), properties, ...(by ? { idProperty: by } : {}) },
        schema: CrmBatchResponseSchema,
        idempotent: true,
        signal,
      });
      out.push(...res.results);
    }
    return out;
  }

  /** batch/update by record id; results matched by trace id, then id. */
  async function updateById(
    http: HubSpotRequester,
    ops: UpdateOp[],
    call: { signal?: AbortSignal },
  ): Promise<BatchCallResult> {
    const props = [...new Set(ops.flatMap((op) => Object.keys(op.properties)))];
    return confirmedUpdate({
      ops,
      send: () =>
        http.request(`${base}/batch/update`, {
          method: "POST",
          body: { inputs: ops.map((op) => ({ id: op.id, properties: op.properties, objectWriteTraceId: op.rowKey })) },
          schema: CrmWriteResponseSchema,
          idempotent: true,
          signal: call.signal,
        }),
      correlate: (res) =>
        correlate(
          ops,
          res,
          (op) => op.id.trim(),
          (r) => r.id,
        ),
      unreadable: (res) => res.unreadableResults,
      read: async (ids) =>
        new Map((await batchRead(http, ids, props, undefined, call.signal)).map((r) => [r.id, toSavedRecord(r)])),
      keyOf: (op) => op.id.trim(),
      signal: call.signal,
    });
  }

  /**
   * Real HubSpot may refuse a whole batch create with one 409 naming only the first existing record
   * ("Contact already exists. Existing ID: …"), and nothing is written. Find every input whose unique
   * value is already in HubSpot (one batch read), fail those rows with their own record, create the rest.
   */
  async function isolateConflict(
    http: HubSpotRequester,
    ops: CreateOp[],
    call: { signal?: AbortSignal },
    err: HubSpotApiError,
  ): Promise<BatchCallResult> {
    const keys = ops.flatMap((op) => createKey(op) ?? []);
    const found = await batchRead(http, keys, [uniqueProperty!], uniqueProperty, call.signal);
    const existing = new Map(
      found.flatMap((r) => {
        const k = valueOf(r, uniqueProperty);
        return k ? [[k, r.id] as const] : [];
      }),
    );
    const out = nothingAccounted();
    const rest: CreateOp[] = [];
    for (const op of ops) {
      const id = existing.get(createKey(op) ?? "\u0000");
      if (id) out.failed.set(op.rowKey, crmAlreadyExists(ctx, uniqueProperty!, op.properties, id, err.body));
      else rest.push(op);
    }
    // Nothing found: the 409 is about something else; the engine reports it for every row.
    if (rest.length === ops.length) throw err;
    if (!rest.length) return out;
    const more = await adapter.create(http, rest, call);
    return { saved: more.saved, failed: new Map([...out.failed, ...more.failed]), unassigned: more.unassigned };
  }

  const adapter: BatchAdapter = {
    noun: ctx.noun,
    batchSize: MAX_BATCH_INPUTS,

    precheck(op) {
      if (op.kind === "archive" && idProperty) {
        return {
          category: "VALIDATION_ERROR",
          code: "ARCHIVE_BY_ID_ONLY",
          message: `A ${ctx.noun} is archived by its record id, not by its ${idProperty}.`,
        };
      }
      if (op.kind === "update" && !op.id.trim()) {
        return {
          category: "VALIDATION_ERROR",
          code: "MISSING_ID",
          message: `This row does not say which ${ctx.noun} to change${idProperty ? ` (its ${idProperty} is empty)` : ""}.`,
        };
      }
      return undefined;
    },
    recordKey,

    async update(http, ops, call) {
      if (!idProperty) return updateById(http, ops, call);
      // HubSpot refuses batch/update by a non-id idProperty on real portals ("Unable to perform
      // update/upsert by non-unique 0-1 property") and points to batch read, which takes it: resolve
      // the values to record ids, then update by id. A value not found is "not found", never a create.
      const found = await batchRead(
        http,
        ops.map((op) => op.id),
        [idProperty],
        idProperty,
        call.signal,
      );
      const idByKey = new Map(
        found.flatMap((r) => {
          const k = valueOf(r, idProperty);
          return k ? [[k, r.id] as const] : [];
        }),
      );
      const out = nothingAccounted();
      const resolved: UpdateOp[] = [];
      for (const op of ops) {
        const id = idByKey.get(recordKey(op));
        if (id) resolved.push({ ...op, id });
        else out.failed.set(op.rowKey, crmNotFound(ctx, op.id, { id: op.id, idProperty }));
      }
      if (!resolved.length) return out;
      const byId = await updateById(http, resolved, call);
      return {
        saved: new Map([...out.saved, ...byId.saved]),
        failed: new Map([...out.failed, ...byId.failed]),
        unassigned: byId.unassigned,
      };
    },

    async create(http, ops, call) {
      try {
        const res = await http.request(`${base}/batch/create`, {
          method: "POST",
          body: { inputs: ops.map((op) => ({ properties: op.properties, objectWriteTraceId: op.rowKey })) },
          schema: CrmWriteResponseSchema,
          signal: call.signal,
        });
        return correlate(ops, res, createKey, (r) => valueOf(r, uniqueProperty));
      } catch (err) {
        if (!(err instanceof HubSpotApiError && err.status === 409 && uniqueProperty && ops.length > 1)) throw err;
        return isolateConflict(http, ops, call, err);
      }
    },

    async archive(http, ops, call) {
      await http.request(`${base}/batch/archive`, {
        method: "POST",
        body: { inputs: ops.map((op) => ({ id: op.id })) },
        idempotent: true,
        signal: call.signal,
      });
      return allArchived(ops);
    },

    async read(http, ids, properties, call) {
      const wanted = idProperty && !properties.includes(idProperty) ? [...properties, idProperty] : properties;
      const records = await batchRead(http, ids, wanted, idProperty, call.signal);
      // Keyed by the ids as the rows carry them (an email in any case), as the conflict check asks.
      const found = new Map(records.map((r) => [idProperty ? (valueOf(r, idProperty) ?? "") : r.id, toSavedRecord(r)]));
      return new Map(
        ids.flatMap((id) => {
          const rec = found.get(idProperty ? normUnique(id) : id.trim());
          return rec ? [[id, rec] as const] : [];
        }),
      );
    },

    changedSince: (http, since, ids, properties, call) =>
      crmChangedSince(
        { objectType: opts.objectType, idProperty, read: adapter.read },
        http,
        since,
        ids,
        properties,
        call,
      ),
    /**
     * HubSpot's search trails writes (documented only as "a few seconds"), and nothing promises
     * that writes to different records reach it in the order of their stamps. The engine waits until
     * its own write is visible to search (the index has applied writes up to that stamp) AND at least
     * this long after it, for a change stamped a little before our write but indexed a little after
     * it. 1 s: far more than two writes' stamps can differ from the order they are applied in (both
     * are taken by one request's processing, milliseconds apart), and short enough that the scan
     * still starts early in a long submission. It is an assumption, not a documented bound.
     */
    changedSinceIndexed: { indexLagFloorMs: 1000 },
    indexedStamp: (http, id, call) => crmIndexedStamp(opts.objectType, http, id, call),

    ...(uniqueProperty && {
      createKey,
      async findByKeys(http: HubSpotRequester, keys: string[], call: { signal?: AbortSignal }, ops: CreateOp[]) {
        const properties = [...new Set([uniqueProperty, ...ops.flatMap((op) => Object.keys(op.properties))])];
        const records = await batchRead(http, keys, properties, uniqueProperty, call.signal);
        return new Map(
          records.flatMap((r) => {
            const k = valueOf(r, uniqueProperty);
            return k ? [[k, toSavedRecord(r)] as const] : [];
          }),
        );
      },
    }),

    describeError: crmRequestError(ctx),
  };
  return adapter;
}
