/**
 * What a filter means, in one small form that both readers of filters use: the HubSpot search
 * translation (lib/hubspot/search-filters.ts) and the in-browser matcher (campaigns and marketing
 * events, filtered over their loaded lists). Dates become instants here, once: a date property is
 * stored as midnight UTC, while "a date-time on 3 March" means that day in the user's time zone.
 */
import type { PropertyType } from "@/lib/properties/types";
import { zonedToUtc, wallClockAt } from "@/lib/time/time-zone";
import { OPERATORS_BY_TYPE, type ViewFilter } from "./filters";

export type FilterMeaning =
  | { kind: "empty" }
  | { kind: "notEmpty" }
  /** Equal / not equal (text case-insensitively, as HubSpot compares). `neq` also matches empty values. */
  | { kind: "eq" | "neq"; value: string }
  | { kind: "contains" | "startsWith"; value: string }
  /** Numeric comparison: numbers, or dates and date-times as epoch milliseconds. */
  | { kind: "lt" | "lte" | "gt" | "gte"; value: number }
  /** Inclusive range, numbers or epoch milliseconds. */
  | { kind: "between"; low: number; high: number }
  /** Any of / none of the option values (a multi-select matches when any of its values is listed). None-of matches empty. */
  | { kind: "in" | "notIn"; values: string[] };

export interface MeaningContext {
  /** The user's IANA zone, for days of date-times. */
  timeZone: string;
  /** "Now", for "in the last/next N days". */
  now: number;
}

const DAY = 86_400_000;
const isDay = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v);

/** Midnight UTC of a YYYY-MM-DD date: how HubSpot stores a date property. */
const dateMs = (v: string) => Date.parse(`${v}T00:00:00.000Z`);

/** The instant a day starts in the zone (a date-time compared by day). */
function dayStart(v: string, timeZone: string): number {
  const [year, month, day] = v.split("-").map(Number) as [number, number, number];
  return zonedToUtc({ year, month, day, hour: 0, minute: 0, second: 0, millisecond: 0 }, timeZone);
}
const nextDay = (v: string) => new Date(dateMs(v) + DAY).toISOString().slice(0, 10);

/** A date-time filter value: a day (in the zone) or an exact instant. */
function instantRange(v: string, timeZone: string): { start: number; end: number } {
  if (isDay(v)) return { start: dayStart(v, timeZone), end: dayStart(nextDay(v), timeZone) };
  const t = Date.parse(v);
  return { start: t, end: t + 1 };
}

function todayIn(ctx: MeaningContext): string {
  const w = wallClockAt(ctx.now, ctx.timeZone);
  return `${w.year}-${String(w.month).padStart(2, "0")}-${String(w.day).padStart(2, "0")}`;
}

/**
 * A filter's meaning for a column of `type`. Throws on a value the type cannot hold (a date that is
 * not a date): filters are validated by type before they get here (validateFilter), so that is a bug.
 */
export function filterMeaning(f: ViewFilter, type: PropertyType, ctx: MeaningContext): FilterMeaning {
  // Guarded here too: a bool "lt" would otherwise become a comparison with NaN that matches nothing, silently.
  if (!OPERATORS_BY_TYPE[type].includes(f.operator))
    throw new Error(`"${f.operator}" does not apply to ${type} columns`);
  const value = f.value ?? "";
  const dated = type === "date" || type === "datetime";
  switch (f.operator) {
    case "is_empty":
      return { kind: "empty" };
    case "is_not_empty":
      return { kind: "notEmpty" };
    case "any_of":
      return { kind: "in", values: f.values ?? [] };
    case "none_of":
      return { kind: "notIn", values: f.values ?? [] };
    case "contains":
      return { kind: "contains", value };
    case "starts_with":
      return { kind: "startsWith", value };
  }
  if (!dated) {
    const n = Number(value);
    switch (f.operator) {
      case "eq":
      case "neq":
        return { kind: f.operator, value };
      case "lt":
      case "lte":
      case "gt":
      case "gte":
        return { kind: f.operator, value: n };
      case "between":
        return { kind: "between", low: n, high: Number(f.highValue ?? "") };
      default:
        throw new Error(`"${f.operator}" does not apply to ${type} columns`);
    }
  }
  // Dates and date-times: ranges of instants. A date property holds midnight UTC of its day.
  const range = (v: string) =>
    type === "date" ? { start: dateMs(v), end: dateMs(v) + DAY } : instantRange(v, ctx.timeZone);
  switch (f.operator) {
    case "eq": {
      const r = range(value);
      return type === "date"
        ? { kind: "between", low: r.start, high: r.start }
        : { kind: "between", low: r.start, high: r.end - 1 };
    }
    case "lt":
      return { kind: "lt", value: range(value).start };
    case "lte":
      return { kind: "lt", value: range(value).end };
    case "gt":
      return { kind: "gte", value: range(value).end };
    case "gte":
      return { kind: "gte", value: range(value).start };
    case "between":
      return { kind: "between", low: range(value).start, high: range(f.highValue ?? "").end - 1 };
    case "in_last_days":
    case "in_next_days": {
      const days = Number(value);
      if (type === "date") {
        const today = dateMs(todayIn(ctx));
        return f.operator === "in_last_days"
          ? { kind: "between", low: today - days * DAY, high: today }
          : { kind: "between", low: today, high: today + days * DAY };
      }
      return f.operator === "in_last_days"
        ? { kind: "between", low: ctx.now - days * DAY, high: ctx.now }
        : { kind: "between", low: ctx.now, high: ctx.now + days * DAY };
    }
    default:
      throw new Error(`"${f.operator}" does not apply to ${type} columns`);
  }
}

/**
 * Why a filter cannot apply to a column of `type` (an operator the type does not offer, a value it
 * cannot hold), or undefined. The filter bar shows it; server readers refuse the view with it.
 */
export function filterProblem(f: ViewFilter, type: PropertyType | undefined): string | undefined {
  if (!type) return `There is no column "${f.property}"`;
  if (!OPERATORS_BY_TYPE[type].includes(f.operator)) return `"${f.operator}" does not apply to ${type} columns`;
  const values = [f.value, f.highValue].filter((v): v is string => v !== undefined && v !== "");
  if (["lt", "lte", "gt", "gte", "between", "eq", "neq"].includes(f.operator)) {
    if (type === "number" && values.some((v) => !Number.isFinite(Number(v)))) return "Not a number";
    if (type === "date" && values.some((v) => !isDay(v) || Number.isNaN(dateMs(v)))) return "Not a date (YYYY-MM-DD)";
    if (type === "datetime" && values.some((v) => Number.isNaN(isDay(v) ? dateMs(v) : Date.parse(v))))
      return "Not a date or time";
    if (type === "bool" && values.some((v) => v !== "true" && v !== "false")) return "Yes or No";
  }
  return undefined;
}
