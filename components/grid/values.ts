import { userTimeZone, utcMillis, wallClockAt, zonedToUtc, type WallClock } from "./time-zone";
import type { GridColumn } from "./types";

export { timeZoneLabel, userTimeZone } from "./time-zone";

/**
 * Text ↔ stored value per column type, used by typing, paste and copy. Parsing is lenient about
 * what spreadsheets put on the clipboard (labels, grouped numbers, US/European dates) and leaves
 * anything it cannot read untouched, so the validation rules can say what is wrong with it.
 */
const pad = (n: string) => n.padStart(2, "0");

export function parseDate(text: string): string {
  const t = text.trim();
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(t);
  if (m) return `${m[1]}-${pad(m[2]!)}-${pad(m[3]!)}`;
  // Slashes are read the US way (Excel's default export), dots the European way (31.03.2026).
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  if (m) return `${m[3]}-${pad(m[1]!)}-${pad(m[2]!)}`;
  m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(t);
  if (m) return `${m[3]}-${pad(m[2]!)}-${pad(m[1]!)}`;
  return t;
}

const daysIn = (year: number, month: number) => new Date(utcMillis({ year, month: month + 1, day: 0, hour: 0, minute: 0, second: 0, millisecond: 0 })).getUTCDate();

/** Numbers out of a regex match into a checked wall-clock time; null for 2026-02-30 or 25:00. */
function wallClock(y: string, mo: string, d: string, h = "0", mi = "0", s = "0", frac = ""): WallClock | null {
  const w = { year: +y, month: +mo, day: +d, hour: +h, minute: +mi, second: +s, millisecond: Number(`${frac.slice(1)}000`.slice(0, 3)) };
  const ok = w.month >= 1 && w.month <= 12 && w.day >= 1 && w.day <= daysIn(w.year, w.month) && w.hour <= 23 && w.minute <= 59 && w.second <= 59;
  return ok ? w : null;
}

const TIME = String.raw`(\d{1,2}):(\d{2})(?::(\d{2})(\.\d+)?)?`;
/** A stored HubSpot value: ISO 8601 with Z or an offset (+02:00, +0200, +02). */
const ABSOLUTE = new RegExp(String.raw`^(\d{4})-(\d{2})-(\d{2})[T ]${TIME}\s*(Z|[+-]\d{2}(?::?\d{2})?)$`, "i");
/** Wall-clock forms; the time is optional (midnight). Slashes are US, dots European, as in parseDate. */
const YMD = new RegExp(String.raw`^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ]\s*${TIME})?$`, "i");
const US = new RegExp(String.raw`^(\d{1,2})/(\d{1,2})/(\d{4})(?:,?\s+${TIME}\s*([AP]M)?)?$`, "i");
const EU = new RegExp(String.raw`^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:,?\s+${TIME})?$`);

/** Instant in ms of an absolute ISO string, or null (wall-clock or unreadable text). */
function absoluteMillis(t: string): number | null {
  const m = ABSOLUTE.exec(t);
  const w = m && wallClock(m[1]!, m[2]!, m[3]!, m[4], m[5], m[6], m[7]);
  if (!m || !w) return null;
  const [, sign, hh = "0", mm = "0"] = /^([+-])(\d{2}):?(\d{2})?$/.exec(m[8]!) ?? [];
  if (+hh > 23 || +mm > 59) return null;
  const minutes = (sign === "-" ? -1 : 1) * (Number(hh) * 60 + Number(mm));
  return utcMillis(w) - minutes * 60_000;
}

/**
 * Typed or pasted date-time → UTC ISO (toISOString). Text with Z or an offset is an instant;
 * anything else is wall-clock time in `timeZone` (the user's): 2026-03-31 09:00, 2026-03-31T09:00:30,
 * 2026-03-31 (midnight), 3/31/2026 9:00 AM, 3/31/2026 21:00 (US, as parseDate), 31.3.2026 21:00.
 */
export function parseDateTime(text: string, timeZone: string = userTimeZone()): string {
  const t = text.trim();
  if (t === "") return "";
  const abs = absoluteMillis(t);
  if (abs !== null) return new Date(abs).toISOString();
  let w: WallClock | null = null;
  let m = YMD.exec(t);
  if (m) w = wallClock(m[1]!, m[2]!, m[3]!, m[4], m[5], m[6], m[7]);
  else if ((m = US.exec(t))) {
    const ampm = m[8]?.toUpperCase();
    let hour = m[4] ?? "0";
    // 12 AM is midnight, 12 PM noon; "13:00 PM" is nonsense and stays unreadable.
    if (ampm) hour = +hour < 1 || +hour > 12 ? "99" : String((+hour % 12) + (ampm === "PM" ? 12 : 0));
    w = wallClock(m[3]!, m[1]!, m[2]!, hour, m[5], m[6], m[7]);
  } else if ((m = EU.exec(t))) {
    w = wallClock(m[3]!, m[2]!, m[1]!, m[4], m[5], m[6], m[7]);
  }
  return w ? new Date(zonedToUtc(w, timeZone)).toISOString() : t;
}

const two = (n: number) => String(n).padStart(2, "0");

/**
 * Stored instant → "YYYY-MM-DD HH:mm" in `timeZone`: sortable, unambiguous, and read back by
 * parseDateTime to the same instant, so copy → paste round-trips exactly. Seconds and milliseconds
 * appear only when set; in the repeated hour when clocks go back, the second occurrence gets its
 * offset ("2026-10-25 02:30 +01:00"), as plain wall-clock text reads as the first. Anything but an
 * absolute ISO string is shown unchanged.
 */
export function formatDateTime(value: string, timeZone: string = userTimeZone()): string {
  const ms = absoluteMillis(value.trim());
  if (ms === null) return value;
  const w = wallClockAt(ms, timeZone);
  const date = `${String(w.year).padStart(4, "0")}-${two(w.month)}-${two(w.day)}`;
  const frac = w.millisecond ? `.${String(w.millisecond).padStart(3, "0")}` : "";
  const secs = w.second || w.millisecond ? `:${two(w.second)}${frac}` : "";
  const text = `${date} ${two(w.hour)}:${two(w.minute)}${secs}`;
  if (zonedToUtc(w, timeZone) === ms) return text;
  const offset = (utcMillis(w) - ms) / 60_000;
  const abs = Math.abs(offset);
  return `${text} ${offset < 0 ? "-" : "+"}${two(Math.floor(abs / 60))}:${two(abs % 60)}`;
}

/**
 * Whether a write would change nothing: "…T09:00+02:00" and "…T07:00:00.000Z" are one instant,
 * so committing an unchanged datetime editor (which re-parses to Z form) is not an edit.
 */
export function sameCellValue(column: GridColumn, a: string, b: string): boolean {
  if (a === b) return true;
  if (column.type !== "datetime") return false;
  const x = absoluteMillis(a.trim());
  return x !== null && x === absoluteMillis(b.trim());
}

export function parseNumber(text: string): string {
  const t = text.trim().replace(/[\s\u00a0]/g, "");
  if (t === "") return "";
  const plain = /^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(t) ? t.replace(/,/g, "") : t;
  return Number.isFinite(Number(plain)) ? plain : text.trim();
}

function parseOption(column: GridColumn, text: string): string {
  const t = text.trim();
  const options = column.options ?? [];
  if (t === "" || options.some((o) => o.value === t)) return t;
  const lower = t.toLowerCase();
  return options.find((o) => o.label.toLowerCase() === lower || o.value.toLowerCase() === lower)?.value ?? t;
}

export function parseCellText(column: GridColumn, text: string): string {
  if (column.parse) return column.parse(text);
  switch (column.type) {
    case "number":
      return parseNumber(text);
    case "date":
      return parseDate(text);
    case "datetime":
      return parseDateTime(text);
    case "currency":
      return parseOption(column, text.toUpperCase());
    case "enum":
      return parseOption(column, text);
    case "multi":
      return text.split(/[;,\s]+/).filter(Boolean).join(";");
    case "text":
      // A single-line property: spreadsheets sometimes wrap long text, HubSpot would keep the newline.
      return text.replace(/\r?\n/g, " ");
    default:
      return text;
  }
}

export function formatCellValue(column: GridColumn, value: string): string {
  if (value === "") return "";
  if (column.format) return column.format(value);
  if (column.type === "enum") return column.options?.find((o) => o.value === value)?.label ?? value;
  if (column.type === "datetime") return formatDateTime(value);
  if (column.type === "multi") return value.split(";").filter(Boolean).join(", ");
  return value;
}
