import { describe, expect, it } from "vitest";
import type { TargetColumn } from "@/lib/uploads/types";
import { zonedToUtc } from "../time/time-zone";
import { convertCell, type ConvertResult } from "./convert";
import { excelSerialToWallClock } from "./dates";
import type { ConversionOptionsInput } from "@/lib/uploads/mapping/schemas";
import { options, STATUS } from "@/lib/uploads/mapping/test-fixtures";

const col = (type: TargetColumn["type"], extra: Partial<TargetColumn> = {}): TargetColumn => ({
  key: `p_${type}`,
  label: `The ${type}`,
  type,
  ...extra,
});
const TEXT = col("text");
const LONG = col("longText");
const NUMBER = col("number");
const DATE = col("date");
const DATETIME = col("datetime");
const BOOL = col("bool");
const MULTI = col("multi", { options: STATUS.options });

/** The converted value, failing the test with the error if there is one. */
function value(column: TargetColumn, raw: string, o: Partial<ConversionOptionsInput> = {}): string | undefined {
  const r = convertCell(column, raw, options(o));
  if (!r.ok) throw new Error(`expected ${JSON.stringify(raw)} to convert: ${r.error}`);
  return r.value;
}
/** The error message, failing the test if the value converts. */
function error(column: TargetColumn, raw: string, o: Partial<ConversionOptionsInput> = {}): string {
  const r: ConvertResult = convertCell(column, raw, options(o));
  if (r.ok) throw new Error(`expected ${JSON.stringify(raw)} to fail, got ${JSON.stringify(r.value)}`);
  return r.error;
}

describe("text", () => {
  it("trims; single-line text collapses line breaks, long text keeps them", () => {
    expect(value(TEXT, "  hello  ")).toBe("hello");
    expect(value(TEXT, "hello\r\n\r\n  world\rnow")).toBe("hello world now");
    expect(value(LONG, " line 1\r\nline 2\n\nline 4 ")).toBe("line 1\nline 2\n\nline 4");
  });

  it("rejects text over HubSpot's 65,536 characters", () => {
    expect(value(TEXT, "x".repeat(65_536))).toHaveLength(65_536);
    expect(error(LONG, "x".repeat(65_537))).toMatch(/longer than 65,536 characters/);
  });
});

describe("empty cells", () => {
  it("leave the property unchanged, or clear it", () => {
    for (const c of [TEXT, NUMBER, DATE, DATETIME, BOOL, STATUS, MULTI]) {
      expect(value(c, "   ")).toBeUndefined();
      expect(value(c, "", { emptyMeans: "clear" })).toBe("");
    }
  });

  it("never clear a required or read-only property", () => {
    expect(value(col("text", { requiredOnCreate: true }), "", { emptyMeans: "clear" })).toBeUndefined();
    expect(value(col("number", { readOnly: true }), " ", { emptyMeans: "clear" })).toBeUndefined();
  });
});

it("read-only columns reject any value", () => {
  expect(error(col("number", { readOnly: true, label: "Record ID" }), "123")).toBe(
    "Record ID is read-only: “123” can't be written",
  );
});

describe("numbers", () => {
  it("reads thousands separators and the decimal separator option", () => {
    expect(value(NUMBER, "1,234.5")).toBe("1234.5");
    expect(value(NUMBER, "1.234,5", { decimalSeparator: "," })).toBe("1234.5");
    expect(value(NUMBER, "1 234 567,89", { decimalSeparator: "," })).toBe("1234567.89");
    expect(value(NUMBER, "1\u202f234,5", { decimalSeparator: "," })).toBe("1234.5");
    expect(value(NUMBER, "1'234'567.25")).toBe("1234567.25");
    expect(value(NUMBER, "-0,5", { decimalSeparator: "," })).toBe("-0.5");
    expect(value(NUMBER, "+42")).toBe("42");
    expect(value(NUMBER, "−7")).toBe("-7");
    expect(value(NUMBER, ".5")).toBe("0.5");
    expect(value(NUMBER, "1.234")).toBe("1.234");
    expect(value(NUMBER, "1.234", { decimalSeparator: "," })).toBe("1234");
  });

  it("keeps long ids exact and takes JS exponent notation (XLSX)", () => {
    expect(value(NUMBER, "12345678901234567890")).toBe("12345678901234567890");
    expect(value(NUMBER, "1.5e-7")).toBe("1.5e-7");
    expect(value(NUMBER, "1E+21")).toBe("1E+21");
  });

  it("rejects what does not fit the separator option", () => {
    expect(error(NUMBER, "1,5")).toBe("“1,5” is not a number (decimal separator “.”, thousands “,”)");
    expect(error(NUMBER, "1.5", { decimalSeparator: "," })).toMatch(/^“1\.5” is not a number \(decimal separator “,”/);
    expect(error(NUMBER, "12,34,5")).toMatch(/not a number/);
    expect(error(NUMBER, "1 2")).toMatch(/not a number/);
    expect(error(NUMBER, "$100")).toMatch(/not a number/);
    expect(error(NUMBER, "abc")).toMatch(/^“abc”/);
  });
});

describe("currency codes", () => {
  const CURRENCY = col("currency", { label: "Currency", options: ["EUR", "USD"].map((c) => ({ value: c, label: c })) });
  it("upper-cases and checks against the column's options", () => {
    expect(value(CURRENCY, " eur ")).toBe("EUR");
    expect(value(CURRENCY, "Usd")).toBe("USD");
    expect(error(CURRENCY, "GBP")).toMatch(/^“GBP” is not an option of Currency \(expected “EUR”, “USD”\)/);
  });
  it("checks against ISO 4217 (Intl) when the column has no options", () => {
    expect(value(col("currency"), "chf")).toBe("CHF");
    expect(error(col("currency"), "ABC")).toBe("“ABC” is not a currency code (expected ISO 4217, e.g. EUR, USD)");
  });
});

describe("dates", () => {
  it("always reads ISO, including the XLSX parser's full ISO, whatever the format", () => {
    for (const dateFormat of ["auto", "ISO", "DMY", "MDY", "YMD", "excel-serial"] as const) {
      expect(value(DATE, "2026-03-31", { dateFormat })).toBe("2026-03-31");
      expect(value(DATE, "2026-03-31T00:00:00.000Z", { dateFormat })).toBe("2026-03-31");
    }
    expect(value(DATE, "2026-3-5")).toBe("2026-03-05");
    // A time in a date column is dropped: the date is the one written.
    expect(value(DATE, "2026-03-31 23:30")).toBe("2026-03-31");
    expect(value(DATE, "31/03/2026 14:00", { dateFormat: "DMY" })).toBe("2026-03-31");
  });

  it("reads DMY, MDY and YMD as chosen", () => {
    expect(value(DATE, "31/03/2026", { dateFormat: "DMY" })).toBe("2026-03-31");
    expect(value(DATE, "31.03.2026", { dateFormat: "DMY" })).toBe("2026-03-31");
    expect(value(DATE, "1-4-2026", { dateFormat: "DMY" })).toBe("2026-04-01");
    expect(value(DATE, "03/04/2026", { dateFormat: "DMY" })).toBe("2026-04-03");
    expect(value(DATE, "03/04/2026", { dateFormat: "MDY" })).toBe("2026-03-04");
    expect(value(DATE, "3/31/2026", { dateFormat: "MDY" })).toBe("2026-03-31");
    expect(value(DATE, "2026/03/31", { dateFormat: "YMD" })).toBe("2026-03-31");
    expect(value(DATE, "2026.3.9", { dateFormat: "YMD" })).toBe("2026-03-09");
  });

  it("names the value and the format when a date does not exist or does not fit", () => {
    expect(error(DATE, "31/02/2026", { dateFormat: "DMY" })).toBe("“31/02/2026” is not a date (DMY)");
    expect(error(DATE, "02/31/2026", { dateFormat: "DMY" })).toBe("“02/31/2026” is not a date (DMY)");
    expect(error(DATE, "31/03/2026", { dateFormat: "MDY" })).toBe("“31/03/2026” is not a date (MDY)");
    expect(error(DATE, "2026-02-29", { dateFormat: "DMY" })).toBe("“2026-02-29” is not a date (ISO)");
    expect(value(DATE, "2028-02-29")).toBe("2028-02-29");
    expect(error(DATE, "31/03/2026", { dateFormat: "YMD" })).toBe("“31/03/2026” is not a date (expected YYYY/MM/DD)");
    expect(error(DATE, "2026/03/31", { dateFormat: "ISO" })).toBe("“2026/03/31” is not a date (expected YYYY-MM-DD)");
    expect(error(DATE, "2026/03/31", { dateFormat: "DMY" })).toBe("“2026/03/31” is not a date (expected DD/MM/YYYY)");
    expect(error(DATE, "soon", { dateFormat: "MDY" })).toBe("“soon” is not a date (expected MM/DD/YYYY)");
    expect(error(DATE, "31/03/26", { dateFormat: "DMY" })).toMatch(/two-digit year/);
  });

  it("auto: ISO, year-first, unambiguous day/month orders, dotted European dates and month names", () => {
    expect(value(DATE, "31/03/2026")).toBe("2026-03-31");
    expect(value(DATE, "03/31/2026")).toBe("2026-03-31");
    expect(value(DATE, "04/04/2026")).toBe("2026-04-04");
    expect(value(DATE, "2026/03/31")).toBe("2026-03-31");
    expect(value(DATE, "03.04.2026")).toBe("2026-04-03");
    expect(value(DATE, "31 Mar 2026")).toBe("2026-03-31");
    expect(value(DATE, "31-Mar-2026")).toBe("2026-03-31");
    expect(value(DATE, "March 31, 2026")).toBe("2026-03-31");
    expect(value(DATE, "Sept 3rd 2026")).toBe("2026-09-03");
    expect(error(DATE, "31 Foo 2026")).toMatch(/expected a date such as/);
    expect(error(DATE, "31/02/2026")).toBe("“31/02/2026” is not a date (read as DMY)");
  });

  it("auto: an ambiguous day/month order is an error asking for DMY or MDY", () => {
    expect(error(DATE, "03/04/2026")).toBe(
      "“03/04/2026” could be 3 April 2026 (DMY) or March 4, 2026 (MDY); choose the date format",
    );
  });

  it("auto does not guess Excel serial numbers; excel-serial reads them", () => {
    expect(error(DATE, "46112")).toMatch(/^“46112” is not a date \(expected/);
    expect(value(DATE, "46112", { dateFormat: "excel-serial" })).toBe("2026-03-31");
    expect(value(DATE, "46112.75", { dateFormat: "excel-serial" })).toBe("2026-03-31");
    expect(value(DATE, "46112,75", { dateFormat: "excel-serial", decimalSeparator: "," })).toBe("2026-03-31");
  });

  it("Excel's 1900 leap-year bug: 59 is 28 Feb, 60 does not exist, 61 is 1 March", () => {
    const s = (n: string) => convertCell(DATE, n, options({ dateFormat: "excel-serial" }));
    expect(s("1")).toEqual({ ok: true, value: "1900-01-01" });
    expect(s("59")).toEqual({ ok: true, value: "1900-02-28" });
    expect(s("60")).toEqual({
      ok: false,
      error: "“60” is not a date: Excel's day 60 is 29 February 1900, which did not exist",
    });
    expect(s("61")).toEqual({ ok: true, value: "1900-03-01" });
    expect(s("0")).toMatchObject({ ok: false });
    expect(s("-5")).toMatchObject({ ok: false });
    expect(s("2958465")).toEqual({ ok: true, value: "9999-12-31" });
    expect(s("2958466")).toMatchObject({ ok: false });
    expect(s("abc")).toEqual({ ok: false, error: "“abc” is not a date (expected an Excel date number such as 46112)" });
  });

  it("serial fractions are times of day, to the millisecond", () => {
    expect(excelSerialToWallClock(46112.375)).toEqual({
      year: 2026,
      month: 3,
      day: 31,
      hour: 9,
      minute: 0,
      second: 0,
      millisecond: 0,
    });
    expect(excelSerialToWallClock(61.5)).toMatchObject({ year: 1900, month: 3, day: 1, hour: 12 });
    expect(excelSerialToWallClock(46112 + 1 / 86_400)).toMatchObject({ hour: 0, minute: 0, second: 1, millisecond: 0 });
  });
});

describe("date-times", () => {
  const BERLIN = { timeZone: "Europe/Berlin" };

  it("keeps values with Z or an offset as that instant", () => {
    expect(value(DATETIME, "2026-03-31T07:00:00.000Z", BERLIN)).toBe("2026-03-31T07:00:00.000Z");
    expect(value(DATETIME, "2026-03-31T09:00:00+05:30", BERLIN)).toBe("2026-03-31T03:30:00.000Z");
    expect(value(DATETIME, "2026-03-31 09:00 -0400", BERLIN)).toBe("2026-03-31T13:00:00.000Z");
    expect(error(DATETIME, "2026-03-31T09:00+25:00", BERLIN)).toBe(
      "“2026-03-31T09:00+25:00” is not a date and time (ISO)",
    );
  });

  it("reads zone-less values in the chosen zone, winter and summer", () => {
    expect(value(DATETIME, "2026-01-15 09:00", BERLIN)).toBe("2026-01-15T08:00:00.000Z");
    expect(value(DATETIME, "2026-07-01T09:00:30.250", BERLIN)).toBe("2026-07-01T07:00:30.250Z");
    expect(value(DATETIME, "2026-03-31", BERLIN)).toBe("2026-03-30T22:00:00.000Z");
    expect(value(DATETIME, "31/03/2026", { ...BERLIN, dateFormat: "DMY" })).toBe("2026-03-30T22:00:00.000Z");
    expect(value(DATETIME, "2026-01-15 09:00", { timeZone: "America/New_York" })).toBe("2026-01-15T14:00:00.000Z");
    expect(value(DATETIME, "31/03/2026 21:15", { ...BERLIN, dateFormat: "DMY" })).toBe("2026-03-31T19:15:00.000Z");
    expect(value(DATETIME, "3/31/2026 9:15 PM", { ...BERLIN, dateFormat: "MDY" })).toBe("2026-03-31T19:15:00.000Z");
    expect(value(DATETIME, "3/31/2026 12:00 AM", { ...BERLIN, dateFormat: "MDY" })).toBe("2026-03-30T22:00:00.000Z");
    expect(value(DATETIME, "31.03.2026 09:00", BERLIN)).toBe("2026-03-31T07:00:00.000Z");
  });

  it("is DST-correct in Europe/Berlin: the spring gap moves forward, the autumn repeat is its first occurrence", () => {
    expect(value(DATETIME, "2026-03-29 01:30", BERLIN)).toBe("2026-03-29T00:30:00.000Z");
    expect(value(DATETIME, "2026-03-29 02:30", BERLIN)).toBe("2026-03-29T01:30:00.000Z");
    expect(value(DATETIME, "2026-03-29 03:30", BERLIN)).toBe("2026-03-29T01:30:00.000Z");
    expect(value(DATETIME, "2026-03-28 23:00", BERLIN)).toBe("2026-03-28T22:00:00.000Z");
    expect(value(DATETIME, "2026-03-30 00:00", BERLIN)).toBe("2026-03-29T22:00:00.000Z");
    expect(value(DATETIME, "2026-10-25 01:30", BERLIN)).toBe("2026-10-24T23:30:00.000Z");
    expect(value(DATETIME, "2026-10-25 02:30", BERLIN)).toBe("2026-10-25T00:30:00.000Z");
    expect(value(DATETIME, "2026-10-25 03:30", BERLIN)).toBe("2026-10-25T02:30:00.000Z");
  });

  it("agrees with the grid's zonedToUtc on every half hour of 2026 in zones with unusual transitions", () => {
    for (const timeZone of [
      "Europe/Berlin",
      "America/New_York",
      "Australia/Lord_Howe",
      "Asia/Kolkata",
      "America/Santiago",
    ]) {
      const opts = options({ timeZone });
      const wrong: string[] = [];
      for (let day = 0; day < 365; day++) {
        const d = new Date(Date.UTC(2026, 0, 1 + day));
        for (const [hour, minute] of [
          [0, 0],
          [1, 30],
          [2, 0],
          [2, 15],
          [2, 45],
          [3, 0],
          [12, 0],
          [23, 30],
        ] as const) {
          const w = {
            year: 2026,
            month: d.getUTCMonth() + 1,
            day: d.getUTCDate(),
            hour,
            minute,
            second: 0,
            millisecond: 0,
          };
          const text = `2026-${String(w.month).padStart(2, "0")}-${String(w.day).padStart(2, "0")} ${hour}:${String(minute).padStart(2, "0")}`;
          const r = convertCell(DATETIME, text, opts);
          const got = r.ok ? r.value : r.error;
          if (got !== new Date(zonedToUtc(w, timeZone)).toISOString()) wrong.push(`${timeZone} ${text} → ${got}`);
        }
      }
      expect(wrong).toEqual([]);
    }
  });

  it("reads fractional Excel serials as wall-clock time in the zone", () => {
    expect(value(DATETIME, "46112.375", { ...BERLIN, dateFormat: "excel-serial" })).toBe("2026-03-31T07:00:00.000Z");
    expect(value(DATETIME, "46110.125", { ...BERLIN, dateFormat: "excel-serial" })).toBe("2026-03-29T01:00:00.000Z"); // 03:00 CEST
    expect(value(DATETIME, "46320", { ...BERLIN, dateFormat: "excel-serial" })).toBe("2026-10-24T22:00:00.000Z");
  });

  it("rejects impossible times and ambiguous dates", () => {
    expect(error(DATETIME, "2026-03-31 25:00", BERLIN)).toBe("“2026-03-31 25:00” is not a date and time (ISO)");
    expect(error(DATETIME, "3/31/2026 13:00 PM", { ...BERLIN, dateFormat: "MDY" })).toBe(
      "“3/31/2026 13:00 PM” is not a date and time (MDY)",
    );
    expect(error(DATETIME, "03/04/2026 10:00", BERLIN)).toMatch(/choose the date format/);
    expect(error(DATETIME, "tomorrow", BERLIN)).toMatch(/^“tomorrow” is not a date and time \(expected/);
  });
});

describe("options (enum)", () => {
  it("takes the internal value or the label, case- and accent-insensitively", () => {
    expect(value(STATUS, "in_progress")).toBe("in_progress");
    expect(value(STATUS, "In progress")).toBe("in_progress");
    expect(value(STATUS, "IN   PROGRESS")).toBe("in_progress");
    expect(value(STATUS, "Café")).toBe("cafe");
    expect(value(STATUS, "CAFÉ")).toBe("cafe");
    expect(value(STATUS, "etude")).toBe("etude");
    expect(value(STATUS, "ÉTUDE")).toBe("etude");
  });

  it("names a few valid labels, and the nearest one for a typo", () => {
    expect(error(STATUS, "Actve")).toBe(
      "“Actve” is not an option of Status (expected “Planned”, “In progress”, “Café”, “Étude”, “Sales, EMEA”, … (6 in all)). Did you mean “Active”?",
    );
    expect(error(STATUS, "zzzzzz")).not.toMatch(/Did you mean/);
  });

  it("refuses a spelling that folds to two options instead of picking one", () => {
    const c = col("enum", {
      options: [
        { value: "a", label: "Résumé" },
        { value: "b", label: "Resume" },
      ],
    });
    expect(value(c, "Résumé")).toBe("a");
    expect(value(c, "Resume")).toBe("b");
    expect(error(c, "RESUME")).toMatch(/matches more than one option/);
  });

  it("takes any text when the property has no options", () => {
    expect(value(col("enum"), " anything ")).toBe("anything");
  });
});

describe("multiple choice", () => {
  it("splits on ; or , and reads each part like an enum, joined with ;", () => {
    expect(value(MULTI, "Café; Étude")).toBe("cafe;etude");
    expect(value(MULTI, "cafe, in progress")).toBe("cafe;in_progress");
    expect(value(MULTI, "cafe;CAFÉ;; planned")).toBe("cafe;planned");
    expect(value(MULTI, ";")).toBeUndefined();
  });

  it("keeps a label that contains a comma, alone or in a ; list", () => {
    expect(value(MULTI, "Sales, EMEA")).toBe("sales_emea");
    expect(value(MULTI, "Sales, EMEA; Café")).toBe("sales_emea;cafe");
  });

  it("names the part that is not an option", () => {
    expect(error(MULTI, "cafe; nope")).toMatch(/^In “cafe; nope”: “nope” is not an option of The multi/);
  });

  it("without options, splits and joins", () => {
    expect(value(col("multi"), "12, 34 ,56")).toBe("12;34;56");
  });
});

describe("booleans", () => {
  it("reads the default words in any case", () => {
    for (const t of ["true", "TRUE", "Yes", "y", "1"]) expect(value(BOOL, t)).toBe("true");
    for (const f of ["false", "FALSE", "No", "N", "0"]) expect(value(BOOL, f)).toBe("false");
    expect(error(BOOL, "maybe")).toBe("“maybe” is not yes or no (expected true, yes, y, 1 / false, no, n, 0)");
  });

  it("reads the words the user chose instead", () => {
    const de = { booleanTrue: ["ja", "wahr"], booleanFalse: ["nein", "falsch"] };
    expect(value(BOOL, "JA", de)).toBe("true");
    expect(value(BOOL, "Nein", de)).toBe("false");
    expect(error(BOOL, "yes", de)).toMatch(/expected ja, wahr \/ nein, falsch/);
  });
});
