/** Hostile uploads are refused while they are read, with the reason in plain words (issue 11, item 1). */
import { describe, expect, it } from "vitest";
import { cell, sharedStringsPart, sheetPart, workbookParts, writeZip } from "./hostile-files";
import {
  MAX_CELL_CHARS,
  MAX_COLUMNS,
  MAX_ENTRY_BYTES,
  MAX_SHARED_STRINGS,
  PREVIEW_CELL_CHARS,
  previewCell,
} from "./limits";
import { openUpload } from "./open-upload";
import { makeHeaders } from "./table";
import { allRows, corpusDir, parseFailure } from "./test-helpers";

const corpus = corpusDir("limits");
const MB = 1024 * 1024;
const memory = () => process.memoryUsage().rss;

/** Data rows of inline-string cells, numbered from row 2, as one repeatable XML block. */
const header = `<row r="1">${cell("A1", "Email")}${cell("B1", "Name")}</row>`;
const plainRow = (r: number) => `<row r="${r}">${cell(`A${r}`, "ann@example.com")}${cell(`B${r}`, "Ann")}</row>`;

async function workbook(name: string, parts: Parameters<typeof writeZip>[1]) {
  const p = await corpus.file(name);
  await writeZip(p, parts);
  return p;
}

describe("XLSX limits", () => {
  it("reads a plain generated workbook (the generator is sound)", async () => {
    const p = await workbook("plain.xlsx", [
      ...workbookParts(["Data"]),
      sheetPart(1, { head: header + plainRow(2) + plainRow(3) + plainRow(4) }),
    ]);
    const upload = await openUpload(p, { fileName: "plain.xlsx" });
    expect(upload.headers).toEqual(["Email", "Name"]);
    expect(await allRows(upload)).toEqual(Array.from({ length: 3 }, () => ["ann@example.com", "Ann"]));
  });

  it("refuses shared strings that inflate to 1 GB from the sizes the zip declares, before inflating", async () => {
    // The zip's directory says 1 GB (the content is small: only the declared size is looked at here).
    const p = await workbook("bomb-declared.xlsx", [
      ...workbookParts(["Data"]),
      sharedStringsPart("<si><t>x</t></si>", 10, 1024 * MB),
      sheetPart(1, { head: header }),
    ]);
    const before = memory();
    const err = await parseFailure(openUpload(p, { fileName: "bomb-declared.xlsx" }));
    expect(err.code).toBe("too_large");
    expect(err.message).toBe(
      "In this workbook, the table of text values (shared strings) unpacks to more than 200 MB, more than one upload may hold. Split the data into smaller files (or save it as CSV) and upload them one by one.",
    );
    expect(memory() - before).toBeLessThan(100 * MB);
  });

  it("refuses shared strings that lie about their size, while inflating them", async () => {
    const si = `<si><t>${"x".repeat(1000)}</t></si>`;
    const p = await workbook("bomb-lying.xlsx", [
      ...workbookParts(["Data"]),
      sharedStringsPart(si, 1_050_000, 1000),
      sheetPart(1, { head: header }),
    ]);
    const err = await parseFailure(openUpload(p, { fileName: "bomb-lying.xlsx" }));
    expect(err.code).toBe("too_large");
    // The shared-strings characters limit (50 M) is met before the 200 MB part limit.
    expect(err.message).toMatch(/^This workbook's text values add up to more than 50,000,000 characters/);
  });

  it("refuses more distinct shared strings than the limit", async () => {
    const p = await workbook("many-strings.xlsx", [
      ...workbookParts(["Data"]),
      sharedStringsPart("<si><t>a</t></si>", MAX_SHARED_STRINGS + 1),
      sheetPart(1, { head: header }),
    ]);
    const err = await parseFailure(openUpload(p, { fileName: "many-strings.xlsx" }));
    expect(err.message).toMatch(/^This workbook holds more than 2,000,000 different text values/);
  });

  it("refuses a 1.5 GB sheet that declares 1 KB, naming the sheet, while inflating it", async () => {
    const emptyRow = "<row/>"; // skipped rows: only the size limit stops them
    const p = await workbook("huge-sheet.xlsx", [
      ...workbookParts(["Leads"]),
      sheetPart(1, { head: header, body: emptyRow, times: Math.ceil((1.5 * 1024 * MB) / 6) }, 1000),
    ]);
    const started = Date.now();
    const err = await parseFailure(openUpload(p, { fileName: "huge-sheet.xlsx" }));
    expect(err.code).toBe("too_large");
    expect(err.message).toBe(
      "In this workbook, the sheet “Leads” unpacks to more than 200 MB, more than one upload may hold. Split the data into smaller files (or save it as CSV) and upload them one by one.",
    );
    expect(Date.now() - started).toBeLessThan(30_000);
  }, 60_000);

  it("calls a workbook whose shared strings are damaged mid-stream corrupt, at once (the counted entry passes errors on)", async () => {
    const { readFile, writeFile } = await import("node:fs/promises");
    const strings = function* () {
      for (let i = 0; i < 200_000; i++) yield `<si><t>${(i * 7919) % 1_000_003} ${i}</t></si>`;
    };
    const p = await workbook("damaged-strings.xlsx", [
      ...workbookParts(["Data"]),
      sharedStringsPart("", 0, undefined, strings),
      sheetPart(1, { head: header }),
    ]);
    const bytes = await readFile(p);
    bytes.fill(0xff, Math.floor(bytes.length / 2), Math.floor(bytes.length / 2) + 64);
    await writeFile(p, bytes);
    const started = Date.now();
    expect((await parseFailure(openUpload(p, { fileName: "damaged-strings.xlsx" }))).code).toBe("corrupt");
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("refuses a row with values in more than 1,000 columns, and a cell longer than Excel allows", async () => {
    const wide = `<row r="1">${cell("A1", "Email")}${cell("ALN1", "far")}</row>`; // ALN = column 1,002
    const p1 = await workbook("wide.xlsx", [...workbookParts(["Data"]), sheetPart(1, { head: wide + plainRow(2) })]);
    expect((await parseFailure(openUpload(p1, { fileName: "wide.xlsx" }))).message).toBe(
      "The sheet “Data” has values in more than 1,000 columns (as far out as column ALN), more than one upload may hold. Remove the columns you do not need and upload it again.",
    );
    const long = `<row r="2">${cell("A2", "a@b.co")}${cell("B2", "y".repeat(MAX_CELL_CHARS + 1))}</row>`;
    const p2 = await workbook("long-cell.xlsx", [...workbookParts(["Data"]), sheetPart(1, { head: header + long })]);
    expect((await parseFailure(openUpload(p2, { fileName: "long-cell.xlsx" }))).message).toMatch(
      /^A value in column B of the sheet “Data” holds more than 32,767 characters/,
    );
    const fits = `<row r="2">${cell("A2", "a@b.co")}${cell("B2", "y".repeat(MAX_CELL_CHARS))}</row>`;
    const p3 = await workbook("fits.xlsx", [...workbookParts(["Data"]), sheetPart(1, { head: header + fits })]);
    expect((await allRows(await openUpload(p3, { fileName: "fits.xlsx" })))[0]![1]).toHaveLength(MAX_CELL_CHARS);
  });
});

describe("CSV limits", () => {
  it("refuses a 1,000,000-column file, and a 1,001-column one, but reads 1,000 columns", async () => {
    const million = await corpus.put(
      "million.csv",
      `${Array.from({ length: 1_000_000 }, (_, i) => `c${i}`).join(",")}\n1,2\n`,
    );
    expect((await parseFailure(openUpload(million, { fileName: "million.csv" }))).code).toBe("too_large");
    const header1001 = Array.from({ length: MAX_COLUMNS + 1 }, (_, i) => `c${i}`).join(",");
    const wide = await corpus.put("wide.csv", `${header1001}\n1\n`);
    expect((await parseFailure(openUpload(wide, { fileName: "wide.csv" }))).message).toBe(
      "The file has values in more than 1,000 columns (as far out as column ALM), more than one upload may hold. Remove the columns you do not need and upload it again.",
    );
    const ok = await corpus.put(
      "thousand.csv",
      `${Array.from({ length: MAX_COLUMNS }, (_, i) => `c${i}`).join(",")}\n1\n`,
    );
    expect((await openUpload(ok, { fileName: "thousand.csv" })).headers).toHaveLength(MAX_COLUMNS);
  });

  it("refuses a single 49 MB line within seconds, without holding it", async () => {
    const p = await corpus.put("one-line.csv", `Name,Note\nAnn,${"z".repeat(49 * MB)}`);
    const started = Date.now();
    const err = await parseFailure(openUpload(p, { fileName: "one-line.csv" }));
    expect(err.code).toBe("too_large");
    expect(err.message).toBe(
      "Row 2 of the file is longer than 2 MB of text, far more than a spreadsheet row holds (is a line break or closing quote missing?). Fix that row, or save the file again from your spreadsheet app, and upload it again.",
    );
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("refuses a quoted value never closed before it grows past the record limit", async () => {
    const p = await corpus.put("open-quote.csv", `Name,Note\nAnn,"${"line\n".repeat(1_000_000)}`);
    expect((await parseFailure(openUpload(p, { fileName: "open-quote.csv" }))).message).toMatch(
      /^Row 2 of the file is longer than 2 MB of text/,
    );
  });
});

describe("display limits", () => {
  it("cuts preview cells and column names short", () => {
    expect(previewCell("a".repeat(5000))).toHaveLength(PREVIEW_CELL_CHARS);
    expect(previewCell("short")).toBe("short");
    expect(makeHeaders(["n".repeat(5000), "n".repeat(5000)], 2)).toEqual(["n".repeat(200), `${"n".repeat(200)} (2)`]);
    expect(MAX_ENTRY_BYTES).toBe(200 * MB);
  });
});
