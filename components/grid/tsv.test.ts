import { describe, expect, it } from "vitest";
import { parseTsv, toTsv } from "./tsv";

describe("parseTsv", () => {
  it("splits rows and cells", () => {
    expect(parseTsv("a\tb\nc\td")).toEqual([
      ["a", "b"],
      ["c", "d"],
    ]);
  });
  it("ignores one trailing newline (Excel adds CRLF)", () => {
    expect(parseTsv("a\tb\r\nc\td\r\n")).toEqual([
      ["a", "b"],
      ["c", "d"],
    ]);
    expect(parseTsv("a\n")).toEqual([["a"]]);
  });
  it("keeps a deliberately empty last row when there are two newlines", () => {
    expect(parseTsv("a\n\n")).toEqual([["a"], [""]]);
  });
  it("reads quoted fields with tabs, newlines and doubled quotes", () => {
    expect(parseTsv('"multi\nline"\t"tab\there"\n"say ""hi"""\tx')).toEqual([
      ["multi\nline", "tab\there"],
      ['say "hi"', "x"],
    ]);
  });
  it("treats a quote inside an unquoted field as a character", () => {
    expect(parseTsv('5" screen\tok')).toEqual([['5" screen', "ok"]]);
  });
  it("keeps empty cells", () => {
    expect(parseTsv("\tb\t\n\t\t")).toEqual([
      ["", "b", ""],
      ["", "", ""],
    ]);
  });
  it("reads an empty clipboard as one empty cell", () => {
    expect(parseTsv("")).toEqual([[""]]);
  });
  it("accepts old Mac line endings", () => {
    expect(parseTsv("a\rb")).toEqual([["a"], ["b"]]);
  });
  it("parses 1,000 × 10 quickly", () => {
    const text =
      Array.from({ length: 1000 }, (_, r) => Array.from({ length: 10 }, (_, c) => `r${r}c${c}`).join("\t")).join(
        "\r\n",
      ) + "\r\n";
    const t0 = performance.now();
    const rows = parseTsv(text);
    expect(performance.now() - t0).toBeLessThan(200);
    expect(rows).toHaveLength(1000);
    expect(rows[999]![9]).toBe("r999c9");
  });
});

describe("toTsv", () => {
  it("round-trips through parseTsv", () => {
    const data = [
      ["plain", 'quo"te'],
      ["tab\tin", "line\nbreak"],
      ["", "x"],
    ];
    expect(parseTsv(toTsv(data))).toEqual(data);
  });
});
