import "server-only";
import { and, asc, eq, gt } from "drizzle-orm";
import { db, tables } from "../db";
import type { PlannedChange } from "./types";

const { bulkEdits, bulkEditChanges } = tables;
export type BulkEditRow = typeof bulkEdits.$inferSelect;

export async function findBulkEdit(id: string, portalId: number): Promise<BulkEditRow | undefined> {
  const [row] = await (
    await db()
  )
    .select()
    .from(bulkEdits)
    .where(and(eq(bulkEdits.id, id), eq(bulkEdits.portalId, portalId)));
  return row;
}

/** Any portal's: for jobs, which act on what the database says. */
export async function findBulkEditById(id: string): Promise<BulkEditRow | undefined> {
  const [row] = await (await db()).select().from(bulkEdits).where(eq(bulkEdits.id, id));
  return row;
}

export async function updateBulkEdit(id: string, patch: Partial<typeof bulkEdits.$inferInsert>) {
  await (await db()).update(bulkEdits).set(patch).where(eq(bulkEdits.id, id));
}

export async function insertChunk(bulkEditId: string, seq: number, changes: PlannedChange[]) {
  await (await db()).insert(bulkEditChanges).values({ bulkEditId, seq, changes });
}

type Tx = Parameters<Parameters<Awaited<ReturnType<typeof db>>["transaction"]>[0]>[0];

/** The fixed set, chunk by chunk, in the order it was read (record id); `tx` to read inside a transaction. */
export async function* changeChunks(bulkEditId: string, tx?: Tx): AsyncGenerator<PlannedChange[]> {
  let seq = -1;
  for (;;) {
    const [chunk] = await (tx ?? (await db()))
      .select()
      .from(bulkEditChanges)
      .where(and(eq(bulkEditChanges.bulkEditId, bulkEditId), gt(bulkEditChanges.seq, seq)))
      .orderBy(asc(bulkEditChanges.seq))
      .limit(1);
    if (!chunk) return;
    seq = chunk.seq;
    yield chunk.changes;
  }
}
