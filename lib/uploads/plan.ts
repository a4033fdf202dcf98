import "server-only";
import type { BatchAdapter, HubSpotRequester } from "../batch/adapter";
import { readCurrent } from "../batch/read-current";
import { asOfAt } from "../batch/as-of";
import type { RowOperation, SavedRecord } from "../batch/types";
import type { ResourceRef } from "../resources/ref";
import { describe } from "../resources/registry";
import type { UploadMode } from "./mapping/validate-rows";
import { RECORD_ID_KEY } from "./types";

/** A valid file row, converted: what the dry run turns into an operation (or leaves out). */
export interface ValidRow {
  row: number;
  cells: string[];
  key?: string;
  properties: Record<string, string>;
}

export interface DiffLine {
  row: number;
  name: string;
  property: string;
  before: string;
  after: string;
}

/** A file row for a create whose unique value HubSpot already has: left out, with the record that has it. */
export interface ExistingRow {
  row: number;
  key: string;
  id: string;
}

/** A row to be created, as it will be sent (converted values), for the dry-run page. */
export interface CreateSample {
  row: number;
  name: string;
  properties: Record<string, string>;
}

export interface DryRunPlan {
  operations: RowOperation[];
  sources: { row: number; cells: string[] }[];
  creates: number;
  updates: number;
  unchanged: number;
  /** Rows whose record does not exist (update mode): left out, with why. */
  notFound: { row: number; key: string }[];
  /** Create rows whose name or unique value HubSpot already has: left out, with the record's id. */
  exists: ExistingRow[];
  /** The first rows to be created, as they will be sent. */
  createSample: CreateSample[];
  /** The first changed cells, old → new, for the dry-run page. */
  sample: DiffLine[];
}

const SAMPLE = 200;
const CREATE_SAMPLE = 5;
const LOOKUP_CHUNK = 1_000;
const same = (a: string | null | undefined, b: string) => (a ?? "") === b;

/**
 * The ref an upload's dry run reads with: updates addressed by a unique property (email) carry it as
 * idProperty; creates and upserts carry the unique property that finds a create whose answer was lost.
 */
export function uploadRef(target: ResourceRef, mode: UploadMode, keyColumn: string | undefined): ResourceRef {
  return !keyColumn || keyColumn === RECORD_ID_KEY ? target : describe(target).keyedBy(keyColumn, mode);
}

/**
 * The ref an upload's submission writes with. The dry run reads records by the key column (an
 * email), which tells it their record ids; the updates it plans carry those ids, as an upsert's do.
 * HubSpot updates CRM records in batch by id only, so a submission addressed by email would read
 * every batch again to find the ids: two requests a batch instead of one, half of the rate limit.
 */
export function uploadWriteRef(target: ResourceRef, mode: UploadMode, keyColumn: string | undefined): ResourceRef {
  return uploadRef(target, mode === "update" ? "upsert" : mode, keyColumn);
}

/**
 * The dry run: reads what HubSpot holds for the file's rows and decides each row's fate. Updates
 * send only the properties that differ (rows with none are unchanged and not sent), with the values
 * read as their baseline, so history shows old → new and a revert can restore them. The baseline's
 * `asOf` is the later of the record's own `updatedAt` as read and `loadTime()`, HubSpot's time taken
 * before the first read (these reads are authoritative: a change they miss is stamped after it), so
 * at run time the engine checks for changes made in HubSpot since the dry run exactly as it checks a
 * grid's edits against their load time: such a row is a conflict, not an overwrite. Upserts look records up
 * by their key: found ones are updated by id, the rest created. Creates look up their name or unique value the same way
 * (the adapter's createKey and findByKeys: a list read for campaigns when cheaper, a batch read by
 * the unique property for CRM records): rows HubSpot already has are left out as `exists`, since
 * HubSpot would refuse each of them.
 */
export async function planUpload(input: {
  adapter: BatchAdapter;
  http: HubSpotRequester;
  mode: UploadMode;
  rows: ValidRow[];
  nameOf: (r: ValidRow) => string;
  /** Rows whose current record has been read so far (updates). */
  onRead?: (done: number) => void;
  /** HubSpot's time now or earlier (`readLoadTime`); undefined: asOf is the record's own updatedAt. */
  loadTime?: () => string | undefined;
}): Promise<DryRunPlan> {
  const { adapter, http, mode, rows, nameOf, onRead } = input;
  const loadedAt = input.loadTime?.();
  const plan: DryRunPlan = {
    operations: [],
    sources: [],
    creates: 0,
    updates: 0,
    unchanged: 0,
    notFound: [],
    exists: [],
    createSample: [],
    sample: [],
  };
  const props = [...new Set(rows.flatMap((r) => Object.keys(r.properties)))].filter((p) => p !== RECORD_ID_KEY);
  const clean = (r: ValidRow) => Object.fromEntries(Object.entries(r.properties).filter(([k]) => k !== RECORD_ID_KEY));

  let current = new Map<string, SavedRecord>();
  if (mode === "update")
    current = await readCurrent(
      adapter,
      http,
      rows.map((r) => r.key!),
      props,
      onRead,
    );
  if (mode !== "update" && adapter.findByKeys && adapter.createKey) {
    const keyOf = (r: ValidRow) => adapter.createKey!({ rowKey: `row-${r.row}`, kind: "create", properties: clean(r) });
    const keys = [...new Set(rows.flatMap((r) => keyOf(r) ?? []))];
    const ops = rows.map((r) => ({ rowKey: `row-${r.row}`, kind: "create" as const, properties: clean(r) }));
    const found = new Map<string, SavedRecord>();
    // Many keys a call: campaigns may then read their list once instead of once per name.
    const chunk = LOOKUP_CHUNK;
    for (let i = 0; i < keys.length; i += chunk) {
      for (const [k, v] of await adapter.findByKeys(http, keys.slice(i, i + chunk), { preview: true }, ops))
        found.set(k, v);
      onRead?.(Math.min(i + chunk, keys.length));
    }
    for (const r of rows) {
      const rec = keyOf(r) !== undefined ? found.get(keyOf(r)!) : undefined;
      if (rec) current.set(`row-${r.row}`, rec);
    }
  }

  for (const r of rows) {
    const rowKey = `row-${r.row}`;
    const properties = clean(r);
    const rec = current.get(mode === "update" ? r.key! : rowKey);
    if (mode === "update" && !rec) {
      plan.notFound.push({ row: r.row, key: r.key! });
      continue;
    }
    if (mode === "create" && rec) {
      plan.exists.push({ row: r.row, key: nameOf(r), id: rec.id });
      continue;
    }
    if (!rec) {
      plan.creates++;
      const sent = Object.fromEntries(Object.entries(properties).filter(([, v]) => v !== ""));
      if (plan.createSample.length < CREATE_SAMPLE)
        plan.createSample.push({ row: r.row, name: nameOf(r), properties: sent });
      plan.operations.push({ rowKey, kind: "create", label: nameOf(r), properties: sent });
      plan.sources.push({ row: r.row, cells: r.cells });
      continue;
    }
    const changed = Object.fromEntries(Object.entries(properties).filter(([k, v]) => !same(rec.properties[k], v)));
    if (Object.keys(changed).length === 0) {
      plan.unchanged++;
      continue;
    }
    plan.updates++;
    // The id HubSpot answered with, whatever the row was found by (uploadWriteRef).
    const id = rec.id;
    const values = Object.fromEntries(Object.keys(changed).map((k) => [k, rec.properties[k] ?? null]));
    plan.operations.push({
      rowKey,
      kind: "update",
      id,
      label: nameOf(r),
      properties: changed,
      baseline: { updatedAt: rec.updatedAt, values, asOf: asOfAt(rec.updatedAt, loadedAt) },
    });
    plan.sources.push({ row: r.row, cells: r.cells });
    for (const [property, after] of Object.entries(changed)) {
      if (plan.sample.length < SAMPLE)
        plan.sample.push({ row: r.row, name: nameOf(r), property, before: values[property] ?? "", after });
    }
  }
  return plan;
}
