import { cellConverter } from "@/lib/properties/convert";
import { formatFor, readDate, readDateTime } from "@/lib/properties/dates";
import { DEFAULT_BOOLEAN_FALSE, DEFAULT_BOOLEAN_TRUE, type ReadOptions } from "@/lib/properties/read-options";
import { dateStyle, type DateStyle } from "./date-order";
import { userTimeZone, utcMillis, wallClockAt, zonedToUtc } from "@/lib/time/time-zone";
import type { GridColumn } from "./types";

export { timeZoneLabel, userTimeZone } from "@/lib/time/time-zone";

/**
 * Text ↔ stored value per column type, used by typing, paste and copy. Parsing is lenient about
 * what spreadsheets put on the clipboard (labels, grouped numbers, dates in the screen's order) and leaves
 * anything it cannot read untouched, so the validation rules can say what is wrong with it.
 */
const two = (n: number) => String(n).padStart(2, "0");
function readDateText(text: string, style: DateStyle) {
  return readDate(text, formatFor(text, style), ".");
}

/** Typed or pasted date → YYYY-MM-DD, read in the screen's order; unreadable text stays as typed. */
export function parseDate(text: string, style: DateStyle = dateStyle()): string {
  const t = text.trim();
  if (t === "") return "";
  const r = readDateText(t, style);
  return r.ok ? r.value : t;
}

/** Why `text` is not a date in this order (for the cell's message), or null when it is one. */
export function dateTextProblem(text: string, style: DateStyle = dateStyle()): string | null {
  const r = readDateText(text.trim(), style);
  return r.ok ? null : r.error;
}

/** Stored YYYY-MM-DD → the screen's order (31/03/2026); anything else unchanged. */
export function formatDate(value: string, style: DateStyle = dateStyle()): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return value;
  const parts = { Y: m[1]!, M: m[2]!, D: m[3]! };
  return style.order
    .split("")
    .map((p) => parts[p as keyof typeof parts])
    .join(style.sep);
}

/** A stored HubSpot value: ISO 8601 with Z or an offset (+02:00, +0200, +02). */
const ABSOLUTE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{1,2}):(\d{2})(?::(\d{2})(\.\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)$/i;

/** Instant in ms of an absolute ISO string, or null (wall-clock or unreadable text). */
function absoluteMillis(t: string): number | null {
  if (!ABSOLUTE.test(t)) return null;
  const r = readDateTime(t, "ISO", ".", "UTC");
  return r.ok ? Date.parse(r.value) : null;
}

/**
 * Typed or pasted date-time → UTC ISO (toISOString). Text with Z or an offset is an instant;
 * anything else is wall-clock time in `timeZone` (the user's), its date read in the screen's order:
 * 2026-03-31 09:00, 31/03/2026 09:00 (day first), 3/31/2026 9:00 AM (month first), 31.3.2026 21:00.
 */
export function parseDateTime(text: string, timeZone: string = userTimeZone(), style: DateStyle = dateStyle()): string {
  const t = text.trim();
  if (t === "") return "";
  const r = readDateTime(t, formatFor(t, style), ".", timeZone);
  return r.ok ? r.value : t;
}

/**
 * Stored instant → "<date> HH:mm" in `timeZone`, the date in the screen's order: read back by
 * parseDateTime to the same instant, so copy → paste round-trips exactly. Seconds and milliseconds
 * appear only when set; in the repeated hour when clocks go back, the second occurrence is written
 * ISO with its offset ("2026-10-25 02:30 +01:00"), as plain wall-clock text reads as the first.
 * Anything but an absolute ISO string is shown unchanged.
 */
export function formatDateTime(
  value: string,
  timeZone: string = userTimeZone(),
  style: DateStyle = dateStyle(),
): string {
  const ms = absoluteMillis(value.trim());
  if (ms === null) return value;
  const w = wallClockAt(ms, timeZone);
  const iso = `${String(w.year).padStart(4, "0")}-${two(w.month)}-${two(w.day)}`;
  const frac = w.millisecond ? `.${String(w.millisecond).padStart(3, "0")}` : "";
  const secs = w.second || w.millisecond ? `:${two(w.second)}${frac}` : "";
  const time = `${two(w.hour)}:${two(w.minute)}${secs}`;
  if (zonedToUtc(w, timeZone) === ms) return `${formatDate(iso, style)} ${time}`;
  const offset = (utcMillis(w) - ms) / 60_000;
  const abs = Math.abs(offset);
  return `${iso} ${time} ${offset < 0 ? "-" : "+"}${two(Math.floor(abs / 60))}:${two(abs % 60)}`;
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

/**
 * The grid's reading options: dates in the screen's order, date-times in the user's zone, "." as
 * the decimal point (a canonical number such as 1.5 must stay readable), the default yes/no words;
 * one object per order and zone so the compiled converters are reused.
 */
const gridOptions = new Map<string, ReadOptions>();
function gridReadOptions(style: DateStyle = dateStyle(), timeZone: string = userTimeZone()): ReadOptions {
  const key = `${style.order} ${timeZone}`;
  let o = gridOptions.get(key);
  if (!o) {
    o = {
      dateFormat: { order: style.order },
      timeZone,
      decimalSeparator: ".",
      booleanTrue: DEFAULT_BOOLEAN_TRUE,
      booleanFalse: DEFAULT_BOOLEAN_FALSE,
      emptyMeans: "clear",
    };
    gridOptions.set(key, o);
  }
  return o;
}

/**
 * Typed or pasted text → stored value, by the same converter as an upload (lib/properties/convert.ts).
 * Text it cannot read stays as typed (trimmed), for the cell's rule (validate-cells.ts) to explain.
 */
export function parseCellText(column: GridColumn, text: string, options: ReadOptions = gridReadOptions()): string {
  if (column.parse) return column.parse(text);
  const r = cellConverter(column.readOnly ? { ...column, readOnly: false } : column, options)(text);
  return r.ok ? (r.value ?? "") : text.trim();
}

export function formatCellValue(column: GridColumn, value: string): string {
  if (value === "") return "";
  if (column.format) return column.format(value);
  if (column.type === "enum" || column.type === "bool")
    return column.options?.find((o) => o.value === value)?.label ?? value;
  if (column.type === "datetime") return formatDateTime(value);
  if (column.type === "date") return formatDate(value);
  if (column.type === "multi") return value.split(";").filter(Boolean).join(", ");
  return value;
}
