import "server-only";
import { z } from "zod";
import type { Actor } from "../auth/actor";
import { limiterFor } from "../batch/shared-rate-limiter";
import { adapterFor } from "../hubspot/adapter-for";
import { clientForConnection } from "../auth/client-for-connection";
import { ResourceRefSchema, type ResourceRef } from "../resources/ref";
import { describe, resourceName } from "../resources/registry";
import { ExpectedActionError } from "../actions/result";
import { deleteDraft, findSubmission, insertSubmission } from "../submissions/store";
import { mappingFromMatches, matchColumns } from "./mapping/match-columns";
import { ColumnMappingSchema, ConversionOptionsSchema } from "./mapping/schemas";
import { createRowValidator, validateRows, type RowResult, type ValidationSummary } from "./mapping/validate-rows";
import { openUploadInWorker } from "./parse/parse-pool";
import { previewCell } from "./parse/limits";
import { isResultsFile, unneutralise } from "./export/neutralise";
import { limited } from "../batch/read-current";
import { readLoadTime } from "../hubspot/load-time";
import { planUpload, uploadRef, uploadWriteRef, type ValidRow } from "./plan";
import { targetColumns } from "./targets";
import { cellConverter } from "@/lib/properties/convert";
import { dateOrderDetector, detectDateOrders, type DateOrders } from "./mapping/date-orders";
import { UPLOAD_MODES } from "../db/values";
import { RECORD_ID_KEY, UploadParseError, type TargetColumn } from "./types";
import { templatesFor } from "./templates";
import type { UploadRow } from "./upload-store";
import type { DryRunSummary } from "./dry-run-types";
import { updateUpload, uploadDelimiter } from "./upload-store";

export const UploadModeSchema = z.enum(UPLOAD_MODES);
type UploadMode = z.infer<typeof UploadModeSchema>;

/** What the user chose for an upload: target, mode, key column, mapping, conversions. */
export const UploadSettingsSchema = z.object({
  target: ResourceRefSchema,
  mode: UploadModeSchema,
  /** The property that identifies a row's record (update, upsert), or the unique name (create). */
  keyColumn: z.string().max(200).optional(),
  mapping: ColumnMappingSchema,
  options: ConversionOptionsSchema,
});
export type UploadSettings = z.infer<typeof UploadSettingsSchema>;

/**
 * The target's columns, the automatic mapping of this file's headers onto them, and the portal's
 * saved templates for the target as applied to these headers (an exact one is used by the page).
 */
export async function suggestMapping(actor: Actor, upload: UploadRow, target: ResourceRef, mode?: UploadMode) {
  const columns = await targetColumns(target, actor);
  const matches = matchColumns(upload.headers, columns, mode);
  const templates = await templatesFor(actor.connection.portalId, resourceName(target), upload.headers, columns);
  return { columns, matches, mapping: mappingFromMatches(matches), templates };
}

/** An upload that ran keeps its submission: checking or dry-running it again would lose that link. */
export async function assertNotRun(upload: UploadRow) {
  if (!upload.submissionId) return;
  const s = await findSubmission(upload.submissionId, upload.portalId);
  if (s && s.state !== "draft")
    throw new ExpectedActionError(
      "invalid_input",
      "This upload has already run. Upload the file again to import it once more.",
    );
}

/** The file again, opened as on arrival; a refusal (the server busy, a limit) reaches the user as its message. */
async function openAgain(upload: UploadRow, sheet = upload.sheet ?? undefined) {
  try {
    return await openUploadInWorker(upload.storedPath, { fileName: upload.fileName, sheet });
  } catch (err) {
    throw err instanceof UploadParseError ? new ExpectedActionError("invalid_input", err.message) : err;
  }
}

/** The file's rows; one of our own results files gets its guard apostrophes taken off (export/neutralise.ts). */
async function* rowsOf(upload: UploadRow) {
  const opened = await openAgain(upload);
  if (!isResultsFile(upload.headers)) return yield* opened.rows();
  for await (const batch of opened.rows()) yield batch.map((cells) => cells.map(unneutralise));
}

/** The date order each date column's values settle ("Detect from the values"): a first pass over the file. */
async function dateOrdersOf(upload: UploadRow, settings: UploadSettings, columns: TargetColumn[]): Promise<DateOrders> {
  const input = { headers: upload.headers, mapping: settings.mapping, columns, options: settings.options };
  return dateOrderDetector(input).needed ? detectDateOrders(rowsOf(upload), input) : {};
}

/** Converts and checks every row of the file with the chosen settings; stores settings and summary. */
export async function checkUpload(
  actor: Actor,
  upload: UploadRow,
  settings: UploadSettings,
  onRow?: (r: RowResult) => void,
): Promise<ValidationSummary> {
  const columns = await targetColumns(settings.target, actor);
  await assertNotRun(upload);
  const dateOrders = await dateOrdersOf(upload, settings, columns);
  const summary = await validateRows(
    rowsOf(upload),
    upload.headers,
    settings.mapping,
    columns,
    settings.options,
    settings.mode,
    settings.keyColumn,
    { onRow, dateOrders },
  );
  // New settings make an earlier dry run stale: "Run" must never start one made with other settings.
  if (upload.submissionId) await deleteDraft(upload.submissionId);
  await updateUpload(upload.id, {
    target: settings.target,
    mode: settings.mode,
    keyColumn: settings.keyColumn ?? null,
    mapping: settings.mapping,
    options: { ...settings.options, delimiter: uploadDelimiter(upload.options) },
    validation: summary,
    dryRun: null,
    submissionId: null,
  });
  return summary;
}

/**
 * The dry run: validates again (the file is the truth, not an earlier check), reads what HubSpot
 * holds for the valid rows, and records a draft submission of exactly what would be sent.
 */
export async function dryRunUpload(
  actor: Actor,
  upload: UploadRow,
  settings: UploadSettings,
  onRead?: (done: number, total: number) => void,
): Promise<DryRunSummary> {
  await assertNotRun(upload);
  const valid: ValidRow[] = [];
  // Cells are kept only for valid rows (the results file shows them next to each row's fate).
  const cellsByRow = new Map<number, string[]>();
  let rowNo = 0;
  const columns = await targetColumns(settings.target, actor);
  const dateOrders = await dateOrdersOf(upload, settings, columns);
  const summary = await validateRows(
    (async function* () {
      for await (const batch of rowsOf(upload)) {
        for (const cells of batch) cellsByRow.set(++rowNo, [...cells]);
        yield batch;
      }
    })(),
    upload.headers,
    settings.mapping,
    columns,
    settings.options,
    settings.mode,
    settings.keyColumn,
    {
      dateOrders,
      onRow: (r) => {
        if (r.ok) valid.push({ row: r.row, cells: cellsByRow.get(r.row)!, key: r.key, properties: r.properties });
        cellsByRow.delete(r.row);
      },
    },
  );
  if (summary.mappingErrors.length) throw new ExpectedActionError("invalid_input", summary.mappingErrors.join("; "));

  const ref = uploadRef(settings.target, settings.mode, settings.keyColumn);
  const adapter = adapterFor(ref);
  const http = limited(clientForConnection(actor.connection), limiterFor(actor.connection.portalId));
  const nameKey = describe(settings.target).nameKey ?? settings.keyColumn;
  const plan = await planUpload({
    adapter,
    http,
    mode: settings.mode,
    rows: valid,
    onRead: onRead && ((done) => onRead(done, valid.length)),
    loadTime: () => readLoadTime(actor.connection.apiBase),
    nameOf: (r) => (nameKey && r.properties[nameKey]) || r.key || `Row ${r.row}`,
  });
  const submissionId = await insertSubmission({
    userId: actor.userId,
    connectionId: actor.connection.id,
    portalId: actor.connection.portalId,
    resource: uploadWriteRef(settings.target, settings.mode, settings.keyColumn),
    source: "upload",
    state: "draft",
    operations: plan.operations,
    sources: plan.sources,
  });
  const dry: DryRunSummary = {
    creates: plan.creates,
    updates: plan.updates,
    unchanged: plan.unchanged,
    invalid: summary.invalid,
    notFound: plan.notFound.slice(0, 100),
    notFoundCount: plan.notFound.length,
    exists: plan.exists.slice(0, 100),
    existsCount: plan.exists.length,
    createSample: plan.createSample,
    sample: plan.sample,
    submissionId,
  };
  if (upload.submissionId) await deleteDraft(upload.submissionId);
  await updateUpload(upload.id, { validation: summary, dryRun: { state: "done", ...dry }, submissionId });
  return dry;
}

export const targetKey = (ref: ResourceRef) => resourceName(ref);

/** The first rows of the file, for the mapping page's sample column; long cells cut short for display. */
export async function previewRows(upload: UploadRow, count = 5): Promise<string[][]> {
  const out: string[][] = [];
  // The page works without samples (the server busy reading other files): no error page for that.
  const opened = await openAgain(upload).catch((err: unknown) =>
    err instanceof ExpectedActionError ? undefined : Promise.reject(err),
  );
  if (!opened) return out;
  for await (const batch of opened.rows()) {
    for (const row of batch) {
      out.push(row.map(previewCell));
      if (out.length >= count) return out;
    }
  }
  return out;
}

/** Reads another sheet of a workbook: its headers and row count replace the upload's. */
export async function chooseSheet(upload: UploadRow, sheet: string) {
  const opened = await openAgain(upload, sheet);
  const patch = {
    sheet: opened.sheet ?? sheet,
    headers: opened.headers,
    rowCount: opened.rowCount,
    mapping: null,
    validation: null,
    dryRun: null,
    submissionId: null,
  };
  await updateUpload(upload.id, patch);
  return { ...upload, ...patch };
}

/** An invalid row as the grid takes it: converted where a cell could be read, as written where not. */
interface InvalidRowForGrid {
  kind: "create" | "update";
  recordId: string | null;
  label: string | null;
  sent: Record<string, string>;
  baseline: null;
  error: { category: string; message: string };
}

/**
 * The upload's invalid rows, for fixing in the grid instead of skipping them: creates become added
 * rows, updates by record id pending edits of that record; cells that could not be read keep the
 * text as written, so the grid shows each problem on its cell. Rows addressed by a unique value
 * (email) or upserts cannot be placed (counted in `skipped`).
 */
export async function invalidRowsForGrid(actor: Actor, upload: UploadRow, settings: UploadSettings) {
  const columns = await targetColumns(settings.target, actor);
  const byKey = new Map(columns.map((c) => [c.key, c]));
  const mapped = upload.headers.flatMap((h, i) => {
    const col = byKey.get(settings.mapping[h] ?? "");
    return col && !col.readOnly ? [{ i, col }] : [];
  });
  const byRecordId = settings.mode === "update" && settings.keyColumn === RECORD_ID_KEY;
  const placeable = settings.mode === "create" || byRecordId;
  const rows: InvalidRowForGrid[] = [];
  let skipped = 0;
  const nameKey = describe(settings.target).nameKey ?? settings.keyColumn;
  const dateOrders = await dateOrdersOf(upload, settings, columns);
  const validator = createRowValidator({
    headers: upload.headers,
    mapping: settings.mapping,
    columns,
    options: settings.options,
    mode: settings.mode,
    keyColumn: settings.keyColumn,
    dateOrders,
  });
  const idIndex = upload.headers.findIndex((h) => settings.mapping[h] === RECORD_ID_KEY);
  for await (const batch of rowsOf(upload)) {
    for (const cells of batch) {
      const result = validator.push(cells);
      if (result.ok) continue;
      const recordId = byRecordId ? (cells[idIndex] ?? "").trim() : null;
      if (!placeable || rows.length >= MAX_INVALID_FOR_GRID || (byRecordId && !recordId)) {
        skipped++;
        continue;
      }
      const sent: Record<string, string> = {};
      for (const { i, col } of mapped) {
        if (col.key === RECORD_ID_KEY) continue;
        const raw = cells[i] ?? "";
        const r = cellConverter(col, settings.options, dateOrders[col.key])(raw);
        const value = r.ok ? r.value : raw.trim();
        if (value !== undefined && value !== "") sent[col.key] = value;
      }
      rows.push({
        kind: byRecordId ? "update" : "create",
        recordId,
        label: (nameKey && sent[nameKey]) || `Row ${result.row + 1}`,
        sent,
        baseline: null,
        error: {
          category: "VALIDATION_ERROR",
          message: `Not imported (row ${result.row + 1} of the file): ${result.errors.map((e) => e.reason).join("; ")}`,
        },
      });
    }
  }
  return { rows, skipped };
}

/** More than this many invalid rows are better fixed in the file than one by one in the grid. */
const MAX_INVALID_FOR_GRID = 2_000;

export type { DryRunState, DryRunSummary } from "./dry-run-types";
