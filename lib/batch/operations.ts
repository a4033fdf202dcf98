import type { ArchiveOp, BatchAdapter, BatchCallResult, CreateOp, UpdateOp } from "./adapter";
import { rowErrors } from "./errors";
import type { RowError, RowOperation } from "./types";

/**
 * Updates, creates and archives, in input order. Rows the adapter refuses up front (`precheck`) are returned
 * as `refused`, before de-duplication, so an invalid row never hides a valid one for the same record.
 * Two rows for one record would race each other (and HubSpot rejects a batch naming a record twice:
 * compared by the adapter's `recordKey`, e.g. emails case-insensitively), and two creates with the
 * same natural key cannot both succeed: the first row is sent, the later ones are returned as
 * duplicates to fail up front.
 */
export function splitOperations(
  ops: RowOperation[],
  adapter: Pick<BatchAdapter, "createKey" | "recordKey" | "precheck" | "archive"> & { noun?: string },
) {
  const updates: UpdateOp[] = [];
  const creates: CreateOp[] = [];
  const archives: ArchiveOp[] = [];
  const duplicates: { op: RowOperation; what: string }[] = [];
  const refused: { op: RowOperation; error: RowError }[] = [];
  const seenIds = new Set<string>();
  const seenKeys = new Set<string>();
  const seenArchived = new Set<string>();
  for (const op of ops) {
    const error = adapter.precheck?.(op);
    if (error) {
      refused.push({ op, error });
      continue;
    }
    if (op.kind === "archive") {
      if (!adapter.archive) refused.push({ op, error: rowErrors.cannotArchive(adapter.noun ?? "record") });
      else if (seenArchived.has(op.id)) duplicates.push({ op, what: `id ${op.id}` });
      else {
        seenArchived.add(op.id);
        archives.push(op);
      }
      continue;
    }
    if (op.kind === "update") {
      const key = adapter.recordKey?.(op) ?? op.id;
      if (seenIds.has(key)) duplicates.push({ op, what: `id ${op.id}` });
      else {
        seenIds.add(key);
        updates.push(op);
      }
      continue;
    }
    const key = adapter.createKey?.(op);
    if (key !== undefined && seenKeys.has(key)) duplicates.push({ op, what: `“${key}”` });
    else {
      if (key !== undefined) seenKeys.add(key);
      creates.push(op);
    }
  }
  return { updates, creates, archives, duplicates, refused };
}

export function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * HubSpot's batch/archive answers 204 with no body, whether or not each id existed: every row of an
 * accepted call is archived. Its "after" is the id alone, stamped with our clock (HubSpot returns none).
 */
export function allArchived(ops: ArchiveOp[]): BatchCallResult {
  const at = new Date().toISOString();
  return {
    saved: new Map(ops.map((op) => [op.rowKey, { id: op.id, updatedAt: at, properties: {} }])),
    failed: new Map(),
    unassigned: [],
  };
}
