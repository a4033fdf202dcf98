import "server-only";
import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import { toActionError } from "../actions/errors";
import { clientForConnection } from "../auth/client-for-connection";
import { limited } from "../batch/read-current";
import { limiterFor } from "../batch/shared-rate-limiter";
import { pacedSearch } from "../crm/paced-search";
import { crmPropertyTypes, crmViewPages } from "../crm/view-pages";
import { db, tables } from "../db";
import { withColumns } from "../crm/object-types";
import { crmColumnsFor, type CrmColumn } from "../crm/properties";
import { asOfAt } from "../batch/as-of";
import { searchLoadTime } from "../hubspot/load-time";
import { crmPropertyType } from "../properties/column-type";
import type { PropertyDef } from "../properties/types";
import type { Job } from "../queue/queue";
import { STANDARD_CRM_OBJECT_TYPES } from "../resources/crm";
import { BULK_EDIT_BOUNDS, type BulkEditBounds } from "./bounds";
import type { BulkEditDryRunJob } from "./dry-run-contract";
import { applyEdit, editProblem } from "./edit";
import { findBulkEditById, insertChunk, updateBulkEdit } from "./store";
import type { PlannedChange, SampleLine } from "./types";

const SAMPLE_CHANGES = 20;
const SAMPLE_REFUSED = 5;

/** The property that names a record, as the grid's name column (a custom type's: its first writable unique property). */
function nameProperty(objectType: string, columns: readonly CrmColumn[]): string {
  const option = STANDARD_CRM_OBJECT_TYPES.find((t) => t.objectType === objectType.toLowerCase()) ?? {
    objectType,
    title: objectType,
    noun: objectType,
    custom: true,
    defaultColumns: [],
  };
  return withColumns(option, columns).nameProperty ?? "hs_object_id";
}

/** A column as the property rules see it (lib/properties/). */
const propertyDef = (c: CrmColumn): PropertyDef => ({
  key: c.name,
  label: c.label,
  ...crmPropertyType(c),
  readOnly: c.readOnly,
});

class Stop extends Error {}

/**
 * A bulk edit's dry run as a job: it streams the view by record id (crmViewPages: the edited and the
 * name property only), works out each record's new value, counts (will change / already holds it /
 * cannot change) and stores the records that change, with the value read as their baseline (and its
 * page's load time as their asOf: the run's conflict check scans "changed since" from it), in
 * chunks of CHUNK_SIZE. Progress (records read of the view's total) is written at most once a
 * second; a user's cancel is noticed then. Bounded by the view's size and a time limit.
 * Idempotent: a retried job starts over (its chunks are deleted first).
 */
export async function bulkEditDryRunJob(
  job: Job<z.output<typeof BulkEditDryRunJob.payload>>,
  bounds: BulkEditBounds = BULK_EDIT_BOUNDS,
) {
  const id = job.data.bulkEditId;
  const edit0 = await findBulkEditById(id);
  if (!edit0 || edit0.state !== "reading") return { skipped: true };
  const database = await db();
  const [connection] = await database
    .select()
    .from(tables.connections)
    .where(eq(tables.connections.id, edit0.connectionId));
  if (!connection) return { skipped: true };
  const { target, query, timeZone, edit } = edit0.request;
  const started = Date.now();
  await database.delete(tables.bulkEditChanges).where(eq(tables.bulkEditChanges.bulkEditId, id));
  await updateBulkEdit(id, { readStartedAt: new Date(started) });
  try {
    const http = clientForConnection(connection);
    const client = limited(http, limiterFor(connection.portalId));
    const columns = await crmColumnsFor(client, target.objectType);
    const column = columns.find((c) => c.name === edit.property);
    const def = column && propertyDef(column);
    const problem = editProblem(edit, def);
    if (problem) throw new Stop(problem);
    const nameKey = nameProperty(target.objectType, columns);
    await updateBulkEdit(id, { propertyLabel: def!.label });
    const types = await crmPropertyTypes(client, target.objectType);
    const counts = { read: 0, change: 0, same: 0, refused: 0 };
    const sample: SampleLine[] = [];
    let refusedShown = 0;
    let buffer: PlannedChange[] = [];
    let seq = 0;
    let total: number | null = null;
    let lastWrite = 0;
    const flush = async () => {
      if (!buffer.length) return;
      await insertChunk(id, seq++, buffer);
      buffer = [];
    };
    // Searches are paced with every other search of the portal (the grid's, an export's).
    const pages = crmViewPages(
      pacedSearch(http, connection.portalId),
      { objectType: target.objectType, query, properties: [edit.property, nameKey], timeZone },
      { types, now: started, loadTime: () => searchLoadTime(connection.apiBase) },
    );
    for await (const page of pages) {
      // The first page's count is the view's size; later pages count what is left above their cursor.
      if (total === null) {
        total = page.remaining;
        if (total > bounds.maxRecords)
          throw new Stop(
            `This view holds ${total.toLocaleString("en-US")} records; a bulk edit takes at most ${bounds.maxRecords.toLocaleString("en-US")}. Narrow the view with a filter.`,
          );
      }
      for (const row of page.rows) {
        counts.read++;
        const old = row.properties[edit.property] ?? null;
        const label = row.properties[nameKey] ?? null;
        const out = applyEdit(edit, def!, old);
        if (out.status === "same") counts.same++;
        else if (out.status === "refused") {
          counts.refused++;
          if (refusedShown++ < SAMPLE_REFUSED) sample.push({ id: row.id, label, old, new: null, reason: out.reason });
        } else {
          counts.change++;
          if (counts.change > bounds.maxRecords)
            throw new Stop("The view grew past the bulk edit's limit while it was read.");
          if (sample.length - Math.min(refusedShown, SAMPLE_REFUSED) < SAMPLE_CHANGES)
            sample.push({ id: row.id, label, old, new: out.value });
          buffer.push({
            id: row.id,
            label,
            old,
            new: out.value,
            updatedAt: row.updatedAt,
            ...(page.loadedAt !== undefined ? { asOf: asOfAt(row.updatedAt, page.loadedAt) } : {}),
          });
          if (buffer.length >= bounds.chunkSize) await flush();
        }
      }
      if (Date.now() - started > bounds.timeLimitMs)
        throw new Stop(
          `The dry run took longer than ${Math.round(bounds.timeLimitMs / 60_000)} minutes and was stopped.`,
        );
      if (Date.now() - lastWrite >= bounds.progressEveryMs) {
        lastWrite = Date.now();
        const now = await findBulkEditById(id);
        if (now?.state !== "reading") {
          // Cancelled meanwhile: chunks written after the cancel's own delete go too.
          await database.delete(tables.bulkEditChanges).where(eq(tables.bulkEditChanges.bulkEditId, id));
          return { cancelled: true };
        }
        await updateBulkEdit(id, progress(counts, total));
      }
    }
    await flush();
    await database
      .update(tables.bulkEdits)
      .set({ ...progress(counts, total ?? 0), sample, state: "ready", readFinishedAt: new Date() })
      // Not over a cancel that came after the last progress check.
      .where(and(eq(tables.bulkEdits.id, id), eq(tables.bulkEdits.state, "reading")));
  } catch (err) {
    const message = err instanceof Stop ? err.message : toActionError(err).message;
    await updateBulkEdit(id, { state: "failed", message });
    await database.delete(tables.bulkEditChanges).where(eq(tables.bulkEditChanges.bulkEditId, id));
  }
  return { done: true };
}

const progress = (c: { read: number; change: number; same: number; refused: number }, total: number | null) => ({
  read: c.read,
  total,
  willChange: c.change,
  alreadySet: c.same,
  cannotChange: c.refused,
});
