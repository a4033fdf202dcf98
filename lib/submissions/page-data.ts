import "server-only";
import type { Session } from "../auth/session";
import { actorOf } from "../auth/actor";
import { isOneOf, ROW_STATUSES } from "../db/values";
import { adapterFor } from "../hubspot/adapter-for";
import { resourceTitle } from "../resources/registry";
import { planStateOf, revertsOf } from "../reverts/service";
import { isOwner, ownerEmail } from "./control";
import { resourceWording } from "./labels";
import { isStalled } from "./lease";
import {
  countsBySubmission,
  failureCategories,
  findSubmission,
  listSubmissions,
  refOf,
  submissionRowsPage,
  submissionViewOf,
} from "./store";

export const ROWS_PAGE_SIZE = 200;

/** The history page: the portal's submissions, newest first, with their outcome counts. */
export async function submissionHistoryData(session: Session) {
  const subs = await listSubmissions(session.connection.portalId);
  const counts = await countsBySubmission(subs.map((s) => s.id));
  return subs.map((s) => ({
    id: s.id,
    createdAt: s.createdAt,
    resourceTitle: resourceTitle(refOf(s)),
    source: s.source,
    totalRows: s.totalRows,
    counts: counts.get(s.id) ?? {},
    state: isStalled(s) ? ("stalled" as const) : s.state,
  }));
}

export interface SubmissionPageQuery {
  status?: string;
  category?: string;
  page?: string;
}

/**
 * One submission's page: its progress and counts, the revert it undoes or the reverts that undid
 * it, a revert preview while it is a draft, and one page of its rows (filtered by outcome and error
 * category from the URL). Null when this portal has no such submission.
 */
export async function submissionPageData(session: Session, id: string, query: SubmissionPageQuery) {
  const portalId = session.connection.portalId;
  if (!/^[0-9a-f-]{36}$/.test(id)) return null;
  const submission = await findSubmission(id, portalId);
  if (!submission) return null;
  // Every count, no outcomes: the live view asks for those itself.
  const view = await submissionViewOf(submission, Number.MAX_SAFE_INTEGER);
  const { status, category } = query;
  const pageNo = Math.max(0, Number(query.page ?? 0) || 0);
  const ref = refOf(submission);
  const finished = view.state === "done" || view.state === "cancelled";
  // An unknown ?status= matches no row, as it always did.
  const rows =
    status !== undefined && !isOneOf(ROW_STATUSES, status)
      ? []
      : await submissionRowsPage(id, { status, category, offset: pageNo * ROWS_PAGE_SIZE, limit: ROWS_PAGE_SIZE + 1 });
  const preview = view.state === "draft" && view.source === "revert" ? planStateOf(submission.plan) : null;
  const live = !preview && view.state !== "done";
  return {
    id,
    view,
    status,
    category,
    pageNo,
    preview,
    live,
    original: submission.revertOf ? ((await findSubmission(submission.revertOf, portalId)) ?? null) : null,
    finished,
    reverts: finished ? await revertsOf(id) : [],
    wording: await resourceWording(ref, session),
    // Batchboard's limiter sends at most 100 requests per 10 s: the fastest this submission can go.
    ceilingPerSecond: adapterFor(ref).batchSize * 10,
    /** Someone else's submission: whose (they alone can pause, resume or cancel it). */
    owner: live && !isOwner(submission, actorOf(session)) ? await ownerEmail(submission) : undefined,
    rows: rows.slice(0, ROWS_PAGE_SIZE),
    hasNext: rows.length > ROWS_PAGE_SIZE,
    categories: view.counts.failed > 0 ? await failureCategories(id) : [],
    portalId,
    userId: session.user.id,
  };
}
