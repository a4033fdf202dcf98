import "server-only";
import { and, desc, eq } from "drizzle-orm";
import type { Session } from "../auth/session";
import { db, tables } from "../db";

const { uploads } = tables;
export type UploadRow = typeof uploads.$inferSelect;

export interface NewUpload {
  fileName: string;
  kind: string;
  sizeBytes: number;
  storedPath: string;
  sheets: string[];
  sheet: string | null;
  headers: string[];
  rowCount: number;
}

export async function insertUpload(session: Session, u: NewUpload): Promise<string> {
  const [row] = await (await db()).insert(uploads).values({
    ...u, userId: session.user.id, connectionId: session.connection.id, portalId: session.connection.portalId,
  }).returning({ id: uploads.id });
  return row!.id;
}

/** An upload of this portal, or undefined (another portal's id reads as missing). */
export async function findUpload(id: string, portalId: number): Promise<UploadRow | undefined> {
  const [row] = await (await db()).select().from(uploads).where(and(eq(uploads.id, id), eq(uploads.portalId, portalId)));
  return row;
}

export async function updateUpload(id: string, patch: Partial<Omit<UploadRow, "id" | "userId" | "connectionId" | "portalId" | "createdAt">>) {
  await (await db()).update(uploads).set({ ...patch, updatedAt: new Date() }).where(eq(uploads.id, id));
}

export async function listUploads(portalId: number, limit = 50) {
  return (await db()).select().from(uploads).where(eq(uploads.portalId, portalId)).orderBy(desc(uploads.createdAt)).limit(limit);
}
