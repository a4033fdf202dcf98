/**
 * The order in which the grid reads and shows numeric dates: the browser's locale decides
 * (en-GB: 31/03/2026, en-US: 03/31/2026, de: 31.03.2026, sv: 2026-03-31) unless the user chose
 * one in the grid's "Date order" setting (kept in localStorage). One order per screen: every date
 * cell, date-time cell and "Last updated" reads and shows in it, so 01/04/2026 can only mean one day.
 */
export type DateOrder = "DMY" | "MDY" | "YMD";
export type DateOrderSetting = DateOrder | "locale";
export interface DateStyle {
  order: DateOrder;
  /** Between the parts: the locale's own when it uses this order, else "/" (year first: ISO's "-"). */
  sep: string;
}

export const ISO_STYLE: DateStyle = { order: "YMD", sep: "-" };
const STORAGE_KEY = "batchboard:date-order";
const ORDERS: readonly DateOrder[] = ["DMY", "MDY", "YMD"];

/** The numeric date order and separator of a locale, read from Intl (no table of locales to keep). */
export function localeDateStyle(locale: string): DateStyle {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat(locale, {
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      timeZone: "UTC",
    }).formatToParts(Date.UTC(2026, 2, 31));
  } catch {
    return { order: "MDY", sep: "/" }; // an invalid tag: Intl's own default (en-US)
  }
  const order = parts
    .filter((p) => p.type === "day" || p.type === "month" || p.type === "year")
    .map((p) => p.type[0]!.toUpperCase())
    .join("");
  if (order === "YMD" || !ORDERS.includes(order as DateOrder)) return ISO_STYLE;
  const sep = parts.find((p) => p.type === "literal")?.value.trim() ?? "/";
  return { order: order as DateOrder, sep: ["/", ".", "-"].includes(sep) ? sep : "/" };
}

/** How an order is written when the user chose it: the locale's separator if it agrees, else "/". */
export function styleFor(setting: DateOrderSetting, locale: string): DateStyle {
  const own = localeDateStyle(locale);
  if (setting === "locale" || setting === own.order) return own;
  return setting === "YMD" ? ISO_STYLE : { order: setting, sep: "/" };
}

const browserLocale = () => (typeof navigator !== "undefined" && navigator.language) || "en-US";

let setting: DateOrderSetting | null = null;
let style: DateStyle | null = null;
const listeners = new Set<() => void>();

export function dateOrderSetting(): DateOrderSetting {
  if (setting === null) {
    let stored: string | null;
    try {
      stored = typeof localStorage === "undefined" ? null : localStorage.getItem(STORAGE_KEY);
    } catch {
      stored = null; // storage blocked: follow the locale
    }
    setting = ORDERS.includes(stored as DateOrder) ? (stored as DateOrder) : "locale";
  }
  return setting;
}

/** The order in force on this screen. */
export function dateStyle(): DateStyle {
  return (style ??= styleFor(dateOrderSetting(), browserLocale()));
}

export function setDateOrderSetting(next: DateOrderSetting) {
  setting = next;
  style = null;
  try {
    if (next === "locale") localStorage.removeItem(STORAGE_KEY);
    else localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // not persisted; still applies in this tab
  }
  for (const l of listeners) l();
}

export function subscribeDateOrder(fn: () => void) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** A sample date in a style, for labels and messages: 31/03/2026. */
export function sampleDate(s: DateStyle): string {
  const parts = { D: "31", M: "03", Y: "2026" };
  return s.order
    .split("")
    .map((p) => parts[p as keyof typeof parts])
    .join(s.sep);
}

/** The pattern users read in placeholders: DD/MM/YYYY. */
export function datePattern(s: DateStyle): string {
  const parts = { D: "DD", M: "MM", Y: "YYYY" };
  return s.order
    .split("")
    .map((p) => parts[p as keyof typeof parts])
    .join(s.sep);
}

export const ORDER_WORDS: Record<DateOrder, string> = { DMY: "day first", MDY: "month first", YMD: "year first" };
