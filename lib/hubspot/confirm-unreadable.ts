import "server-only";
import { z } from "zod";
import type { BatchCallResult, UpdateOp } from "../batch/adapter";
import type { SavedRecord } from "../batch/types";

/**
 * An update answer with result items we could not read (lenient.ts): their rows are neither saved
 * nor failed. Rather than resend them, read those records once: a record that holds every value
 * sent was saved (it reads "saved"); the others stay unaccounted and the engine resends them alone.
 */
export async function confirmUnreadable(
  ops: UpdateOp[],
  out: BatchCallResult,
  unreadable: number,
  read: (ids: string[]) => Promise<Map<string, SavedRecord>>,
  /** The key `read`'s map uses for a row (the record id, or a normalised unique value). */
  keyOf: (op: UpdateOp) => string = (op) => op.id,
): Promise<BatchCallResult> {
  const open = ops.filter((op) => !out.saved.has(op.rowKey) && !out.failed.has(op.rowKey));
  if (!unreadable || !open.length) return out;
  let current: Map<string, SavedRecord>;
  try {
    current = await read(open.map((op) => op.id));
  } catch {
    return out; // The check failed: the engine's own handling of unaccounted rows applies.
  }
  for (const op of open) {
    const rec = current.get(keyOf(op));
    const holds = rec && Object.entries(op.properties).every(([k, v]) => (rec.properties[k] ?? "") === v);
    if (holds) out.saved.set(op.rowKey, rec);
  }
  return out;
}

/**
 * An answer HubSpot gave that we cannot read at all (not JSON, no `results`): undefined, so that the
 * caller confirms every row by reading rather than reporting the batch as failed.
 */
export async function unlessUnreadable<T>(call: () => Promise<T>): Promise<T | undefined> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof z.ZodError || err instanceof SyntaxError) return undefined;
    throw err;
  }
}

export const nothingAccounted = (): BatchCallResult => ({ saved: new Map(), failed: new Map(), unassigned: [] });
