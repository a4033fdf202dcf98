/**
 * Wall-clock time in an IANA zone ↔ UTC instants, with Intl only (no date library): datetime
 * cells are stored in UTC but shown and typed in the user's zone, and tests pass other zones.
 */
export interface WallClock {
  year: number;
  month: number; // 1–12
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

let zone: { name: string; at: number } | null = null;

/**
 * The browser's zone; "UTC" where Intl cannot tell (some headless or locked-down environments).
 * Asking Intl costs ~0.2 ms (it builds a formatter), and the grid asks once per pasted or drawn
 * date cell (a 10,000-row paste spent 20 s here), so the answer is kept for a second: a zone
 * changed in the system settings still shows within one.
 */
export function userTimeZone(): string {
  const now = Date.now();
  if (!zone || now - zone.at > 1000 || now < zone.at)
    zone = { name: Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC", at: now };
  return zone.name;
}

/** A short header label, e.g. "Europe/Berlin" or "America/New York". */
export function timeZoneLabel(timeZone: string = userTimeZone()): string {
  return timeZone.replace(/_/g, " ");
}

/** Date.UTC maps years 0–99 to 19xx; setUTCFullYear does not. */
export function utcMillis(w: WallClock): number {
  const d = new Date(0);
  d.setUTCFullYear(w.year, w.month - 1, w.day);
  d.setUTCHours(w.hour, w.minute, w.second, w.millisecond);
  return d.getTime();
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    // h23, not hour12:false: the latter prints midnight as "24" in some engines.
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall clock in `timeZone` at instant `ms`. */
export function wallClockAt(ms: number, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(ms)) if (p.type !== "literal") parts[p.type] = Number(p.value);
  const millisecond = ((ms % 1000) + 1000) % 1000;
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour!,
    minute: parts.minute!,
    second: parts.second!,
    millisecond,
  };
}

/** The zone's UTC offset in ms at instant `ms` (Berlin in summer: +7 200 000). */
const offsetAt = (ms: number, timeZone: string) => utcMillis(wallClockAt(ms, timeZone)) - ms;

/**
 * The UTC instant at which `timeZone`'s clock shows `w`. Resolved as Temporal's "compatible"
 * disambiguation does: a time skipped by a DST jump is moved forward by the jump (02:30 → 03:30),
 * a time that occurs twice (clocks set back) takes the earlier occurrence.
 */
export function zonedToUtc(w: WallClock, timeZone: string): number {
  const local = utcMillis(w);
  const day = 86_400_000;
  // Zones change offset at most once within a day, so the offsets a day either side are the candidates.
  const before = offsetAt(local - day, timeZone);
  const after = offsetAt(local + day, timeZone);
  const valid = [...new Set([before, after])].map((o) => local - o).filter((t) => offsetAt(t, timeZone) === local - t);
  if (valid.length > 0) return Math.min(...valid);
  return local - before; // in the gap: read with the offset before the jump, i.e. later on the new clock
}
