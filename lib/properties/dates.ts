/**
 * Date and date-time text → HubSpot's stored forms (YYYY-MM-DD; UTC ISO). The zone maths is the
 * grid's (time-zone.ts, plain Intl without React or the DOM, so the server can use
 * it); on top of it a per-day offset cache, because Intl formatting costs ~17 µs per value and an
 * upload can hold 100,000 of them.
 */
import { utcMillis, wallClockAt, zonedToUtc, type WallClock } from "../time/time-zone";
import { quote } from "./normalize";
import { readNumber, type DecimalSeparator } from "./numbers";
import type { DateFormat, ScreenOrder } from "./read-options";

export type DateRead = { ok: true; value: string } | { ok: false; error: string };

interface Parsed {
  wall: WallClock;
  /** Minutes east of UTC when the text carried Z or an offset; then the text is an instant. */
  offset?: number;
}

const TIME = String.raw`(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:\s*([ap])\.?m\.?)?`;
const ZONE = String.raw`(Z|[+-]\d{2}(?::?\d{2})?)`;
/** 2026-03-31, 2026-03-31T09:00, 2026-03-31 09:00:30.5+02:00, 2026-03-31T07:00:00.000Z */
const ISO = new RegExp(String.raw`^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:T|\s+)${TIME}\s*${ZONE}?)?$`, "i");
/** Numeric dates with / . or -: 31/03/2026, 3.31.2026, 2026/03/31, each with an optional time. */
const NUMERIC = new RegExp(String.raw`^(\d{1,4})([/.-])(\d{1,2})\2(\d{1,4})(?:(?:T|,?\s+)${TIME})?$`, "i");
/** 31 Mar 2026, 31-Mar-2026 (Excel's d-mmm-yyyy), 31. March 2026 */
const NAMED_DMY = new RegExp(String.raw`^(\d{1,2})\.?[\s-]+([a-z]{3,9})\.?[\s-]+(\d{4})(?:,?\s+${TIME})?$`, "i");
/** March 31, 2026; Mar 31st 2026 */
const NAMED_MDY = new RegExp(
  String.raw`^([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?:,?\s+${TIME})?$`,
  "i",
);

const MONTHS = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];
function monthNumber(name: string): number {
  const n = name.toLowerCase();
  const i = MONTHS.findIndex((m) => m === n || (n.length >= 3 && m.startsWith(n === "sept" ? "sep" : n)));
  return i + 1; // 0: not a month name
}

const EXPECTED: Record<DateFormat, string> = {
  auto: "a date such as 2026-03-31, 31.03.2026 or 31 Mar 2026",
  ISO: "YYYY-MM-DD",
  DMY: "DD/MM/YYYY",
  MDY: "MM/DD/YYYY",
  YMD: "YYYY/MM/DD",
  "excel-serial": "an Excel date number such as 46112",
};
const MONTH_LABELS = MONTHS.map((m) => m[0]!.toUpperCase() + m.slice(1));

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const daysIn = (year: number, month: number) => (month === 2 && isLeap(year) ? 29 : (MONTH_DAYS[month - 1] ?? 0));

/** Regex groups → a checked wall clock, or null for 2026-02-30, 25:00 or 13 PM. */
function wallClock(year: number, month: number, day: number, t: (string | undefined)[]): WallClock | null {
  const [h = "0", mi = "0", s = "0", frac = "", ampm] = t;
  let hour = Number(h);
  if (ampm) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (ampm.toLowerCase() === "p" ? 12 : 0);
  }
  const w = {
    year,
    month,
    day,
    hour,
    minute: Number(mi),
    second: Number(s),
    millisecond: Number(`${frac}000`.slice(0, 3)),
  };
  const ok =
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysIn(year, month) &&
    w.hour <= 23 &&
    w.minute <= 59 &&
    w.second <= 59;
  return ok ? w : null;
}

function offsetMinutes(zone: string): number | null {
  if (zone.toUpperCase() === "Z") return 0;
  const [, sign, hh = "0", mm = "0"] = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone) ?? [];
  if (Number(hh) > 23 || Number(mm) > 59) return null;
  return (sign === "-" ? -1 : 1) * (Number(hh) * 60 + Number(mm));
}

const EXCEL_MAX_SERIAL = 2_958_465; // 9999-12-31
const DAY_MS = 86_400_000;

/**
 * Excel's 1900 date system: serial 1 is 1900-01-01, and Excel counts a 29 February 1900 that never
 * was (serial 60, kept from Lotus 1-2-3), so from 61 on the epoch is 1899-12-30. The fraction is
 * the time of day, rounded to the millisecond.
 */
export function excelSerialToWallClock(serial: number): WallClock | { error: string } {
  const day = Math.floor(serial);
  if (!(serial >= 1) || serial >= EXCEL_MAX_SERIAL + 1)
    return { error: `Excel date numbers run from 1 (1900-01-01) to ${EXCEL_MAX_SERIAL} (9999-12-31)` };
  if (day === 60) return { error: "Excel's day 60 is 29 February 1900, which did not exist" };
  const ms = Date.UTC(1899, 11, day < 60 ? 31 : 30) + day * DAY_MS + Math.round((serial - day) * DAY_MS);
  const d = new Date(ms);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    millisecond: d.getUTCMilliseconds(),
  };
}

/** The order a column's other values settled (lib/uploads/mapping/date-orders.ts), for auto. */
export type DateOrder = "DMY" | "MDY";

/**
 * Day-first or month-first, as the format says; auto reads dots as day-first, otherwise needs a
 * part > 12, or else takes the order the column's other values settled.
 */
function dayFirst(
  text: string,
  format: DateFormat,
  a: number,
  b: number,
  sep: string,
  year: number,
  order?: DateOrder,
): boolean | { error: string } {
  if (format === "DMY") return true;
  if (format === "MDY") return false;
  if (sep === ".") return true; // 31.03.2026: dotted dates are European; nobody writes month-first with dots
  if (a > 12 || b > 12 || a === b) return a > 12 || a === b;
  if (order) return order === "DMY";
  const d = `${a} ${MONTH_LABELS[b - 1]} ${year}`;
  const m = `${MONTH_LABELS[a - 1]} ${b}, ${year}`;
  return { error: `${quote(text)} could be ${d} (DMY) or ${m} (MDY); choose the date format` };
}

/**
 * The outcome of reading, before any message is built (messages cost more than reading, and most
 * cells are fine): a wall clock, null for a shape the format does not read, `day` naming the order
 * a readable shape was read in when its day or time does not exist, or a finished error.
 */
type Reading = Parsed | null | { day: string } | { serial: string } | { error: string };

const YMD_DAY = { auto: { day: "read as YMD" }, other: { day: "YMD" } };
const DMY_DAY = { auto: { day: "read as DMY" }, other: { day: "DMY" } };
const MDY_DAY = { auto: { day: "read as MDY" }, other: { day: "MDY" } };
const ISO_DAY = { day: "ISO" };
const NAMED_DAY = { day: "no such day" };

/** Which forms each format reads: ISO always (the XLSX parser writes dates as ISO), the rest per format. */
function read(text: string, format: DateFormat, decimal: DecimalSeparator, order?: DateOrder): Reading {
  const mode = format === "auto" ? "auto" : "other";
  let m = ISO.exec(text);
  if (m) {
    const w = wallClock(+m[1]!, +m[2]!, +m[3]!, m.slice(4, 9));
    const offset = m[9] === undefined ? undefined : offsetMinutes(m[9]);
    if (!w || offset === null) return ISO_DAY;
    return offset === undefined ? { wall: w } : { wall: w, offset };
  }
  if (format === "ISO") return null;
  if (format === "excel-serial") {
    const n = readNumber(text, decimal);
    if (n === null) return null;
    const w = excelSerialToWallClock(Number(n));
    return "error" in w ? { serial: w.error } : { wall: w };
  }
  if ((m = NUMERIC.exec(text))) {
    const [, a = "", sep = "", b = "", c = ""] = m;
    const time = m.slice(5, 10);
    if (a.length === 4) {
      // Year first (2026/03/31): auto and YMD; ISO's dashes were read above in every format.
      if (format !== "auto" && format !== "YMD") return null;
      return orDay(wallClock(+a, +b, +c, time), YMD_DAY[mode]);
    }
    if (format === "YMD" || a.length > 2) return null;
    if (c.length === 2) return { error: `${quote(text)} has a two-digit year; write years with four digits` };
    if (c.length !== 4) return null;
    const first = dayFirst(text, format, +a, +b, sep, +c, order);
    if (typeof first !== "boolean") return first;
    return first
      ? orDay(wallClock(+c, +b, +a, time), DMY_DAY[mode])
      : orDay(wallClock(+c, +a, +b, time), MDY_DAY[mode]);
  }
  if (format === "YMD") return null;
  // Month names cannot be misread, so auto, DMY and MDY all take them.
  const dmy = NAMED_DMY.exec(text);
  const mdy = dmy ? null : NAMED_MDY.exec(text);
  m = dmy ?? mdy;
  const named = dmy ? { d: dmy[1]!, mo: dmy[2]!, y: dmy[3]! } : mdy ? { mo: mdy[1]!, d: mdy[2]!, y: mdy[3]! } : null;
  if (!m || !named || monthNumber(named.mo) === 0) return null;
  return orDay(wallClock(+named.y, monthNumber(named.mo), +named.d, m.slice(4, 9)), NAMED_DAY);
}

/**
 * What a cell says about its column's day/month order in auto: 26/11/2027 says day-first,
 * 11/26/2027 month-first, 6/3/2027 nothing (either), and ISO, dotted, year-first, named-month and
 * 3/3/2027 cells nothing at all (null): they read the same either way.
 */
export function numericDateOrder(text: string): DateOrder | "either" | null {
  const m = NUMERIC.exec(text.trim());
  if (!m || m[2] === "." || m[1]!.length > 2 || m[4]!.length !== 4) return null;
  const a = +m[1]!;
  const b = +m[3]!;
  if (a === b || (a > 12 && b > 12)) return null;
  return a > 12 ? "DMY" : b > 12 ? "MDY" : "either";
}

const orDay = (w: WallClock | null, day: { day: string }): Reading => (w ? { wall: w } : day);

function parse(
  text: string,
  format: DateFormat,
  decimal: DecimalSeparator,
  what: string,
  order?: DateOrder,
): Parsed | { error: string } {
  const r = read(text, format, decimal, order);
  if (r === null) {
    const time = what === DATE || format === "excel-serial" ? "" : ", with a time such as 14:30";
    return { error: `${quote(text)} is not ${what} (expected ${EXPECTED[format]}${time})` };
  }
  if ("day" in r) return { error: `${quote(text)} is not ${what} (${r.day})` };
  if ("serial" in r) return { error: `${quote(text)} is not ${what}: ${r.serial}` };
  return r;
}

const DATE = "a date";
const two = (n: number) => String(n).padStart(2, "0");

/** A date cell (trimmed, non-empty) → YYYY-MM-DD. A time, if any, is dropped: the date is as written. */
export function readDate(text: string, format: DateFormat, decimal: DecimalSeparator, order?: DateOrder): DateRead {
  const r = parse(text, format, decimal, DATE, order);
  if ("error" in r) return { ok: false, error: r.error };
  const { year, month, day } = r.wall;
  return { ok: true, value: `${String(year).padStart(4, "0")}-${two(month)}-${two(day)}` };
}

/**
 * A date-time cell (trimmed, non-empty) → UTC ISO. With Z or an offset it is that instant;
 * without, wall-clock time in `timeZone` (a bare date is midnight there).
 */
export function readDateTime(
  text: string,
  format: DateFormat,
  decimal: DecimalSeparator,
  timeZone: string,
  order?: DateOrder,
): DateRead {
  const r = parse(text, format, decimal, "a date and time", order);
  if ("error" in r) return { ok: false, error: r.error };
  const ms = r.offset === undefined ? zonedMillis(r.wall, timeZone) : utc(r.wall) - r.offset * 60_000;
  return { ok: true, value: new Date(ms).toISOString() };
}

/**
 * Offsets per zone and calendar day. A day whose offset one day before and two days after is the
 * same has no transition (no zone changes its offset twice within three days), so every time on
 * it shares that offset; days next to a transition go through zonedToUtc, which resolves gaps and
 * repeats as the grid does (a skipped time moves forward, a repeated one is its first occurrence).
 */
const dayOffsets = new Map<string, Map<number, number | null>>();
const offsetAt = (ms: number, zone: string) => utcMillis(wallClockAt(ms, zone)) - ms;
/** utcMillis without its Date object where Date.UTC is exact (it maps years 0–99 to 19xx). */
const utc = (w: WallClock) =>
  w.year >= 100 ? Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.millisecond) : utcMillis(w);

function zonedMillis(w: WallClock, zone: string): number {
  let days = dayOffsets.get(zone);
  if (!days) dayOffsets.set(zone, (days = new Map()));
  const key = w.year * 10_000 + w.month * 100 + w.day;
  let offset = days.get(key);
  if (offset === undefined) {
    const midnight = utc({ ...w, hour: 0, minute: 0, second: 0, millisecond: 0 });
    const before = offsetAt(midnight - DAY_MS, zone);
    offset = before === offsetAt(midnight + 2 * DAY_MS, zone) ? before : null;
    if (days.size >= 20_000) days.clear(); // bounded: a long-running worker sees many files
    days.set(key, offset);
  }
  return offset === null ? zonedToUtc(w, zone) : utc(w) - offset;
}

const YEAR_FIRST = /^\d{4}[/.-]/;
const DOTTED = /^\d{1,2}\.\d{1,2}\.\d{4}/;

/**
 * The format one (trimmed) text is read in. An explicit format is used as it is; the screen's order
 * (the grid) reads 01/04/2026 in that order, year-first text is never misread, dotted dates are
 * day-first in every locale that writes them, and a year-first locale (sv, ja) reads other orders
 * only where a part over 12 settles them, and says the rest is ambiguous.
 */
export function formatFor(text: string, format: DateFormat | ScreenOrder): DateFormat {
  if (typeof format === "string") return format;
  if (YEAR_FIRST.test(text)) return "YMD";
  if (DOTTED.test(text)) return "DMY";
  return format.order === "YMD" ? "auto" : format.order;
}
