import "server-only";
import { and, desc, eq, gt, inArray, ne, sql } from "drizzle-orm";
import type { RowError, RowOperation, RowOutcome, SavedRecord } from "../batch/types";
import { db, tables } from "../db";
import { type ResourceRef } from "../resources/ref";
import { describe, parseStoredRef, resourceName, resourceTitle } from "../resources/registry";
import type { RevertPlanState } from "../reverts/types";
import { isStalled } from "./lease";
import type { StoredRowStatus, SubmissionSource, SubmissionView } from "./types";

const INSERT_CHUNK = 500;
const { submissions, submissionRows } = tables;

/** A row's fate decided before anything is sent (a revert's conflicts and skipped rows). */
export type RowFate =
  { status: "conflict"; current: SavedRecord; error?: RowError } | { status: "skipped"; error: RowError };

export interface NewRows {
  operations: RowOperation[];
  /** Uploads: per operation (same order), the row's number in the file and its cells. */
  sources?: { row: number; cells: string[] }[];
  /** Per operation (same order): a fate already decided; undefined rows are pending. */
  fates?: (RowFate | undefined)[];
}

export interface NewSubmission extends NewRows {
  userId: string;
  connectionId: string;
  portalId: number;
  resource: ResourceRef;
  source?: SubmissionSource;
  /** "draft": recorded but not started (an upload's dry run, a revert's preview); default running. */
  state?: "draft" | "running";
  /** A revert: the submission it undoes. */
  revertOf?: string;
  plan?: RevertPlanState;
}

type Tx = Parameters<Parameters<Awaited<ReturnType<typeof db>>["transaction"]>[0]>[0];

/**
 * Adds rows to a submission, in chunks; pending unless a fate is given. A row without a label is
 * named by the resource's name property (`nameKey`: a campaign's hs_name), as sent or as it was.
 *
 * Each chunk goes as ONE JSON parameter that PostgreSQL expands into rows (jsonb_populate_recordset),
 * not as 13 bound parameters per row: binding 20,000 rows' parameters through the driver took 2.1 s
 * on the embedded database, the same rows as JSON 0.5 s (bench/bulk-edit-throughput.ts). The keys
 * are the table's column names; a JSON null is an SQL NULL.
 */
export async function insertRows(tx: Tx, submissionId: string, s: NewRows, nameKey: string | undefined) {
  for (let i = 0; i < s.operations.length; i += INSERT_CHUNK) {
    const rows = s.operations.slice(i, i + INSERT_CHUNK).map((op, j) => {
      const fate = s.fates?.[i + j];
      return {
        submission_id: submissionId,
        row_key: op.rowKey,
        kind: op.kind,
        record_id: op.kind === "create" ? null : op.id,
        label:
          op.label ??
          (nameKey === undefined
            ? null
            : (op.properties[nameKey] ?? (op.kind === "create" ? null : (op.baseline?.values[nameKey] ?? null)))),
        sent: op.properties,
        baseline: op.kind === "create" ? null : (op.baseline ?? null),
        force: op.kind === "create" ? false : !!op.force,
        source_row: s.sources?.[i + j]?.row ?? null,
        source: s.sources?.[i + j]?.cells ?? null,
        status: fate?.status ?? "pending",
        error: fate?.error ?? null,
        conflict_current: fate?.status === "conflict" ? fate.current : null,
      } satisfies Record<(typeof INSERTED_COLUMNS)[number], unknown>;
    });
    await tx.execute(sql`
      INSERT INTO ${submissionRows} (${sql.raw(INSERTED_COLUMNS.join(", "))})
      SELECT ${sql.raw(INSERTED_COLUMNS.join(", "))}
        FROM jsonb_populate_recordset(NULL::${submissionRows}, ${JSON.stringify(rows)}::jsonb)`);
  }
}

/** The columns `insertRows` sets (the others keep their defaults). */
const INSERTED_COLUMNS = [
  "submission_id",
  "row_key",
  "kind",
  "record_id",
  "label",
  "sent",
  "baseline",
  "force",
  "source_row",
  "source",
  "status",
  "error",
  "conflict_current",
] as const;

/** Records a submission and its rows (pending unless a fate is given) before anything is sent. */
export async function insertSubmission(s: NewSubmission): Promise<string> {
  const database = await db();
  return database.transaction(async (tx) => {
    const [row] = await tx
      .insert(submissions)
      .values({
        userId: s.userId,
        connectionId: s.connectionId,
        portalId: s.portalId,
        resource: resourceName(s.resource),
        resourceRef: s.resource,
        source: s.source ?? "grid",
        state: s.state ?? "running",
        totalRows: s.operations.length,
        revertOf: s.revertOf ?? null,
        plan: s.plan ?? null,
      })
      .returning({ id: submissions.id });
    await insertRows(tx, row!.id, s, describe(s.resource).nameKey);
    return row!.id;
  });
}

export async function markSaving(submissionId: string, rowKeys: string[]) {
  if (!rowKeys.length) return;
  await (
    await db()
  )
    .update(submissionRows)
    .set({ status: "saving", updatedAt: new Date() })
    .where(
      and(
        eq(submissionRows.submissionId, submissionId),
        inArray(submissionRows.rowKey, rowKeys),
        eq(submissionRows.status, "pending"),
      ),
    );
}

/**
 * Stores the fate of finished rows (one batch's answer) in ONE statement, so recording keeps up with
 * HubSpot; each row gets the next finish sequence number for incremental polling.
 */
export async function recordOutcomes(submissionId: string, outcomes: RowOutcome[]) {
  if (!outcomes.length) return;
  const values = outcomes.map((o) => ({
    row_key: o.rowKey,
    status: o.status,
    record_id: o.status === "saved" ? o.record.id : o.status === "conflict" ? o.current.id : null,
    after: o.status === "saved" ? o.record : null,
    error: o.status === "failed" ? o.error : null,
    conflict_current: o.status === "conflict" ? o.current : null,
  }));
  await (
    await db()
  ).execute(sql`
    update submission_rows as r set status = v.status, record_id = coalesce(v.record_id, r.record_id), after = v.after, error = v.error,
      conflict_current = v.conflict_current, finish_seq = nextval('submission_row_finish_seq'), updated_at = ${new Date().toISOString()}::timestamptz
    from jsonb_to_recordset(${JSON.stringify(values)}::jsonb)
      as v(row_key text, status text, record_id text, after jsonb, error jsonb, conflict_current jsonb)
    where r.submission_id = ${submissionId} and r.row_key = v.row_key`);
}

export async function finishSubmission(submissionId: string, state: "done" | "cancelled" = "done") {
  await (
    await db()
  )
    .update(submissions)
    .set({ state, finishedAt: new Date(), pausedReason: null })
    .where(eq(submissions.id, submissionId));
}

/**
 * A stored row as the operation to send (again): as it was sent, with its baseline, so history and
 * revert still know the values before. `rowKey` defaults to the row's own.
 */
export function storedOperation(r: StoredOperationRow, rowKey = r.rowKey): RowOperation {
  const label = r.label ?? undefined;
  if (r.kind === "create") return { rowKey, kind: "create", properties: r.sent, label };
  return {
    rowKey,
    kind: r.kind,
    id: r.recordId!,
    properties: r.sent,
    baseline: r.baseline ?? undefined,
    force: r.force,
    label,
  };
}

type StoredOperationRow = Pick<
  typeof submissionRows.$inferSelect,
  "rowKey" | "kind" | "recordId" | "label" | "sent" | "baseline" | "force"
>;

/**
 * The fields of a row that its operation needs (and its status), as ONE json text per row: the
 * driver decodes each column of each row on its own, which took 0.46 s for the 20,000 rows of a run
 * about to start on the embedded database, against 0.19 s this way (bench/read-rows.ts). Still a
 * row at a time, so no single string grows with the submission.
 */
const unfinishedRow = sql<string>`json_build_array(${submissionRows.rowKey}, ${submissionRows.kind},
  ${submissionRows.recordId}, ${submissionRows.label}, ${submissionRows.sent}, ${submissionRows.baseline},
  ${submissionRows.force}, ${submissionRows.status})::text`;
/** `unfinishedRow`'s fields in their order (an array parses faster than an object with keys). */
type UnfinishedRow = [
  rowKey: StoredOperationRow["rowKey"],
  kind: StoredOperationRow["kind"],
  recordId: StoredOperationRow["recordId"],
  label: StoredOperationRow["label"],
  sent: StoredOperationRow["sent"],
  baseline: StoredOperationRow["baseline"],
  force: StoredOperationRow["force"],
  status: StoredRowStatus,
];

/**
 * Rows not finished yet, as operations, to run or resume a submission; `maybeSent` are the rows
 * that were already "saving" (a write may have reached HubSpot before a restart).
 */
export async function unfinishedOperations(
  submissionId: string,
): Promise<{ ops: RowOperation[]; maybeSent: Set<string> }> {
  const rows = await (
    await db()
  )
    .select({ row: unfinishedRow })
    .from(submissionRows)
    .where(and(eq(submissionRows.submissionId, submissionId), inArray(submissionRows.status, ["pending", "saving"])));
  const ops: RowOperation[] = [];
  const maybeSent = new Set<string>();
  for (const { row } of rows) {
    const [rowKey, kind, recordId, label, sent, baseline, force, status] = JSON.parse(row) as UnfinishedRow;
    ops.push(storedOperation({ rowKey, kind, recordId, label, sent, baseline, force }));
    if (status === "saving") maybeSent.add(rowKey);
  }
  return { ops, maybeSent };
}

export async function findSubmission(id: string, portalId: number) {
  const [s] = await (
    await db()
  )
    .select()
    .from(submissions)
    .where(and(eq(submissions.id, id), eq(submissions.portalId, portalId)));
  return s;
}

/** The resource a stored submission writes to (campaigns for rows stored before refs existed). */
export const refOf = (s: Pick<typeof submissions.$inferSelect, "resource" | "resourceRef">): ResourceRef =>
  parseStoredRef(s.resource, s.resourceRef);

export function toOutcome(r: typeof submissionRows.$inferSelect): RowOutcome | null {
  if (r.status === "saved" && r.after) return { rowKey: r.rowKey, status: "saved", record: r.after };
  if (r.status === "failed" && r.error) return { rowKey: r.rowKey, status: "failed", error: r.error };
  if (r.status === "conflict" && r.conflictCurrent)
    return { rowKey: r.rowKey, status: "conflict", current: r.conflictCurrent };
  return null;
}

/** The submission with its counts and the outcomes finished after `afterSeq` (0: all). */
export async function submissionView(id: string, portalId: number, afterSeq = 0): Promise<SubmissionView | null> {
  const s = await findSubmission(id, portalId);
  return s ? submissionViewOf(s, afterSeq) : null;
}

/** submissionView of a submission already read. */
export async function submissionViewOf(s: typeof submissions.$inferSelect, afterSeq = 0): Promise<SubmissionView> {
  const id = s.id;
  const database = await db();
  const countRows = await database
    .select({ status: submissionRows.status, n: sql<number>`count(*)::int` })
    .from(submissionRows)
    .where(eq(submissionRows.submissionId, id))
    .groupBy(submissionRows.status);
  const counts: Record<StoredRowStatus, number> = {
    pending: 0,
    saving: 0,
    saved: 0,
    failed: 0,
    conflict: 0,
    skipped: 0,
  };
  for (const c of countRows) counts[c.status] = Number(c.n);
  const finished = await database
    .select()
    .from(submissionRows)
    .where(and(eq(submissionRows.submissionId, id), gt(submissionRows.finishSeq, afterSeq)))
    .orderBy(submissionRows.finishSeq);
  const outcomes = finished.map(toOutcome).filter((o): o is RowOutcome => o !== null);
  return {
    id: s.id,
    resource: s.resource,
    resourceTitle: resourceTitle(refOf(s)),
    state: s.state,
    pausedReason: s.pausedReason,
    stalled: isStalled(s),
    source: s.source,
    createdAt: s.createdAt.toISOString(),
    finishedAt: s.finishedAt?.toISOString() ?? null,
    counts,
    outcomes,
    cursor: finished.at(-1)?.finishSeq ?? afterSeq,
  };
}

/** The portal's submissions, newest first; an upload's dry run that was never started is not one yet. */
export async function listSubmissions(portalId: number, limit = 50) {
  return (await db())
    .select()
    .from(submissions)
    .where(and(eq(submissions.portalId, portalId), ne(submissions.state, "draft")))
    .orderBy(desc(submissions.createdAt))
    .limit(limit);
}

export async function countsBySubmission(ids: string[]) {
  if (!ids.length) return new Map<string, Record<string, number>>();
  const rows = await (
    await db()
  )
    .select({ id: submissionRows.submissionId, status: submissionRows.status, n: sql<number>`count(*)::int` })
    .from(submissionRows)
    .where(inArray(submissionRows.submissionId, ids))
    .groupBy(submissionRows.submissionId, submissionRows.status);
  const map = new Map<string, Record<string, number>>();
  for (const r of rows) map.set(r.id, { ...(map.get(r.id) ?? {}), [r.status]: Number(r.n) });
  return map;
}

export async function submissionRowsPage(
  id: string,
  opts: { status?: StoredRowStatus; category?: string; offset: number; limit: number },
) {
  const where = and(
    eq(submissionRows.submissionId, id),
    opts.status ? eq(submissionRows.status, opts.status) : undefined,
    opts.category ? sql`${submissionRows.error}->>'category' = ${opts.category}` : undefined,
  );
  return (await db())
    .select()
    .from(submissionRows)
    .where(where)
    .orderBy(submissionRows.sourceRow, submissionRows.rowKey)
    .offset(opts.offset)
    .limit(opts.limit);
}

/** Failed rows per error category (VALIDATION_ERROR: 40, …), for the filter of a submission's rows. */
export async function failureCategories(id: string) {
  const rows = await (
    await db()
  )
    .select({ category: sql<string>`${submissionRows.error}->>'category'`, n: sql<number>`count(*)::int` })
    .from(submissionRows)
    .where(and(eq(submissionRows.submissionId, id), eq(submissionRows.status, "failed")))
    .groupBy(sql`${submissionRows.error}->>'category'`);
  return rows.map((r) => ({ category: r.category ?? "UNKNOWN", count: Number(r.n) })).sort((a, b) => b.count - a.count);
}

/** Every row of a submission (optionally one outcome), in file order for uploads, for the results file. */
export async function submissionResultRows(id: string, status?: StoredRowStatus) {
  const where = status
    ? and(eq(submissionRows.submissionId, id), eq(submissionRows.status, status))
    : eq(submissionRows.submissionId, id);
  return (await db())
    .select()
    .from(submissionRows)
    .where(where)
    .orderBy(submissionRows.sourceRow, submissionRows.rowKey);
}

/** The file's headers when the submission came from an upload, else null. */
export async function uploadHeadersFor(submissionId: string): Promise<string[] | null> {
  return (await uploadFileFor(submissionId))?.headers ?? null;
}

/** The upload a submission came from, as its results file needs it: headers and options (the delimiter). */
export async function uploadFileFor(
  submissionId: string,
): Promise<{ headers: string[]; options: unknown } | undefined> {
  const [u] = await (
    await db()
  )
    .select({ headers: tables.uploads.headers, options: tables.uploads.options })
    .from(tables.uploads)
    .where(eq(tables.uploads.submissionId, submissionId));
  return u;
}

/** Moves a submission between states (draft → running, running ⇄ paused, → cancelled), with the reason for a pause. */
export async function setSubmissionState(
  id: string,
  state: "running" | "paused" | "cancelled",
  pausedReason: string | null = null,
) {
  await (await db()).update(submissions).set({ state, pausedReason }).where(eq(submissions.id, id));
}

/**
 * A new submission ("retry") of the failed rows of another, as they were sent: same resource,
 * same properties, with the original rows' baselines kept so history and revert still know the
 * values before. Answers its id, or null when nothing failed.
 */
export async function insertRetryOfFailed(
  submissionId: string,
  as: { userId: string; connection: { id: string; portalId: number } },
): Promise<string | null> {
  const portalId = as.connection.portalId;
  const s = await findSubmission(submissionId, portalId);
  if (!s) return null;
  const failed = await (
    await db()
  )
    .select()
    .from(submissionRows)
    .where(and(eq(submissionRows.submissionId, submissionId), eq(submissionRows.status, "failed")));
  if (!failed.length) return null;
  const operations = failed.map((r) => storedOperation(r));
  return insertSubmission({
    // The retrying user's grant, not the original's: every write is the starter's own.
    userId: as.userId,
    connectionId: as.connection.id,
    portalId,
    resource: refOf(s),
    source: "retry",
    operations,
    sources: failed.some((r) => r.source)
      ? failed.map((r) => ({ row: r.sourceRow ?? 0, cells: r.source ?? [] }))
      : undefined,
  });
}

/** Deletes a submission that never started (an upload's earlier dry run); started ones are history and stay. */
export async function deleteDraft(id: string) {
  await (await db()).delete(submissions).where(and(eq(submissions.id, id), eq(submissions.state, "draft")));
}
