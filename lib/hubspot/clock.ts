/**
 * A lower bound on HubSpot's clock, learned from the `Date` header of its answers.
 *
 * Why: a conflict check that asks "which records changed after the user loaded them?" compares
 * HubSpot's `updatedAt` stamps with the load time, so the load time must be on HubSpot's clock, and
 * it must never be later than the true load time (a later asOf would hide a change made between the
 * load and asOf). A `Date` header is HubSpot's time, rounded DOWN to the second, when it sent the
 * answer, which is before we received it: `date - receivedAt` (local ms) is never more than the true
 * offset between HubSpot's clock and ours. The largest such sample is the tightest safe bound; a
 * sample expires after `SAMPLE_TTL_MS`. "Ours" is a monotonic clock (`performance.now()` from the
 * process' start), not the wall clock: a wall clock stepped forward after a sample would otherwise
 * push the bound past HubSpot's true time, i.e. an asOf later than the load, which could hide a
 * conflict.
 *
 * `hubspotNowLowerBound(apiBase)` is then "HubSpot's time now, or earlier": take it BEFORE sending a
 * read, and every change the read does not reflect is stamped after it.
 */
const SAMPLE_TTL_MS = 10 * 60_000;

/** Epoch-like milliseconds that never jump: the process' start time plus the monotonic clock. */
const monotonicNow = () => performance.timeOrigin + performance.now();

interface Sample {
  offsetMs: number;
  at: number;
}

const g = globalThis as unknown as { __batchboardHubSpotClock?: Map<string, Sample> };
const samples = () => (g.__batchboardHubSpotClock ??= new Map());

/** Records one answer's `Date` header (called by the HTTP client for every response). */
export function observeServerDate(apiBase: string, dateHeader: string | null, receivedAt = monotonicNow()): void {
  if (!dateHeader) return;
  const date = Date.parse(dateHeader);
  if (Number.isNaN(date)) return;
  const offsetMs = date - receivedAt;
  const prev = samples().get(apiBase);
  if (!prev || offsetMs > prev.offsetMs || receivedAt - prev.at > SAMPLE_TTL_MS)
    samples().set(apiBase, { offsetMs, at: receivedAt });
}

/**
 * HubSpot's clock now, or a little earlier (epoch ms), for this API base; undefined until an answer
 * with a `Date` header was seen (callers then fall back to a record's own updatedAt).
 */
export function hubspotNowLowerBound(apiBase: string, localNow = monotonicNow()): number | undefined {
  const s = samples().get(apiBase);
  return s ? localNow + s.offsetMs : undefined;
}

/** Forgets every sample (tests). */
export function resetHubSpotClock(): void {
  samples().clear();
}
