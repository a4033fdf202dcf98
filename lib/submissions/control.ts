import "server-only";
import { and, eq } from "drizzle-orm";
import { ExpectedActionError } from "../actions/result";
import type { Actor } from "../auth/actor";
import { db, tables } from "../db";
import { startSubmission } from "./start";
import { findSubmission, finishSubmission, setSubmissionState } from "./store";

/**
 * Who acts on a submission. History, rows and results are the portal's (a team tool); a running job
 * is its owner's: it writes with the owner's HubSpot grant, so only the owner pauses, resumes or
 * cancels it. A draft (an upload's dry run, a revert's preview) is started by whoever confirms it,
 * and from then on it is theirs: it runs on their grant and history names them.
 */
export type ControlAction = "pause" | "resume" | "cancel";
type Tx = Parameters<Parameters<Awaited<ReturnType<typeof db>>["transaction"]>[0]>[0];

export const isOwner = (s: { userId: string }, actor: Pick<Actor, "userId">) => s.userId === actor.userId;

/** Who started a submission, as others are told (its owner's email). */
export async function ownerEmail(s: { userId: string }): Promise<string> {
  const [u] = await (
    await db()
  )
    .select({ email: tables.users.email })
    .from(tables.users)
    .where(eq(tables.users.id, s.userId));
  return u?.email ?? "another user";
}

/**
 * Pause, resume or cancel. The running job notices a state change within a second and stops after
 * the batches in flight; resume queues it again and it picks up the rows not finished. Cancel keeps
 * what was saved; unsent rows show as "not sent".
 */
export async function controlAs(actor: Actor, id: string, action: ControlAction) {
  const s = await findSubmission(id, actor.connection.portalId);
  if (!s) throw new ExpectedActionError("not_found", "This submission does not exist in this portal.");
  if (!isOwner(s, actor))
    throw new ExpectedActionError(
      "forbidden",
      `Only ${await ownerEmail(s)}, who started this submission, can ${action} it.`,
    );
  const active = s.state === "running" || s.state === "paused";
  if (!active)
    throw new ExpectedActionError(
      "invalid_input",
      `This submission is ${s.state === "done" ? "finished" : s.state}; it cannot be ${action}d.`,
    );
  // Named, not "you": everyone in the portal reads the reason.
  if (action === "pause") await setSubmissionState(id, "paused", `Paused by ${await ownerEmail(actor)}.`);
  if (action === "cancel") {
    await setSubmissionState(id, "cancelled");
    // A paused submission has no job to notice: finish it here.
    if (s.state === "paused") await finishSubmission(id, "cancelled");
  }
  if (action === "resume") {
    await setSubmissionState(id, "running");
    await startSubmission(id);
  }
}

/**
 * Starts a draft of this portal as this actor: the draft becomes theirs (user and HubSpot
 * connection), whoever prepared it. Answers false when it was no longer a draft (started meanwhile).
 * `tx` lets a caller start it in the same transaction as its own changes to the draft's rows.
 */
export async function startDraftAs(actor: Actor, id: string, tx?: Tx) {
  const { submissions } = tables;
  const [started] = await (tx ?? (await db()))
    .update(submissions)
    // History lists a draft when it was run, not when it was prepared.
    .set({ state: "running", userId: actor.userId, connectionId: actor.connection.id, createdAt: new Date() })
    .where(
      and(eq(submissions.id, id), eq(submissions.portalId, actor.connection.portalId), eq(submissions.state, "draft")),
    )
    .returning({ id: submissions.id });
  return !!started;
}
