import "server-only";
import { z } from "zod";
import type { BatchCallResult, UpdateOp } from "../batch/adapter";
import type { SavedRecord } from "../batch/types";

/**
 * A batch update whose answer we may not get or not read: the connection dropped or timed out after
 * sending (HubSpot may have applied it), the body is not what we can read, or some result items are
 * unreadable (lenient.ts). Those rows' outcome is unknown, so they are looked up before anything is
 * resent: one batch read, and a record that holds every value sent was saved. Rows still unknown stay
 * unaccounted (the engine resends them alone); when a lost answer confirms nothing, the original
 * error is thrown so the engine retries the batch as before.
 */
export interface ConfirmedUpdate<R> {
  ops: UpdateOp[];
  send: () => Promise<R>;
  correlate: (res: R) => BatchCallResult;
  unreadable: (res: R) => number;
  /** Batch read of the records, keyed as `keyOf` keys a row. */
  read: (ids: string[]) => Promise<Map<string, SavedRecord>>;
  keyOf: (op: UpdateOp) => string;
  signal?: AbortSignal;
}

export const nothingAccounted = (): BatchCallResult => ({ saved: new Map(), failed: new Map(), unassigned: [] });

export async function confirmedUpdate<R>(u: ConfirmedUpdate<R>): Promise<BatchCallResult> {
  let res: R | undefined;
  let lost: unknown;
  try {
    res = await u.send();
  } catch (err) {
    if (u.signal?.aborted || !(unreadableAnswer(err) || lostAnswer(err))) throw err;
    lost = err;
  }
  const out = res === undefined ? nothingAccounted() : u.correlate(res);
  const open = u.ops.filter((op) => !out.saved.has(op.rowKey) && !out.failed.has(op.rowKey));
  if (!open.length || (res !== undefined && !u.unreadable(res))) return out;
  let current: Map<string, SavedRecord> | undefined;
  try {
    current = await u.read(open.map((op) => op.id));
  } catch {
    current = undefined; // The check itself failed: handled below like a check that confirmed nothing.
  }
  for (const op of open) {
    const rec = current?.get(u.keyOf(op));
    if (rec && Object.entries(op.properties).every(([k, v]) => (rec.properties[k] ?? "") === v))
      out.saved.set(op.rowKey, rec);
  }
  if (lost !== undefined && lostAnswer(lost) && out.saved.size === 0) throw lost;
  return out;
}

/** HubSpot answered, but not in a shape we can read (not JSON, no `results`). */
const unreadableAnswer = (err: unknown) => err instanceof z.ZodError || err instanceof SyntaxError;

/** The answer never came: fetch's "fetch failed" (reset, refused) or our timeout. */
function lostAnswer(err: unknown): boolean {
  const name = (err as { name?: string } | null)?.name;
  return err instanceof TypeError || name === "TimeoutError";
}
