import type { BatchAdapter, CreateOp, UpdateOp } from "./adapter";
import type { RowError, RowOperation } from "./types";

/**
 * Updates and creates, in input order. Rows the adapter refuses up front (`precheck`) are returned
 * as `refused`, before de-duplication, so an invalid row never hides a valid one for the same record.
 * Two rows for one record would race each other (and HubSpot rejects a batch naming a record twice:
 * compared by the adapter's `recordKey`, e.g. emails case-insensitively), and two creates with the
 * same natural key cannot both succeed: the first row is sent, the later ones are returned as
 * duplicates to fail up front.
 */
export function splitOperations(ops: RowOperation[], adapter: Pick<BatchAdapter, "createKey" | "recordKey" | "precheck">) {
  const updates: UpdateOp[] = [];
  const creates: CreateOp[] = [];
  const duplicates: { op: RowOperation; what: string }[] = [];
  const refused: { op: RowOperation; error: RowError }[] = [];
  const seenIds = new Set<string>();
  const seenKeys = new Set<string>();
  for (const op of ops) {
    const error = adapter.precheck?.(op);
    if (error) {
      refused.push({ op, error });
      continue;
    }
    if (op.kind === "update") {
      const key = adapter.recordKey?.(op) ?? op.id;
      if (seenIds.has(key)) duplicates.push({ op, what: `id ${op.id}` });
      else (seenIds.add(key), updates.push(op));
      continue;
    }
    const key = adapter.createKey?.(op);
    if (key !== undefined && seenKeys.has(key)) duplicates.push({ op, what: `“${key}”` });
    else (key !== undefined && seenKeys.add(key), creates.push(op));
  }
  return { updates, creates, duplicates, refused };
}

export function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
