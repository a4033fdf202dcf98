import { describe, expect, it } from "vitest";
import { localeDateStyle, styleFor } from "./date-order";
import { dateTextProblem, formatDate, formatDateTime, parseDate, parseDateTime } from "./values";

/** Issue 11, item 10: slashed dates are read in the user's locale (or chosen) order, never always month-first. */
const GB = localeDateStyle("en-GB");
const US = localeDateStyle("en-US");
const LONDON = "Europe/London";

describe("the locale's date order", () => {
  it("comes from Intl for each locale", () => {
    expect(GB).toEqual({ order: "DMY", sep: "/" });
    expect(US).toEqual({ order: "MDY", sep: "/" });
    expect(localeDateStyle("de-DE")).toEqual({ order: "DMY", sep: "." });
    expect(localeDateStyle("sv-SE")).toEqual({ order: "YMD", sep: "-" });
  });

  it("can be overridden by the user's setting", () => {
    expect(styleFor("MDY", "en-GB")).toEqual({ order: "MDY", sep: "/" });
    expect(styleFor("DMY", "de-DE")).toEqual({ order: "DMY", sep: "." });
    expect(styleFor("YMD", "en-US")).toEqual({ order: "YMD", sep: "-" });
    expect(styleFor("locale", "en-GB")).toEqual(GB);
  });
});

describe("reading dates in the screen's order", () => {
  it("reads 01/04/2026 as 1 April day-first and 4 January month-first", () => {
    expect(parseDate("01/04/2026", GB)).toBe("2026-04-01");
    expect(parseDate("01/04/2026", US)).toBe("2026-01-04");
    expect(parseDateTime("01/04/2026 09:00", LONDON, GB)).toBe("2026-04-01T08:00:00.000Z");
  });

  it("keeps a date that does not exist in this order as typed, with a reason, never as 2026-30-04", () => {
    expect(parseDate("30/04/2026", US)).toBe("30/04/2026");
    expect(dateTextProblem("30/04/2026", US)).toMatch(/not a date/);
    expect(parseDate("30/04/2026", GB)).toBe("2026-04-30");
    expect(dateTextProblem("30/04/2026", GB)).toBeNull();
    expect(parseDateTime("30/04/2026 10:00", LONDON, US)).toBe("30/04/2026 10:00");
  });

  it("reads year-first and dotted dates the same way in every order", () => {
    for (const s of [GB, US]) {
      expect(parseDate("2026-03-31", s)).toBe("2026-03-31");
      expect(parseDate("2026/03/31", s)).toBe("2026-03-31");
      expect(parseDate("31.03.2026", s)).toBe("2026-03-31");
    }
  });

  it("flags a truly ambiguous date where the order is not known (a year-first locale)", () => {
    const sv = localeDateStyle("sv-SE");
    expect(parseDate("05/06/2026", sv)).toBe("05/06/2026");
    expect(dateTextProblem("05/06/2026", sv)).toMatch(/could be 5 June 2026 \(DMY\) or May 6, 2026 \(MDY\)/);
    expect(parseDate("25/06/2026", sv)).toBe("2026-06-25");
  });
});

describe("showing dates in the screen's order", () => {
  it("shows dates and date-times as they are typed, so copy and paste round-trip", () => {
    expect(formatDate("2026-04-01", GB)).toBe("01/04/2026");
    expect(formatDate("2026-04-01", US)).toBe("04/01/2026");
    expect(formatDate("2026-04-01", localeDateStyle("de-DE"))).toBe("01.04.2026");
    const shown = formatDateTime("2026-04-01T08:00:00.000Z", LONDON, GB);
    expect(shown).toBe("01/04/2026 09:00");
    expect(parseDateTime(shown, LONDON, GB)).toBe("2026-04-01T08:00:00.000Z");
    for (const s of [GB, US]) expect(parseDate(formatDate("2026-12-05", s), s)).toBe("2026-12-05");
  });
});
