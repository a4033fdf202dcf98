import "server-only";
import { and, eq } from "drizzle-orm";
import { toActionError } from "../actions/errors";
import type { Actor } from "../auth/actor";
import { db, tables } from "../db";
import type { Job } from "../queue/queue";
import type { z } from "zod";
import { DryRunJob } from "./dry-run-contract";
import { dryRunUpload } from "./service";
import { updateUpload } from "./upload-store";

/**
 * The dry run as a job: reading 20,000 records at the portal's rate limit takes half a minute, longer
 * than a request should live (and than the user may keep the tab open). Its state is stored on the
 * upload ({ state: "running", read, total } → the summary with state "done", or "failed" with the
 * message), which the page polls.
 */
type DryRunJobData = z.output<typeof DryRunJob.payload>;

/**
 * The user who started the dry run and their connection (jobs queued before `connectionId` existed:
 * the upload's own). Never the uploader's grant for someone else.
 */
async function actorFor(uploadId: string, connectionId?: string) {
  const database = await db();
  const [row] = await database
    .select({ upload: tables.uploads, connection: tables.connections })
    .from(tables.uploads)
    .innerJoin(
      tables.connections,
      and(
        eq(tables.connections.id, connectionId ?? tables.uploads.connectionId),
        eq(tables.connections.portalId, tables.uploads.portalId),
      ),
    )
    .where(eq(tables.uploads.id, uploadId));
  if (!row) return undefined;
  const actor: Actor = { userId: row.connection.userId, connection: row.connection };
  return { upload: row.upload, actor };
}

/** The dry run's handler; its payload was checked against `DryRunJob` (dry-run-contract.ts) before. */
export async function dryRunJob(job: Job<DryRunJobData>) {
  const found = await actorFor(job.data.uploadId, job.data.connectionId);
  if (!found) return { skipped: true };
  let last = 0;
  try {
    await dryRunUpload(found.actor, found.upload, job.data.settings, (read, total) => {
      // A progress write per second at most: the page shows "read 4,200 of 20,000".
      if (Date.now() - last < 1_000) return;
      last = Date.now();
      void updateUpload(job.data.uploadId, { dryRun: { state: "running", read, total } }).catch(() => {});
    });
  } catch (err) {
    const e = toActionError(err);
    await updateUpload(job.data.uploadId, { dryRun: { state: "failed", code: e.code, message: e.message } });
  }
  return { done: true };
}
