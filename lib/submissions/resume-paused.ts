import "server-only";
import { and, eq, type SQL } from "drizzle-orm";
import { db, tables } from "../db";
import { startSubmission } from "./start";

/**
 * Paused submissions that match `which`: running again, and queued. One conditional UPDATE, so a
 * submission resumed by hand (or by another process) meanwhile is not started twice.
 */
export async function resumePaused(which: SQL | undefined): Promise<string[]> {
  const { submissions } = tables;
  const resumed = await (
    await db()
  )
    .update(submissions)
    .set({ state: "running", pausedReason: null })
    .where(and(eq(submissions.state, "paused"), which))
    .returning({ id: submissions.id });
  for (const s of resumed) await startSubmission(s.id);
  return resumed.map((s) => s.id);
}
