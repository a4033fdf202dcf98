import "server-only";
import { and, eq, like } from "drizzle-orm";
import { db, tables } from "../db";
import { REVOKED_PREFIX } from "./runner";
import { startSubmission } from "./start";

/** Submissions of a connection that were paused by a revoked grant: running again, and queued. */
export async function resumeAfterReconnect(connectionId: string) {
  const { submissions } = tables;
  const resumed = await (
    await db()
  )
    .update(submissions)
    .set({ state: "running", pausedReason: null })
    .where(
      and(
        eq(submissions.connectionId, connectionId),
        eq(submissions.state, "paused"),
        like(submissions.pausedReason, `${REVOKED_PREFIX}%`),
      ),
    )
    .returning({ id: submissions.id });
  for (const s of resumed) await startSubmission(s.id);
  return resumed.length;
}
