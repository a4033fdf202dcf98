import type { BatchAdapter, CreateOp, UpdateOp } from "./adapter";
import type { RowOperation } from "./types";

/**
 * Updates and creates, in input order. Two rows for one record would race each other (and HubSpot
 * rejects a batch naming an id twice), and two creates with the same natural key cannot both
 * succeed: the first row is sent, the later ones are returned as duplicates to fail up front.
 */
export function splitOperations(ops: RowOperation[], adapter: Pick<BatchAdapter, "createKey">) {
  const updates: UpdateOp[] = [];
  const creates: CreateOp[] = [];
  const duplicates: { op: RowOperation; what: string }[] = [];
  const seenIds = new Set<string>();
  const seenKeys = new Set<string>();
  for (const op of ops) {
    if (op.kind === "update") {
      if (seenIds.has(op.id)) duplicates.push({ op, what: `id ${op.id}` });
      else (seenIds.add(op.id), updates.push(op));
      continue;
    }
    const key = adapter.createKey?.(op);
    if (key !== undefined && seenKeys.has(key)) duplicates.push({ op, what: `“${key}”` });
    else (key !== undefined && seenKeys.add(key), creates.push(op));
  }
  return { updates, creates, duplicates };
}

export function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
