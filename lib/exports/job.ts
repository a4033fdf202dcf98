import "server-only";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import { toActionError } from "../actions/errors";
import { clientForConnection } from "../auth/client-for-connection";
import { limited } from "../batch/read-current";
import { limiterFor } from "../batch/shared-rate-limiter";
import { dataDir } from "../config/env";
import { pacedSearch } from "../crm/paced-search";
import { db, tables } from "../db";
import { resourceProperties } from "../hubspot/resources";
import { FilterError, RECORD_ID_PROPERTY } from "../hubspot/search-filters";
import type { PropertyType } from "../properties/types";
import type { Job } from "../queue/queue";
import { describe } from "../resources/registry";
import { exportColumns } from "./cells";
import type { ExportJob } from "./contract";
import { exportFileWriter } from "./file-writer";
import { EXPORT_LIMITS } from "./limits";
import { cleanUpExpiredExports } from "./service";
import { viewRows, ViewFilterError } from "./view-rows";

const fmt = (n: number) => n.toLocaleString("en-US");

/** Why an export stopped, in words for its owner. */
class ExportStopped extends Error {}

/**
 * A view's export as a job, on the grant of the user who started it (read from the database): the
 * view's records page by page (view-rows.ts), each page written to the file at once
 * (file-writer.ts), so memory holds one page whatever the view's size. Progress (written / total)
 * is written at most once a second, and the same write tells the job whether its owner cancelled
 * it. Not retried: a failure is shown, and the user starts again.
 */
export async function exportJob(job: Job<z.output<typeof ExportJob.payload>>) {
  const database = await db();
  const t = tables.viewExports;
  const [row] = await database.select().from(t).where(eq(t.id, job.data.exportId));
  if (!row || row.state !== "queued") return { skipped: true };
  const [connection] = await database
    .select()
    .from(tables.connections)
    .where(and(eq(tables.connections.id, row.connectionId), eq(tables.connections.userId, row.userId)));
  const started = Date.now();
  const claimed = await database
    .update(t)
    .set({ state: "running" })
    .where(and(eq(t.id, row.id), eq(t.state, "queued")))
    .returning({ id: t.id });
  if (!claimed.length) return { skipped: true };

  const stop = new AbortController();
  const signal = AbortSignal.any([job.signal, stop.signal]);
  const dir = path.join(dataDir(), "exports");
  const file = path.join(dir, `${row.id}.${row.format}`);
  let writer: ReturnType<typeof exportFileWriter> | undefined;
  let written = 0;
  let total: number | null = null;
  try {
    if (!connection || connection.status !== "active")
      throw new ExportStopped("The HubSpot connection this export ran on has ended. Sign in again and export again.");
    const client = clientForConnection(connection);
    const properties = await resourceProperties(row.resourceRef, () => client);
    const types = new Map<string, PropertyType>(properties.map((p) => [p.key, p.type]));
    if (row.resourceRef.type === "crm") types.set(RECORD_ID_PROPERTY, "number");
    const columns = exportColumns(row.columns, properties, {
      idLabel: describe(row.resourceRef).idLabel,
      timeZone: row.timeZone,
    });
    await mkdir(dir, { recursive: true });
    writer = exportFileWriter(
      row.format,
      file,
      columns.map((c) => c.header),
    );
    const rows = viewRows(
      { http: limited(client, limiterFor(connection.portalId)), search: pacedSearch(client, connection.portalId) },
      {
        ref: row.resourceRef,
        query: row.query,
        properties: row.columns.filter((k) => types.has(k)),
        timeZone: row.timeZone,
        types,
      },
      signal,
    );
    let lastReport = Date.now();
    for await (const chunk of rows) {
      total ??= chunk.total;
      if ((total ?? 0) > EXPORT_LIMITS.maxRows || written + chunk.rows.length > EXPORT_LIMITS.maxRows)
        throw new ExportStopped(
          `This view has more than ${fmt(EXPORT_LIMITS.maxRows)} records, more than one export takes. Narrow it with a filter.`,
        );
      await writer.write(
        chunk.rows.map((r) => columns.map((c) => c.cell(c.key === "id" ? r.id : r.properties[c.key]))),
      );
      written += chunk.rows.length;
      if (Date.now() - started > EXPORT_LIMITS.timeLimitMs)
        throw new ExportStopped(
          `The export took longer than ${EXPORT_LIMITS.timeLimitMs / 60_000} minutes and was stopped after ${fmt(written)} records. Narrow the view with a filter.`,
        );
      if (Date.now() - lastReport >= 1_000) {
        lastReport = Date.now();
        const still = await database
          .update(t)
          .set({ written, total })
          .where(and(eq(t.id, row.id), eq(t.state, "running")))
          .returning({ id: t.id });
        // Cancelled by its owner (or expired): stop reading and delete the file.
        if (!still.length) stop.abort();
      }
      signal.throwIfAborted();
    }
    const size = await writer.close();
    const done = await database
      .update(t)
      .set({ state: "done", written, total: written, storedPath: file, sizeBytes: size, finishedAt: new Date() })
      .where(and(eq(t.id, row.id), eq(t.state, "running")))
      .returning({ id: t.id });
    if (!done.length) {
      await writer.abort();
      return { cancelled: true };
    }
    await cleanUpExpiredExports().catch(() => {});
    return { written };
  } catch (err) {
    await writer?.abort();
    if (stop.signal.aborted) return { cancelled: true };
    const message =
      err instanceof ExportStopped
        ? err.message
        : err instanceof FilterError || err instanceof ViewFilterError
          ? `The view's filters cannot be applied: ${err.message}`
          : job.signal.aborted
            ? "The export was stopped (the server shut down or it ran too long). Start it again."
            : toActionError(err).message;
    await database
      .update(t)
      .set({ state: "failed", error: message, written, total, finishedAt: new Date() })
      .where(and(eq(t.id, row.id), eq(t.state, "running")));
    return { failed: message };
  }
}
