import { describe, expect, it } from "vitest";
import { columnLetter, filledWidth, looksLikeData, makeHeaders } from "./table";

describe("header rules", () => {
  it("names columns like a spreadsheet", () => {
    expect([0, 2, 25, 26, 27, 51, 52, 701, 702].map(columnLetter)).toEqual([
      "A",
      "C",
      "Z",
      "AA",
      "AB",
      "AZ",
      "BA",
      "ZZ",
      "AAA",
    ]);
  });

  it("trims names, names empty cells after their column and numbers repeats without colliding", () => {
    expect(makeHeaders(["  Email ", "", "email", "Email (2)", "Name", "Column B"], 6)).toEqual([
      "Email",
      "Column B",
      "email (3)",
      "Email (2)",
      "Name",
      "Column B (2)",
    ]);
    expect(makeHeaders(["Email", "Email", "Email"], 3)).toEqual(["Email", "Email (2)", "Email (3)"]);
  });

  it("pads the header to the width the data reaches", () => {
    expect(makeHeaders(["a", "b"], 4)).toEqual(["a", "b", "Column C", "Column D"]);
    expect(filledWidth(["a", "b", " ", ""])).toBe(2);
  });

  it("treats a row of only numbers, dates and email addresses as data", () => {
    expect(
      looksLikeData([
        "ann@example.com",
        "42",
        "2024-03-05",
        "",
        "1,234.50",
        "2024-03-05T14:30:00.000Z",
        "05/03/2024",
        "-3.5e2",
        "12%",
      ]),
    ).toBe(true);
    expect(looksLikeData(["Email", "42"])).toBe(false);
    expect(looksLikeData(["First name", "Last name"])).toBe(false);
    expect(looksLikeData(["2024", "Q1 2024"])).toBe(false);
    expect(looksLikeData(["", " "])).toBe(false);
  });
});
