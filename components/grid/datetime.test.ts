import { describe, expect, it } from "vitest";
import { copyRange, pasteChanges } from "./range-ops";
import { parseTsv } from "./tsv";
import type { GridColumn, GridRow } from "./types";
import { ISO_STYLE } from "./date-order";
import {
  formatCellValue,
  formatDateTime,
  parseCellText,
  parseDateTime,
  sameCellValue,
  timeZoneLabel,
  userTimeZone,
} from "./values";

const BERLIN = "Europe/Berlin";
const NY = "America/New_York";

describe("parseDateTime", () => {
  it("reads wall-clock text in the given zone (winter and summer offsets)", () => {
    expect(parseDateTime("2026-03-31 09:00", BERLIN)).toBe("2026-03-31T07:00:00.000Z");
    expect(parseDateTime("2026-01-15T09:00", BERLIN)).toBe("2026-01-15T08:00:00.000Z");
    expect(parseDateTime("2026-03-31 09:00:30", NY)).toBe("2026-03-31T13:00:30.000Z");
    expect(parseDateTime("2026-01-15 9:00", NY)).toBe("2026-01-15T14:00:00.000Z");
    expect(parseDateTime("  2026-3-5 09:00  ", BERLIN)).toBe("2026-03-05T08:00:00.000Z");
  });

  it("reads a bare date as midnight in the zone", () => {
    expect(parseDateTime("2026-03-31", BERLIN)).toBe("2026-03-30T22:00:00.000Z");
    expect(parseDateTime("2026-01-15", NY)).toBe("2026-01-15T05:00:00.000Z");
  });

  it("handles the spring-forward day: a skipped time moves forward by the jump", () => {
    expect(parseDateTime("2026-03-29", BERLIN)).toBe("2026-03-28T23:00:00.000Z");
    expect(parseDateTime("2026-03-29 01:30", BERLIN)).toBe("2026-03-29T00:30:00.000Z");
    expect(parseDateTime("2026-03-29 02:30", BERLIN)).toBe("2026-03-29T01:30:00.000Z"); // = 03:30 CEST
    expect(parseDateTime("2026-03-29 03:30", BERLIN)).toBe("2026-03-29T01:30:00.000Z");
    expect(parseDateTime("2026-03-08 01:30", NY)).toBe("2026-03-08T06:30:00.000Z");
    expect(parseDateTime("2026-03-08 02:30", NY)).toBe("2026-03-08T07:30:00.000Z"); // = 03:30 EDT
    expect(parseDateTime("2026-03-08 03:30", NY)).toBe("2026-03-08T07:30:00.000Z");
  });

  it("handles the fall-back day: a repeated time is its first occurrence", () => {
    expect(parseDateTime("2026-10-25 01:30", BERLIN)).toBe("2026-10-24T23:30:00.000Z");
    expect(parseDateTime("2026-10-25 02:30", BERLIN)).toBe("2026-10-25T00:30:00.000Z");
    expect(parseDateTime("2026-10-25 03:30", BERLIN)).toBe("2026-10-25T02:30:00.000Z");
    expect(parseDateTime("2026-11-01 01:30", NY)).toBe("2026-11-01T05:30:00.000Z");
    expect(parseDateTime("2026-11-01 03:00", NY)).toBe("2026-11-01T08:00:00.000Z");
  });

  it("converts ISO text with Z or an offset to UTC, whatever the zone", () => {
    expect(parseDateTime("2026-03-31T09:00:00+02:00", NY)).toBe("2026-03-31T07:00:00.000Z");
    expect(parseDateTime("2026-03-31T07:00:00.000Z", BERLIN)).toBe("2026-03-31T07:00:00.000Z");
    expect(parseDateTime("2026-03-31t07:00z", BERLIN)).toBe("2026-03-31T07:00:00.000Z");
    expect(parseDateTime("2026-03-31T02:00:00-0500", BERLIN)).toBe("2026-03-31T07:00:00.000Z");
    expect(parseDateTime("2026-03-31 12:30+05:30", BERLIN)).toBe("2026-03-31T07:00:00.000Z");
    expect(parseDateTime("2026-03-31T09:00:00.5+02", BERLIN)).toBe("2026-03-31T07:00:00.500Z");
    expect(parseDateTime("2026-03-31T00:30:00-04:00", BERLIN)).toBe("2026-03-31T04:30:00.000Z");
  });

  it("reads US forms (month first, 12- or 24-hour clock)", () => {
    expect(parseDateTime("3/31/2026 9:00 AM", BERLIN)).toBe("2026-03-31T07:00:00.000Z");
    expect(parseDateTime("3/31/2026 12:00 AM", NY)).toBe("2026-03-31T04:00:00.000Z");
    expect(parseDateTime("3/31/2026 12:15 PM", NY)).toBe("2026-03-31T16:15:00.000Z");
    expect(parseDateTime("3/31/2026, 9:05:15 pm", NY)).toBe("2026-04-01T01:05:15.000Z");
    expect(parseDateTime("03/31/2026 21:00", BERLIN)).toBe("2026-03-31T19:00:00.000Z");
    expect(parseDateTime("3/31/2026", NY)).toBe("2026-03-31T04:00:00.000Z");
  });

  it("reads European forms (day first, dots)", () => {
    expect(parseDateTime("31.3.2026 21:00", BERLIN)).toBe("2026-03-31T19:00:00.000Z");
    expect(parseDateTime("31.03.2026", BERLIN)).toBe("2026-03-30T22:00:00.000Z");
    expect(parseDateTime("1.11.2026 01:30", NY)).toBe("2026-11-01T05:30:00.000Z");
  });

  it("keeps unreadable text, trimmed, so validation can say why", () => {
    expect(parseDateTime(" tomorrow ", BERLIN)).toBe("tomorrow");
    expect(parseDateTime("2026-02-30 10:00", BERLIN)).toBe("2026-02-30 10:00");
    expect(parseDateTime("2026-03-31 25:00", BERLIN)).toBe("2026-03-31 25:00");
    expect(parseDateTime("2026-03-31 09:60", BERLIN)).toBe("2026-03-31 09:60");
    expect(parseDateTime("3/31/2026 13:00 PM", NY)).toBe("3/31/2026 13:00 PM");
    expect(parseDateTime("13/31/2026 09:00", NY)).toBe("13/31/2026 09:00");
    expect(parseDateTime("2026-03-31T09:00+25:00", NY)).toBe("2026-03-31T09:00+25:00");
    expect(parseDateTime("1711868400000", NY)).toBe("1711868400000");
  });

  it("maps empty and blank text to empty", () => {
    expect(parseDateTime("", BERLIN)).toBe("");
    expect(parseDateTime("  \t ", NY)).toBe("");
  });
});

describe("formatDateTime", () => {
  it("shows a stored instant as YYYY-MM-DD HH:mm in the zone", () => {
    expect(formatDateTime("2026-03-31T07:00:00.000Z", BERLIN, ISO_STYLE)).toBe("2026-03-31 09:00");
    expect(formatDateTime("2026-03-31T07:00:00.000Z", NY, ISO_STYLE)).toBe("2026-03-31 03:00");
    expect(formatDateTime("2026-03-31T09:00:00+02:00", NY, ISO_STYLE)).toBe("2026-03-31 03:00");
    expect(formatDateTime("2026-03-30T22:00:00.000Z", BERLIN, ISO_STYLE)).toBe("2026-03-31 00:00");
    expect(formatDateTime("2026-01-15T14:00:00Z", NY, ISO_STYLE)).toBe("2026-01-15 09:00");
  });

  it("shows seconds and milliseconds only when set", () => {
    expect(formatDateTime("2026-03-31T07:00:30.000Z", BERLIN, ISO_STYLE)).toBe("2026-03-31 09:00:30");
    expect(formatDateTime("2026-03-31T07:00:00.250Z", BERLIN, ISO_STYLE)).toBe("2026-03-31 09:00:00.250");
  });

  it("gives the second occurrence of a repeated hour its offset", () => {
    expect(formatDateTime("2026-10-25T00:30:00.000Z", BERLIN, ISO_STYLE)).toBe("2026-10-25 02:30");
    expect(formatDateTime("2026-10-25T01:30:00.000Z", BERLIN, ISO_STYLE)).toBe("2026-10-25 02:30 +01:00");
    expect(formatDateTime("2026-11-01T06:30:00.000Z", NY, ISO_STYLE)).toBe("2026-11-01 01:30 -05:00");
  });

  it("shows empty and unparseable stored values as they are", () => {
    expect(formatDateTime("", BERLIN, ISO_STYLE)).toBe("");
    expect(formatDateTime("soon", BERLIN, ISO_STYLE)).toBe("soon");
    expect(formatDateTime("2026-03-31", BERLIN, ISO_STYLE)).toBe("2026-03-31");
    expect(formatDateTime("2026-03-31 09:00", BERLIN, ISO_STYLE)).toBe("2026-03-31 09:00");
  });
});

describe("format → parse round trip", () => {
  // Every 15 minutes across both DST days of both zones, plus odd seconds and milliseconds.
  const days = ["2026-03-28T20:00:00Z", "2026-10-24T20:00:00Z", "2026-03-07T20:00:00Z", "2026-10-31T20:00:00Z"];
  const instants = days.flatMap((d) =>
    Array.from({ length: 4 * 20 }, (_, i) => new Date(Date.parse(d) + i * 900_000).toISOString()),
  );
  instants.push("2026-06-30T23:59:59.999Z", "1999-12-31T23:00:00.000Z", "2026-02-28T12:34:56.000Z");

  for (const tz of [BERLIN, NY, "Asia/Kolkata", "UTC"]) {
    it(`returns the same UTC ISO value in ${tz}`, () => {
      const failures = instants.filter((iso) => parseDateTime(formatDateTime(iso, tz), tz) !== iso);
      expect(failures).toEqual([]);
    });
  }
});

describe("datetime columns in the grid layer", () => {
  const col: GridColumn = { key: "start", label: "Start", type: "datetime" };
  const tz = userTimeZone();

  it("parses and formats through the column helpers (in the browser's zone)", () => {
    expect(parseCellText(col, "2026-03-31T09:00:00+02:00")).toBe("2026-03-31T07:00:00.000Z");
    expect(parseCellText(col, "2026-03-31 09:00")).toBe(parseDateTime("2026-03-31 09:00", tz));
    expect(formatCellValue(col, "2026-03-31T07:00:00.000Z")).toBe(formatDateTime("2026-03-31T07:00:00.000Z", tz));
    expect(formatCellValue(col, "")).toBe("");
    expect(parseCellText({ ...col, parse: (t) => `x${t}` }, "a")).toBe("xa");
    expect(formatCellValue({ ...col, format: (v) => `y${v}` }, "b")).toBe("yb");
  });

  it("treats one instant in two spellings as the same value", () => {
    expect(sameCellValue(col, "2026-03-31T09:00:00+02:00", "2026-03-31T07:00:00.000Z")).toBe(true);
    expect(sameCellValue(col, "2026-03-31T09:00:00+01:00", "2026-03-31T07:00:00.000Z")).toBe(false);
    expect(sameCellValue({ ...col, type: "text" }, "2026-03-31T09:00:00+02:00", "2026-03-31T07:00:00.000Z")).toBe(
      false,
    );
    expect(sameCellValue(col, "junk", "junk")).toBe(true);
  });

  it("copies and pastes back without writing anything, even for offset-spelt values", () => {
    const rows: GridRow[] = [
      { id: "a", values: { start: "2026-03-31T09:00:00+02:00" } },
      { id: "b", values: { start: "2026-10-25T01:30:00.000Z" } },
      { id: "c", values: { start: "" } },
    ];
    const b = { top: 0, bottom: 2, left: 0, right: 0 };
    expect(pasteChanges(rows, [col], parseTsv(copyRange(rows, [col], b)), b).changes).toEqual([]);
    const { changes } = pasteChanges(rows, [col], [["2026-03-31T10:00Z"]], { top: 2, bottom: 2, left: 0, right: 0 });
    expect(changes).toEqual([{ rowId: "c", key: "start", value: "2026-03-31T10:00:00.000Z" }]);
  });

  it("labels zones for column headers", () => {
    expect(timeZoneLabel(NY)).toBe("America/New York");
    expect(timeZoneLabel(BERLIN)).toBe("Europe/Berlin");
    expect(timeZoneLabel()).toBe(timeZoneLabel(tz));
  });
});
