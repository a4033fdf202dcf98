import "server-only";
import { and, desc, eq, inArray, isNull, ne, not, or, sql, type SQL } from "drizzle-orm";
import type { RowOperation } from "../batch/types";
import { db, tables } from "../db";
import { describe, IMPLICIT_UNIQUE_KEYS, parseStoredRef, resourceTitle } from "../resources/registry";
import type { ResourceRef } from "../resources/ref";
import type { RowResolution } from "../db/values";
import { storedOperation } from "../submissions/store";
import { knownPropertyLabel } from "../hubspot/resources";
import { describeKind, type ErrorKind } from "./kinds";
import type { FailedGroupKey, FailedItemRef } from "./schemas";

export type { FailedGroupKey } from "./schemas";

const { submissions, submissionRows, uploads } = tables;

const message = sql<string>`coalesce(${submissionRows.error}->>'message', '')`;
/** The row's kind of error, as kinds.ts's `kindKey` builds it: category|code|property. */
const kind = sql<string>`coalesce(${submissionRows.error}->>'category', 'UNKNOWN') || '|' || coalesce(${submissionRows.error}->>'code', '') || '|' || coalesce(${submissionRows.error}->>'property', '')`;
/** Code constants (registry.ts), checked as property names, so they can be SQL literals. */
const literal = (v: string) => {
  if (!/^[a-z0-9_:-]+$/i.test(v)) throw new Error(`not a plain name: ${v}`);
  return sql.raw(`'${v}'`);
};
const implicitKeys = Object.entries(IMPLICIT_UNIQUE_KEYS).map(
  ([resource, key]) => sql`when ${submissions.resource} = ${literal(resource)} then ${literal(key)}`,
);
/** A create's unique property (the ref's uniqueProperty; a campaign's name), as the adapters' createKey uses it. */
const keyProperty = sql`coalesce(${submissions.resourceRef}->>'uniqueProperty', case ${sql.join(implicitKeys, sql` `)} end)`;

/**
 * A failed row stops being an item once a later submission of the same portal and resource saved
 * its record (fixed in the grid, retried, or edited again). A failed create has no record id: it is
 * resolved by a later success of the same grid row (its `new-…` key, or the key "Fix in the grid" gives
 * it: grid-take-back.ts; renamed and saved), or by a
 * saved record holding its unique value (name, email), since retrying it would create a duplicate.
 */
const laterSaved = sql`exists (
  select 1 from submission_rows r2 join submissions s2 on s2.id = r2.submission_id
  where s2.portal_id = ${submissions.portalId} and s2.resource = ${submissions.resource}
    and r2.status = 'saved' and r2.updated_at > ${submissionRows.updatedAt}
    and ((${submissionRows.recordId} is not null and r2.record_id = ${submissionRows.recordId})
      or (${submissionRows.kind} = 'create' and ${submissionRows.rowKey} like 'new-%' and r2.row_key = ${submissionRows.rowKey})
      or (${submissionRows.kind} = 'create' and r2.row_key = 'new-' || ${submissionRows.submissionId}::text || '-' || ${submissionRows.rowKey})
      or (${submissionRows.kind} = 'create' and ${keyProperty} is not null and nullif(trim(${submissionRows.sent}->>${keyProperty}), '') is not null
        and lower(trim(r2.after->'properties'->>${keyProperty})) = lower(trim(${submissionRows.sent}->>${keyProperty})))))`;

function openItems(portalId: number, group?: FailedGroupKey, selected?: readonly FailedItemRef[]): SQL {
  return and(
    eq(submissions.portalId, portalId),
    ne(submissions.state, "draft"),
    eq(submissionRows.status, "failed"),
    isNull(submissionRows.resolution),
    not(laterSaved),
    group ? and(eq(submissions.resource, group.resource), sql`${kind} = ${group.kind}`) : undefined,
    // A selection narrows the group, never widens it: the other conditions still hold for every item.
    selected
      ? (or(
          ...selected.map((i) =>
            and(eq(submissionRows.submissionId, i.submissionId), eq(submissionRows.rowKey, i.rowKey)),
          ),
        ) ?? sql`false`)
      : undefined,
  )!;
}

/** A kind of error worded for its resource: its name property, its properties' labels. */
export const describeKindOf = (kind: string, ref: ResourceRef | undefined): ErrorKind =>
  describeKind(kind, ref && { nameKey: describe(ref).nameKey, label: knownPropertyLabel(ref) });

/** The portal's failed items grouped by resource and kind of error (kinds.ts), biggest groups first, with one of their messages. */
export async function failedGroups(portalId: number) {
  const rows = await (
    await db()
  )
    .select({
      resource: submissions.resource,
      ref: sql<unknown>`min(${submissions.resourceRef}::text)`,
      kind,
      sample: sql<string>`min(${message})`,
      count: sql<number>`count(*)::int`,
      last: sql<string>`max(${submissionRows.updatedAt})`,
    })
    .from(submissionRows)
    .innerJoin(submissions, eq(submissions.id, submissionRows.submissionId))
    .where(openItems(portalId))
    .groupBy(submissions.resource, kind)
    .orderBy(desc(sql`count(*)`), kind);
  return rows.map((r) => {
    const ref = parseStoredRef(r.resource, typeof r.ref === "string" ? JSON.parse(r.ref) : r.ref);
    return {
      resource: r.resource,
      kind: r.kind,
      sample: r.sample,
      count: Number(r.count),
      last: new Date(r.last).toISOString(),
      title: resourceTitle(ref),
      ...describeKindOf(r.kind, ref),
    };
  });
}

/** How many failed items the portal has (the navigation's count). */
export async function failedItemCount(portalId: number): Promise<number> {
  const [r] = await (
    await db()
  )
    .select({ n: sql<number>`count(*)::int` })
    .from(submissionRows)
    .innerJoin(submissions, eq(submissions.id, submissionRows.submissionId))
    .where(openItems(portalId));
  return Number(r?.n ?? 0);
}

/**
 * The items of one group, oldest first, with their submission; with `selected`, only those of the
 * selected items that are still open items of this group of this portal (the client is not trusted).
 */
export async function groupItems(
  portalId: number,
  group: FailedGroupKey,
  opts: { selected?: readonly FailedItemRef[]; limit?: number } = {},
) {
  return (await db())
    .select({
      row: submissionRows,
      submission: {
        id: submissions.id,
        createdAt: submissions.createdAt,
        source: submissions.source,
        resource: submissions.resource,
        resourceRef: submissions.resourceRef,
      },
    })
    .from(submissionRows)
    .innerJoin(submissions, eq(submissions.id, submissionRows.submissionId))
    .where(openItems(portalId, group, opts.selected))
    .orderBy(submissionRows.updatedAt, submissionRows.rowKey)
    .limit(opts.limit ?? 20_000);
}

/** The file each upload submission came from, by submission id (for "from which import"). */
export async function uploadFileNames(submissionIds: readonly string[]): Promise<Map<string, string>> {
  if (!submissionIds.length) return new Map();
  const rows = await (
    await db()
  )
    .select({ submissionId: uploads.submissionId, fileName: uploads.fileName })
    .from(uploads)
    .where(inArray(uploads.submissionId, [...new Set(submissionIds)]));
  return new Map(rows.map((r) => [r.submissionId!, r.fileName]));
}

/** Marks items resolved (dismissed with a reason, retried, or found already in HubSpot); they keep their history. */
export async function resolveItems(
  items: { submissionId: string; rowKey: string }[],
  resolution: RowResolution,
  reason: string | null,
) {
  const database = await db();
  const bySubmission = new Map<string, string[]>();
  for (const i of items) bySubmission.set(i.submissionId, [...(bySubmission.get(i.submissionId) ?? []), i.rowKey]);
  for (const [submissionId, keys] of bySubmission) {
    for (let i = 0; i < keys.length; i += 1000) {
      await database
        .update(submissionRows)
        .set({ resolution, resolutionReason: reason, resolvedAt: new Date() })
        .where(
          and(eq(submissionRows.submissionId, submissionId), inArray(submissionRows.rowKey, keys.slice(i, i + 1000))),
        );
    }
  }
}

/** The items as operations to send again, as they were sent (new row keys: rows of several submissions may share one). */
export function itemsAsOperations(items: Awaited<ReturnType<typeof groupItems>>): RowOperation[] {
  return items.map(({ row }, i) => storedOperation(row, `item-${i}`));
}
