import "server-only";
import { and, desc, eq } from "drizzle-orm";
import type { Actor } from "../auth/actor";
import { db, tables } from "../db";
import type { UploadKind } from "../db/values";
import type { CsvDelimiter } from "./parse/csv";

const { uploads } = tables;
export type UploadRow = typeof uploads.$inferSelect;

export interface NewUpload {
  fileName: string;
  kind: UploadKind;
  sizeBytes: number;
  storedPath: string;
  sheets: string[];
  sheet: string | null;
  headers: string[];
  rowCount: number;
  /** CSV: the delimiter found, so the results file is written with it (Excel in a ";" locale). */
  delimiter?: CsvDelimiter;
}

export async function insertUpload(actor: Actor, { delimiter, ...u }: NewUpload): Promise<string> {
  const [row] = await (
    await db()
  )
    .insert(uploads)
    .values({
      ...u,
      options: delimiter ? { delimiter } : null,
      userId: actor.userId,
      connectionId: actor.connection.id,
      portalId: actor.connection.portalId,
    })
    .returning({ id: uploads.id });
  return row!.id;
}

/**
 * The delimiter of an uploaded CSV, kept in its options JSON beside the conversion options (which
 * a check replaces, keeping it: see checkUpload). Undefined for XLSX and older uploads.
 */
export function uploadDelimiter(options: unknown): CsvDelimiter | undefined {
  const d = (options as { delimiter?: unknown } | null)?.delimiter;
  return d === "," || d === ";" || d === "\t" ? d : undefined;
}

/** An upload of this portal, or undefined (another portal's id reads as missing). */
export async function findUpload(id: string, portalId: number): Promise<UploadRow | undefined> {
  const [row] = await (
    await db()
  )
    .select()
    .from(uploads)
    .where(and(eq(uploads.id, id), eq(uploads.portalId, portalId)));
  return row;
}

export async function updateUpload(
  id: string,
  patch: Partial<Omit<UploadRow, "id" | "userId" | "connectionId" | "portalId" | "createdAt">>,
) {
  await (
    await db()
  )
    .update(uploads)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(uploads.id, id));
}

export async function listUploads(portalId: number, limit = 50) {
  return (await db())
    .select()
    .from(uploads)
    .where(eq(uploads.portalId, portalId))
    .orderBy(desc(uploads.createdAt))
    .limit(limit);
}
