import { describe, expect, it } from "vitest";
import { parseCellText } from "@/components/grid/values";
import { YES_NO } from "@/lib/properties/column-type";
import {
  DEFAULT_BOOLEAN_FALSE,
  DEFAULT_BOOLEAN_TRUE,
  type DateFormat,
  type ReadOptions,
} from "@/lib/properties/read-options";
import type { PropertyDef } from "@/lib/properties/types";
import { createRowValidator } from "@/lib/uploads/mapping/validate-rows";
import { cellProblem } from "./validate-cells";

/**
 * Issue 13, item 3: the grid and an upload accept and reject exactly the same values. Every row
 * goes through both paths: the grid's (parseCellText, then the cell rule of validate-cells.ts) and
 * the upload's (validate-rows with the same reading options), and both must give the expected
 * stored value, or both must refuse. (Lives in components/ because it imports the grid's path.)
 */
const col = (type: PropertyDef["type"], extra: Partial<PropertyDef> = {}): PropertyDef => ({
  key: `p_${type}`,
  label: `The ${type}`,
  type,
  ...extra,
});
const NUMBER = col("number");
const CURRENCY = col("currency", { options: ["EUR", "USD", "CHF"].map((c) => ({ value: c, label: c })) });
const FREE_CURRENCY = col("currency");
const DATE = col("date");
const DATETIME = col("datetime");
const TEXT = col("text");
const LONG = col("longText");
const BOOL = col("bool", { options: YES_NO });
const OWN_BOOL = col("bool", {
  options: [
    { value: "true", label: "Ja" },
    { value: "false", label: "Nein" },
  ],
});
const STATUS = col("enum", {
  options: [
    { value: "planned", label: "Planned" },
    { value: "in_progress", label: "In progress" },
    { value: "cafe", label: "Café" },
    { value: "active", label: "Active" },
  ],
});
const FREE_ENUM = col("enum");
const MULTI = col("multi", { options: STATUS.options });
const FREE_MULTI = col("multi");
const READ_ONLY = col("number", { readOnly: true });
const URL = col("text", { url: true });
const NAME = col("text", { maxLength: 256 });

/** Locale orders as the grid gets them (date-order.ts); explicit formats as an upload chooses them. */
type Dates = "GB" | "US" | "SV" | DateFormat;
const SCREEN = { GB: { order: "DMY" }, US: { order: "MDY" }, SV: { order: "YMD" } } as const;
/** Not a value any reader writes (values are trimmed), so it cannot be mistaken for one. */
const REJECT = " refused ";
type Row = [PropertyDef, string, Dates, string];

const ROWS: Row[] = [
  // numbers: grouping, signs and exponents read alike; a comma decimal or hex is refused
  [NUMBER, "1,234.5", "GB", "1234.5"],
  [NUMBER, " 1 234 ", "GB", "1234"],
  [NUMBER, "-0.5", "US", "-0.5"],
  [NUMBER, "+3", "US", "3"],
  [NUMBER, "\u22122", "US", "-2"],
  [NUMBER, "1e5", "US", "1e5"],
  [NUMBER, ".5", "US", "0.5"],
  [NUMBER, "1,5", "GB", REJECT],
  [NUMBER, "5.", "GB", REJECT],
  [NUMBER, "0x10", "GB", REJECT],
  [NUMBER, "abc", "GB", REJECT],
  [NUMBER, "", "GB", ""],
  // currency codes: the column's options, else ISO 4217 as Intl knows it
  [CURRENCY, "eur", "GB", "EUR"],
  [CURRENCY, "GBP", "GB", REJECT],
  [FREE_CURRENCY, "gbp", "GB", "GBP"],
  [FREE_CURRENCY, "XYZ", "GB", REJECT],
  // dates in the screen's order, and in an upload's explicit format
  [DATE, "01/04/2026", "GB", "2026-04-01"],
  [DATE, "01/04/2026", "US", "2026-01-04"],
  [DATE, "01/04/2026", "SV", REJECT],
  [DATE, "25/06/2026", "SV", "2026-06-25"],
  [DATE, "30/04/2026", "US", REJECT],
  [DATE, "31.03.2026", "US", "2026-03-31"],
  [DATE, "2026/03/31", "US", "2026-03-31"],
  [DATE, "2026-03-31", "SV", "2026-03-31"],
  [DATE, "31 Mar 2026", "GB", "2026-03-31"],
  [DATE, "March 31, 2026", "US", "2026-03-31"],
  [DATE, "31/02/2026", "GB", REJECT],
  [DATE, "31/03/26", "GB", REJECT],
  [DATE, "soon", "US", REJECT],
  [DATE, "03/04/2026", "DMY", "2026-04-03"],
  [DATE, "03/04/2026", "MDY", "2026-03-04"],
  [DATE, "03/04/2026", "auto", REJECT],
  [DATE, "2026/03/31", "DMY", REJECT],
  [DATE, "46112", "excel-serial", "2026-03-31"],
  [DATE, "46112", "GB", REJECT],
  // date-times: an offset is an instant, anything else the zone's wall clock (Europe/London)
  [DATETIME, "01/04/2026 09:00", "GB", "2026-04-01T08:00:00.000Z"],
  [DATETIME, "04/01/2026 9:00 PM", "US", "2026-04-01T20:00:00.000Z"],
  [DATETIME, "2026-03-31T09:00+02:00", "US", "2026-03-31T07:00:00.000Z"],
  [DATETIME, "2026-01-15", "SV", "2026-01-15T00:00:00.000Z"],
  [DATETIME, "31/03/2026 25:00", "GB", REJECT],
  [DATETIME, "tomorrow", "GB", REJECT],
  // options: value or label, any case or accent
  [STATUS, "in progress", "GB", "in_progress"],
  [STATUS, "CAFE", "GB", "cafe"],
  [STATUS, "planned", "GB", "planned"],
  [STATUS, "nope", "GB", REJECT],
  [FREE_ENUM, "anything", "GB", "anything"],
  [MULTI, "Planned;Active", "GB", "planned;active"],
  [MULTI, "planned, café", "GB", "planned;cafe"],
  [MULTI, "planned;nope", "GB", REJECT],
  [FREE_MULTI, "0;12", "GB", "0;12"],
  // yes/no: true/false, yes/no, y/n, 1/0 in any case, and the property's own labels
  ...["true", "TRUE", "Yes", "y", "1"].map((t): Row => [BOOL, t, "GB", "true"]),
  ...["false", "No", "N", "0"].map((t): Row => [BOOL, t, "GB", "false"]),
  [BOOL, "maybe", "GB", REJECT],
  [OWN_BOOL, "ja", "GB", "true"],
  [OWN_BOOL, "NEIN", "GB", "false"],
  [OWN_BOOL, "yes", "GB", "true"],
  // text: trimmed; a single-line property joins wrapped lines; HubSpot's length limit
  [TEXT, "  hello  ", "GB", "hello"],
  [TEXT, "a\r\nb", "GB", "a b"],
  [LONG, "a\r\nb", "GB", "a\nb"],
  [TEXT, "x".repeat(65_537), "GB", REJECT],
  // a property's own rules: web addresses, a shorter length limit
  [URL, "https://example.com/event", "GB", "https://example.com/event"],
  [URL, "example.com", "GB", REJECT],
  [URL, "ftp://example.com", "GB", REJECT],
  [NAME, "n".repeat(256), "GB", "n".repeat(256)],
  [NAME, "n".repeat(257), "GB", REJECT],
  // read-only: never written
  [READ_ONLY, "5", "GB", REJECT],
];

function readOptions(dates: Dates): ReadOptions {
  const dateFormat = dates in SCREEN ? SCREEN[dates as keyof typeof SCREEN] : (dates as DateFormat);
  return {
    dateFormat,
    timeZone: "Europe/London",
    decimalSeparator: ".",
    booleanTrue: DEFAULT_BOOLEAN_TRUE,
    booleanFalse: DEFAULT_BOOLEAN_FALSE,
    emptyMeans: "clear",
  };
}

function viaGrid(p: PropertyDef, text: string, o: ReadOptions): string {
  const value = parseCellText(p, text, o);
  return cellProblem(p, value) === undefined ? value : REJECT;
}

function viaUpload(p: PropertyDef, text: string, o: ReadOptions): string {
  const v = createRowValidator({
    headers: ["Column"],
    mapping: { Column: p.key },
    columns: [p],
    options: o,
    mode: "create",
  });
  const r = v.push([text]);
  if (v.mappingErrors.length > 0 || !r.ok) return REJECT;
  return r.properties[p.key] ?? "";
}

const show = (v: string) => (v === REJECT ? "refused" : JSON.stringify(v));

describe("the grid and an upload read text alike", () => {
  it.each(
    ROWS.map(([p, text, dates, expected]) => ({
      p,
      text,
      dates,
      expected,
      name: `${p.type}${p.options ? "+options" : ""}${p.readOnly ? " read-only" : ""}${p.url ? " url" : ""}${p.maxLength ? ` max ${p.maxLength}` : ""} ${JSON.stringify(text.slice(0, 30))} (${dates}) → ${show(expected)}`,
    })),
  )("$name", ({ p, text, dates, expected }) => {
    const o = readOptions(dates);
    const grid = viaGrid(p, text, o);
    const upload = viaUpload(p, text, o);
    expect({ grid: show(grid), upload: show(upload) }).toEqual({ grid: show(expected), upload: show(expected) });
  });
});
