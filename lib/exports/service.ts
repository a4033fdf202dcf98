import "server-only";
import { rm } from "node:fs/promises";
import { and, desc, eq, inArray, lt, ne } from "drizzle-orm";
import { ExpectedActionError } from "../actions/result";
import type { Actor } from "../auth/actor";
import { db, tables } from "../db";
import type { ExportFormat, ExportState } from "../db/values";
import { sendJob } from "../queue/contract";
import { describe } from "../resources/registry";
import { ExportJob } from "./contract";
import { EXPORT_LIMITS } from "./limits";
import type { StartExportInput } from "./schemas";

/** An export as its owner's browser sees it (no paths). */
export interface ExportView {
  id: string;
  resource: string;
  format: ExportFormat;
  state: ExportState;
  written: number;
  total: number | null;
  error: string | null;
  fileName: string;
  sizeBytes: number | null;
  createdAt: string;
  finishedAt: string | null;
}

type Row = typeof tables.viewExports.$inferSelect;

const toView = (r: Row): ExportView => ({
  id: r.id,
  resource: describe(r.resourceRef).title,
  format: r.format,
  state: r.state,
  written: r.written,
  total: r.total,
  error: r.error,
  fileName: r.fileName,
  sizeBytes: r.sizeBytes,
  createdAt: r.createdAt.toISOString(),
  finishedAt: r.finishedAt?.toISOString() ?? null,
});

/** "contacts-2026-12-03-0915.csv": only letters, digits and dashes, so it is safe in any header and file system. */
export function exportFileName(ref: StartExportInput["ref"], format: ExportFormat, at: Date): string {
  const what = describe(ref)
    .nounPlural.toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 40);
  const stamp = at.toISOString().slice(0, 16).replace("T", "-").replace(":", "");
  return `${what || "records"}-${stamp}.${format}`;
}

/**
 * Starts an export of a view on the user's grant. At most `runningPerUser` of a user's exports are
 * queued or running at once; old files are cleaned up first (cheap: one indexed query).
 */
export async function startExport(actor: Actor, input: StartExportInput): Promise<ExportView> {
  await cleanUpExpiredExports().catch(() => {});
  const database = await db();
  const t = tables.viewExports;
  const busy = await database
    .select({ id: t.id })
    .from(t)
    .where(and(eq(t.userId, actor.userId), inArray(t.state, ["queued", "running"])));
  if (busy.length >= EXPORT_LIMITS.runningPerUser)
    throw new ExpectedActionError(
      "invalid_input",
      `You already have ${busy.length} exports running. Wait for one to finish, or cancel it.`,
    );
  const [row] = await database
    .insert(t)
    .values({
      userId: actor.userId,
      connectionId: actor.connection.id,
      portalId: actor.connection.portalId,
      resourceRef: input.ref,
      query: input.query,
      columns: input.columns,
      timeZone: input.timeZone,
      format: input.format,
      fileName: exportFileName(input.ref, input.format, new Date()),
    })
    .returning();
  await sendJob(ExportJob, { exportId: row!.id });
  return toView(row!);
}

/** The owner's export on this portal, or undefined: only the user who started it sees it. */
async function ownExport(actor: Actor, id: string): Promise<Row | undefined> {
  const t = tables.viewExports;
  const [row] = await (
    await db()
  )
    .select()
    .from(t)
    .where(and(eq(t.id, id), eq(t.userId, actor.userId), eq(t.portalId, actor.connection.portalId)));
  return row;
}

export async function exportView(actor: Actor, id: string): Promise<ExportView> {
  const row = await ownExport(actor, id);
  if (!row) throw new ExpectedActionError("not_found", "This export does not exist, or it is not yours.");
  return toView(row);
}

/** The user's latest exports on this portal. */
export async function recentExports(actor: Actor, limit = 20): Promise<ExportView[]> {
  const t = tables.viewExports;
  const rows = await (
    await db()
  )
    .select()
    .from(t)
    .where(and(eq(t.userId, actor.userId), eq(t.portalId, actor.connection.portalId)))
    .orderBy(desc(t.createdAt))
    .limit(limit);
  return rows.map(toView);
}

/** Cancels a queued or running export: the job notices within a second and deletes its file. */
export async function cancelExport(actor: Actor, id: string): Promise<ExportView> {
  const t = tables.viewExports;
  const row = await ownExport(actor, id);
  if (!row) throw new ExpectedActionError("not_found", "This export does not exist, or it is not yours.");
  const [done] = await (
    await db()
  )
    .update(t)
    .set({ state: "cancelled", finishedAt: new Date() })
    .where(and(eq(t.id, id), inArray(t.state, ["queued", "running"])))
    .returning();
  return toView(done ?? row);
}

/** The finished file of the owner's export, for the download route. */
export async function exportFile(
  actor: Actor,
  id: string,
): Promise<{ path: string; fileName: string; format: ExportFormat; size: number } | undefined> {
  const row = await ownExport(actor, id);
  if (!row || row.state !== "done" || !row.storedPath) return undefined;
  return { path: row.storedPath, fileName: row.fileName, format: row.format, size: row.sizeBytes ?? 0 };
}

/**
 * Deletes the files of exports made more than the retention period (24 h) ago and marks them
 * expired; the row stays for the user's list. Run when an export starts and when one finishes.
 */
export async function cleanUpExpiredExports(now = Date.now()): Promise<number> {
  const database = await db();
  const t = tables.viewExports;
  const old = await database
    .select({ id: t.id, storedPath: t.storedPath, state: t.state })
    .from(t)
    .where(and(lt(t.createdAt, new Date(now - EXPORT_LIMITS.retentionMs)), ne(t.state, "expired")));
  for (const r of old) {
    // A job still running past the retention period is far beyond its time limit: it is stopped too.
    if (r.storedPath) await rm(r.storedPath, { force: true });
    await database.update(t).set({ state: "expired", storedPath: null }).where(eq(t.id, r.id));
  }
  return old.length;
}
