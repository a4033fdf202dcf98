/*
 * HubSpot's search index trails writes (eventual consistency). With `searchIndexDelayMs` set,
 * putRecord remembers the version a write replaced until the delay has passed, and search reads
 * that older version (or nothing, for a new record) meanwhile. Only one earlier version per
 * record is kept, and entries are dropped on the next search after they expire, so memory stays
 * bounded by the records written within the window.
 */
import type { CrmRecord, TypeStore } from "./crm-store";

export interface Lag {
  /** When the write becomes visible to search (epoch ms). */
  until: number;
  /** What search shows until then; undefined for a record created within the window. */
  before?: CrmRecord;
}

/** Called by putRecord before it replaces a record. */
export function noteWrite(ts: TypeStore, id: string) {
  const delay = ts.searchDelayMs ?? 0;
  if (delay <= 0) return;
  const now = Date.now();
  const pending = ts.lag.get(id);
  // A second write within the window keeps the version search already shows.
  const before = pending && pending.until > now ? pending.before : ts.records.get(id);
  ts.lag.set(id, { until: now + delay, before });
}

/** The records as search sees them now; expired entries are pruned on the way. */
export function* searchView(ts: TypeStore): Generator<CrmRecord> {
  const now = Date.now();
  for (const [id, lag] of ts.lag) if (lag.until <= now) ts.lag.delete(id);
  for (const rec of ts.records.values()) {
    const lag = ts.lag.get(rec.id);
    if (!lag) yield rec;
    else if (lag.before) yield lag.before;
  }
}
