/*
 * HubSpot's search index trails writes (eventual consistency). With `searchIndexDelayMs` set,
 * putRecord remembers the version a write replaced until the delay has passed, and search reads
 * that older version (or nothing, for a new record) meanwhile. Only one earlier version per
 * record is kept, and entries are dropped on the next search after they expire, so memory stays
 * bounded by the records written within the window.
 */
import type { SeedTable } from "./crm-columns";
import type { CrmRecord, TypeStore } from "./crm-store";

export interface Lag {
  /** When the write becomes visible to search (epoch ms). */
  until: number;
  /** What search shows until then; undefined for a record created within the window. */
  before?: CrmRecord;
}

/** Called by putRecord before it replaces a record; `current` is the version being replaced. */
export function noteWrite(ts: TypeStore, id: string, current: CrmRecord | undefined) {
  const delay = ts.searchDelayMs ?? 0;
  if (delay <= 0) return;
  const now = Date.now();
  const pending = ts.lag.get(id);
  // A second write within the window keeps the version search already shows.
  const before = pending && pending.until > now ? pending.before : current;
  ts.lag.set(id, { until: now + delay, before });
}

/**
 * What search sees now: the seeded table, and for each written record (shadowed seeded rows and
 * created ones) the version search shows, or undefined while a create is not yet indexed.
 * Expired entries are pruned on the way.
 */
export function searchView(ts: TypeStore): SearchSource {
  const now = Date.now();
  for (const [id, lag] of ts.lag) if (lag.until <= now) ts.lag.delete(id);
  const visible = (rec: CrmRecord | undefined) => {
    if (!rec) return undefined;
    const lag = ts.lag.get(rec.id);
    return lag ? lag.before : rec;
  };
  const { n, idBase } = ts.seeded;
  const created: CrmRecord[] = [];
  for (const rec of ts.records.values())
    if (Number(rec.id) >= idBase + n) {
      const v = visible(rec);
      if (v) created.push(v);
    }
  return {
    table: ts.seeded,
    shadowed: ts.shadowed,
    written: (row) => visible(ts.records.get(String(idBase + row))),
    created,
  };
}

export interface SearchSource {
  table: SeedTable;
  shadowed: Uint8Array;
  /** The version search shows of a shadowed seeded row. */
  written: (row: number) => CrmRecord | undefined;
  /** Created records as search shows them, in id order. */
  created: CrmRecord[];
}
