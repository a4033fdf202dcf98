import { z } from "zod";

/**
 * How text is read into values: the upload's conversion options (lib/uploads/mapping/schemas.ts
 * adds defaults and the form's rules) and the grid's (the screen's date order, the user's zone).
 */
export const DATE_FORMATS = ["auto", "ISO", "DMY", "MDY", "YMD", "excel-serial"] as const;
export const DateFormatSchema = z.enum(DATE_FORMATS);
export type DateFormat = z.infer<typeof DateFormatSchema>;

/** Intl is the authority on zone names: it throws a RangeError for one it does not know. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return zone.trim() !== "";
  } catch {
    return false;
  }
}
export const TimeZoneSchema = z
  .string()
  .max(100)
  .refine(isTimeZone, "Not a time zone (expected an IANA name such as Europe/Berlin)");

/**
 * English words only by default: they are what exports and XLSX (TRUE/FALSE) produce. Other
 * languages (ja/nein, oui/non) are added by the user, so a default never reads a word two ways.
 */
export const DEFAULT_BOOLEAN_TRUE = ["true", "yes", "y", "1"];
export const DEFAULT_BOOLEAN_FALSE = ["false", "no", "n", "0"];

export interface ReadOptions {
  /** How d/m/y text is read: an explicit format, or the screen's order (the grid: date-order.ts). */
  dateFormat: DateFormat | ScreenOrder;
  /** The zone of date-times written without Z or an offset. */
  timeZone: string;
  decimalSeparator: "." | ",";
  booleanTrue: readonly string[];
  booleanFalse: readonly string[];
  /** An empty cell leaves the property as it is, or clears it. */
  emptyMeans: "leave" | "clear";
}

/**
 * The grid reads dates in the screen's order (the locale's, or the user's choice), more leniently
 * than an upload's explicit format: year-first text is never misread, dotted dates are day-first.
 */
export type ScreenOrder = { order: "DMY" | "MDY" | "YMD" };
