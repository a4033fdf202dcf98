import "server-only";
import { and, eq, like } from "drizzle-orm";
import { tables } from "../db";
import { resumePaused } from "./resume-paused";
import { REVOKED_PREFIX } from "./runner";

/** Submissions of a connection that were paused by a revoked grant. */
export async function resumeAfterReconnect(connectionId: string) {
  const { submissions } = tables;
  const resumed = await resumePaused(
    and(eq(submissions.connectionId, connectionId), like(submissions.pausedReason, `${REVOKED_PREFIX}%`)),
  );
  return resumed.length;
}
