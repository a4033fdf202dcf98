import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import { ExpectedActionError } from "../actions/result";
import type { Actor } from "../auth/actor";
import { db, tables } from "../db";
import { ViewQuerySchema, EMPTY_VIEW_QUERY } from "../records/filters";
import {
  MAX_VIEWS_PER_RESOURCE,
  ViewColumnsSchema,
  type CreateViewInput,
  type SavedView,
  type UpdateViewInput,
} from "./schemas";

/**
 * Saved views, the portal's: every call is scoped to the actor's portal (its connection's), so a
 * view id of another portal is "not found" for reading, changing and deleting alike. Any user of
 * the portal may change or delete any of its views (they are shared, like history); the last write
 * wins, and `updatedBy` says whose it was.
 */
const { savedViews } = tables;
type Row = typeof savedViews.$inferSelect;

const NOT_FOUND = "This view no longer exists: someone may have deleted it.";

/** A stored row as the browser gets it; a query or columns an older version stored are read leniently. */
function toView(r: Row): SavedView {
  const query = ViewQuerySchema.safeParse(r.query);
  const columns = ViewColumnsSchema.safeParse(r.columns);
  return {
    id: r.id,
    resource: r.resource,
    name: r.name,
    query: query.success ? query.data : EMPTY_VIEW_QUERY,
    columns: columns.success ? columns.data : [],
    createdBy: r.createdBy,
    updatedBy: r.updatedBy,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

const inPortal = (actor: Actor, id: string) =>
  and(eq(savedViews.id, id), eq(savedViews.portalId, actor.connection.portalId));

const sameName = (portalId: number, resource: string, name: string) =>
  and(
    eq(savedViews.portalId, portalId),
    eq(savedViews.resource, resource),
    sql`lower(${savedViews.name}) = lower(${name})`,
  );

const taken = (name: string) =>
  new ExpectedActionError("invalid_input", `A view named “${name}” already exists for this grid.`);

type Tx = Parameters<Parameters<Awaited<ReturnType<typeof db>>["transaction"]>[0]>[0];

/**
 * One writer at a time per portal and grid, so the count and name checks hold when two users save at
 * once (the unique index on lower(name) stays the last word).
 */
const lockGrid = (tx: Tx, portalId: number, resource: string) =>
  tx.execute(
    sql`select pg_advisory_xact_lock(hashtext('batchboard.saved_views'), hashtext(${`${portalId}:${resource}`}))`,
  );

/** The portal's views of one grid, by name. */
export async function listViews(actor: Actor, resource: string): Promise<SavedView[]> {
  const rows = await (
    await db()
  )
    .select()
    .from(savedViews)
    .where(and(eq(savedViews.portalId, actor.connection.portalId), eq(savedViews.resource, resource)))
    .orderBy(asc(sql`lower(${savedViews.name})`))
    .limit(MAX_VIEWS_PER_RESOURCE);
  return rows.map(toView);
}

/** One view of the actor's portal; another portal's id is not found. */
export async function getView(actor: Actor, id: string): Promise<SavedView> {
  const [row] = await (await db()).select().from(savedViews).where(inPortal(actor, id));
  if (!row) throw new ExpectedActionError("not_found", NOT_FOUND);
  return toView(row);
}

export async function createView(actor: Actor, input: CreateViewInput): Promise<SavedView> {
  const portalId = actor.connection.portalId;
  return (await db()).transaction(async (tx) => {
    await lockGrid(tx, portalId, input.resource);
    const [{ n }] = (await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(savedViews)
      .where(and(eq(savedViews.portalId, portalId), eq(savedViews.resource, input.resource)))) as [{ n: number }];
    if (n >= MAX_VIEWS_PER_RESOURCE)
      throw new ExpectedActionError(
        "invalid_input",
        `This grid already has ${MAX_VIEWS_PER_RESOURCE} saved views, the most it can have: delete one first.`,
      );
    if (
      (
        await tx
          .select({ id: savedViews.id })
          .from(savedViews)
          .where(sameName(portalId, input.resource, input.name))
      ).length
    )
      throw taken(input.name);
    const [row] = await tx
      .insert(savedViews)
      .values({ portalId, ...input, createdBy: actor.userId, updatedBy: actor.userId })
      .returning();
    return toView(row!);
  });
}

/** Renames a view and/or saves a query and columns into it. */
export async function updateView(actor: Actor, { id, ...change }: UpdateViewInput): Promise<SavedView> {
  return (await db()).transaction(async (tx) => {
    const [current] = await tx.select().from(savedViews).where(inPortal(actor, id));
    if (!current) throw new ExpectedActionError("not_found", NOT_FOUND);
    await lockGrid(tx, current.portalId, current.resource);
    if (change.name !== undefined) {
      const clash = await tx
        .select({ id: savedViews.id })
        .from(savedViews)
        .where(sameName(current.portalId, current.resource, change.name));
      if (clash.some((c) => c.id !== id)) throw taken(change.name);
    }
    const [row] = await tx
      .update(savedViews)
      .set({ ...change, updatedBy: actor.userId, updatedAt: new Date() })
      .where(inPortal(actor, id))
      .returning();
    if (!row) throw new ExpectedActionError("not_found", NOT_FOUND);
    return toView(row);
  });
}

export async function deleteView(actor: Actor, id: string): Promise<void> {
  const gone = await (await db()).delete(savedViews).where(inPortal(actor, id)).returning({ id: savedViews.id });
  if (!gone.length) throw new ExpectedActionError("not_found", NOT_FOUND);
}
