/*
 * Marketing events, 2026-03 (/marketing/marketing-events/2026-03) and v3
 * (/marketing/v3/marketing-events; the v3 spec also lists its list call at
 * /marketing/marketing-events/v3, which is served too). Both specs use the same shapes, so one
 * set of handlers serves both versions.
 *
 * Per-input (207) vs whole-request errors:
 *   - batch/update (spec: 200 or 207 BatchResponse...WithErrors):
 *       whole request 400: malformed JSON, a body not matching the spec (an input without
 *       objectId or customProperties, wrong types, a start/endDateTime that is not an ISO
 *       date-time: HubSpot's JSON reader rejects those before looking at events), more than 100
 *       inputs, or the same objectId twice. Nothing is written.
 *       per input 207: unknown objectIds (one OBJECT_NOT_FOUND, context.ids), an eventUrl that
 *       is not an absolute http(s) URL, an end before the start (after merging with the stored
 *       dates) — VALIDATION_ERROR with context.ids = [objectId]. The other inputs are written.
 *   - batch/archive (spec: default response only; its description says 204 when all were
 *       deleted, 207 when some objectIds matched no event): malformed body / >100 inputs -> 400;
 *       unknown objectIds -> 207 with one OBJECT_NOT_FOUND error (context.ids), the rest deleted.
 *       Repeated objectIds are harmless there and are deduped.
 *   - read/patch/delete one: 404 for an unknown objectId; PATCH validation failures are 400.
 */
import type { Context } from "hono";
import {
  eventWindowError,
  MarketingEventBatchArchiveInputSchema,
  MarketingEventBatchUpdateInputSchema,
  MarketingEventUpdateSchema,
  MarketingEventUrlSchema,
  type MarketingEventBatchUpdateItem,
  type MarketingEventDefault,
} from "../../lib/hubspot/schemas/marketing-events";
import type { SandboxApp, SandboxContext, SandboxEnv } from "../core/context";
import { batchItemError, hubspotError, type BatchItemError } from "../core/errors";
import { apiAuth } from "../core/middleware";
import type { Portal } from "../core/state";
import { batchBody, duplicateIdsError, duplicates, limitParam, readJson } from "./batch-util";
import { noteEventWrite, registerMarketingEventSearch } from "./marketing-events-search";
import { seedEvents, type StoredEvent } from "./marketing-events-seed";

const EVENTS_MODULE = "marketing-events";
const READ = ["crm.objects.marketing_events.read", "crm.objects.marketing_events.write"];
const WRITE = ["crm.objects.marketing_events.write"];
type C = Context<SandboxEnv>;
/** Tells the search index (marketing-events-search.ts) that an event is about to change or go. */
type NoteWrite = (portal: Portal, id: string, prev: StoredEvent | undefined) => void;

function events(portal: Portal): Map<string, StoredEvent> {
  let m = portal.data.get(EVENTS_MODULE) as Map<string, StoredEvent> | undefined;
  if (!m) portal.data.set(EVENTS_MODULE, (m = new Map()));
  return m;
}

/** `MarketingEventPublicReadResponseV2`: the stored event minus externalAccountId (not in that shape). */
function toRead(e: StoredEvent) {
  const { externalAccountId: _omit, ...rest } = e;
  return rest;
}
/** `MarketingEventPublicDefaultResponseV2`: what writes return (no external id, no counters). */
function toDefault(e: StoredEvent): MarketingEventDefault {
  const {
    externalAccountId: _a,
    externalEventId: _b,
    registrants: _c,
    attendees: _d,
    cancellations: _e,
    noShows: _f,
    ...rest
  } = e;
  return rest;
}

/** The per-input checks; returns a message, or undefined when the input can be applied. */
function inputProblem(stored: StoredEvent, input: Omit<MarketingEventBatchUpdateItem, "objectId">): string | undefined {
  if (
    input.eventUrl !== undefined &&
    input.eventUrl !== "" &&
    !MarketingEventUrlSchema.safeParse(input.eventUrl).success
  ) {
    return `Invalid eventUrl "${input.eventUrl}": must be an absolute http(s) URL`;
  }
  return eventWindowError(input.startDateTime ?? stored.startDateTime, input.endDateTime ?? stored.endDateTime);
}

function apply(stored: StoredEvent, input: Omit<MarketingEventBatchUpdateItem, "objectId">): StoredEvent {
  const { customProperties, ...fields } = input;
  const props = new Map(stored.customProperties.map((p) => [p.name, p.value]));
  for (const p of customProperties) props.set(p.name, p.value);
  const defined = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
  return {
    ...stored,
    ...defined,
    customProperties: [...props].map(([name, value]) => ({ name, value })),
    updatedAt: new Date().toISOString(),
  };
}

const notFoundError = (ids: string[]): BatchItemError =>
  batchItemError("OBJECT_NOT_FOUND", `Could not find marketing events with objectIds: [${ids.join(", ")}]`, { ids });

async function batchUpdate(c: C, noteWrite: NoteWrite) {
  const requestedAt = new Date().toISOString();
  const body = await readJson(c, MarketingEventBatchUpdateInputSchema);
  if (!body.ok) return body.res;
  const { inputs } = body.data;
  const dup = duplicates(inputs.map((i) => i.objectId));
  if (dup.length > 0) return duplicateIdsError(c, dup);
  const store = events(c.get("portal"));
  const results: MarketingEventDefault[] = [];
  const errors: BatchItemError[] = [];
  const missing: string[] = [];
  for (const { objectId, ...input } of inputs) {
    const stored = store.get(objectId);
    if (!stored) {
      missing.push(objectId);
      continue;
    }
    const problem = inputProblem(stored, input);
    if (problem) {
      errors.push(batchItemError("VALIDATION_ERROR", problem, { ids: [objectId] }));
      continue;
    }
    const next = apply(stored, input);
    noteWrite(c.get("portal"), objectId, stored);
    store.set(objectId, next);
    results.push(toDefault(next));
  }
  if (missing.length > 0) errors.push(notFoundError(missing));
  return c.json(batchBody(results, errors, requestedAt), errors.length > 0 ? 207 : 200);
}

async function batchArchive(c: C, noteWrite: NoteWrite) {
  const requestedAt = new Date().toISOString();
  const body = await readJson(c, MarketingEventBatchArchiveInputSchema);
  if (!body.ok) return body.res;
  const store = events(c.get("portal"));
  const gone = (id: string) => {
    const prev = store.get(id);
    if (prev) noteWrite(c.get("portal"), id, prev);
    return store.delete(id);
  };
  const missing = [...new Set(body.data.inputs.map((i) => i.objectId))].filter((id) => !gone(id));
  if (missing.length === 0) return c.body(null, 204);
  return c.json(batchBody([], [notFoundError(missing)], requestedAt), 207);
}

function list(c: C) {
  const limit = limitParam(c.req.query("limit"));
  const after = Number(c.req.query("after") ?? 0) || 0;
  const page: StoredEvent[] = [];
  // Events are kept in objectId order, so `after` is the first objectId of the next page.
  for (const e of events(c.get("portal")).values()) {
    if (Number(e.objectId) < after) continue;
    page.push(e);
    if (page.length > limit) break;
  }
  const next = page.length > limit ? page.pop() : undefined;
  return c.json({
    results: page.map(toRead),
    ...(next ? { paging: { next: { after: next.objectId, link: `${c.req.path}?after=${next.objectId}` } } } : {}),
  });
}

const notFound = (c: C, id: string) =>
  hubspotError(c, 404, "OBJECT_NOT_FOUND", `Marketing event with objectId ${id} was not found`, {
    context: { ids: [id] },
  });

export function registerMarketingEvents(app: SandboxApp, ctx: SandboxContext) {
  ctx.addModule({
    name: EVENTS_MODULE,
    seed(portal, rng, counts, portalIndex) {
      portal.data.set(
        EVENTS_MODULE,
        new Map(seedEvents(rng, counts.marketingEvents ?? 120, portalIndex).map((e) => [e.objectId, e])),
      );
    },
    records: { "marketing-events": (portal) => [...events(portal).values()] },
  });

  const read = apiAuth(ctx, READ);
  const write = apiAuth(ctx, WRITE);
  const noteWrite: NoteWrite = (portal, id, prev) =>
    noteEventWrite(portal, ctx.state.config.searchIndexDelayMs, id, prev);
  registerMarketingEventSearch(app, ctx, READ, events);
  for (const prefix of ["/marketing/marketing-events/2026-03", "/marketing/v3/marketing-events"]) {
    app.get(prefix, read, list);
    app.get(`${prefix}/`, read, list);
    app.post(`${prefix}/batch/update`, write, (c) => batchUpdate(c, noteWrite));
    app.post(`${prefix}/batch/archive`, write, (c) => batchArchive(c, noteWrite));
    app.get(`${prefix}/:objectId`, read, (c) => {
      const e = events(c.get("portal")).get(c.req.param("objectId"));
      return e ? c.json(toRead(e)) : notFound(c, c.req.param("objectId"));
    });
    app.patch(`${prefix}/:objectId`, write, async (c) => {
      const id = c.req.param("objectId");
      const body = await readJson(c, MarketingEventUpdateSchema);
      if (!body.ok) return body.res;
      const store = events(c.get("portal"));
      const stored = store.get(id);
      if (!stored) return notFound(c, id);
      const problem = inputProblem(stored, body.data);
      if (problem) return hubspotError(c, 400, "VALIDATION_ERROR", problem, { context: { ids: [id] } });
      const next = apply(stored, body.data);
      noteWrite(c.get("portal"), id, stored);
      store.set(id, next);
      return c.json(toDefault(next));
    });
    app.delete(`${prefix}/:objectId`, write, (c) => {
      const id = c.req.param("objectId");
      const prev = events(c.get("portal")).get(id);
      if (prev) noteWrite(c.get("portal"), id, prev);
      return events(c.get("portal")).delete(id) ? c.body(null, 204) : notFound(c, id);
    });
  }
  // The v3 spec's own path for "list all events".
  app.get("/marketing/marketing-events/v3", read, list);
}
