import { readFile } from "node:fs/promises";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { MAX_UPLOAD_ROWS } from "../types";
import { openUpload } from "./open-upload";
import { allRows, corpusDir, leftoverTempFiles, openFileCount, parseFailure } from "./test-helpers";

const corpus = corpusDir("xlsx");
const utc = (...parts: [number, number, number, number?, number?]) =>
  new Date(Date.UTC(parts[0], parts[1] - 1, parts[2], parts[3] ?? 0, parts[4] ?? 0));

const HEADERS = [
  "Name",
  "Signed up",
  "Last seen",
  "Serial",
  "Doubled",
  "Zero",
  "Due",
  "Greeting",
  "Active",
  "Is big",
  "Is small",
  "Ratio",
  "Lookup",
  "Bio",
  "Site",
  "Time",
  "Gap",
  "Tail",
];

/** Two sheets; the second holds every kind of cell, empty cells inside rows, and empty rows at the end. */
async function writeKitchenSink(path: string) {
  const wb = new ExcelJS.Workbook();
  const notes = wb.addWorksheet("Notes");
  notes.addRow(["Read me"]);
  notes.addRow(["This sheet is not the data"]);
  const sheet = wb.addWorksheet("Contacts – 2024");
  sheet.addRow(HEADERS);
  const row = sheet.addRow([
    "Zoë",
    utc(2024, 3, 5),
    utc(2024, 3, 5, 14, 30),
    45000,
    { formula: "D2*2", result: 90000 },
    { formula: "D2-D2", result: 0 },
    { formula: "B2+30", result: utc(2024, 4, 4) },
    { formula: 'A2&"!"', result: "Zoë!" },
    true,
    { formula: "D2>1", result: true },
    { formula: "D2<1", result: false },
    { formula: "1/0", result: { error: "#DIV/0!" } },
    { error: "#N/A" },
    { richText: [{ text: "Loves " }, { font: { bold: true }, text: "hiking" }] },
    { text: "Homepage", hyperlink: "https://example.com" },
    utc(1899, 12, 30, 14, 30),
    null,
    "end",
  ]);
  row.getCell(2).numFmt = "yyyy-mm-dd";
  row.getCell(3).numFmt = "yyyy-mm-dd hh:mm";
  row.getCell(7).numFmt = "d/m/yyyy";
  row.getCell(16).numFmt = "hh:mm";
  sheet.addRow(["Bob", null, null, 7, null, null, null, null, false]);
  sheet.getCell("B3").numFmt = "yyyy-mm-dd"; // formatted but empty
  sheet.addRow([]);
  sheet.addRow(["", " "]);
  sheet.getCell("C7").numFmt = "0.00"; // a row with formatting only
  await wb.xlsx.writeFile(path);
}

let kitchenSink: string;
beforeAll(async () => {
  kitchenSink = await corpus.file("kitchen-sink.xlsx");
  await writeKitchenSink(kitchenSink);
});

describe("XLSX sheets", () => {
  it("reads the first sheet by default and lists every sheet", async () => {
    const upload = await openUpload(kitchenSink, { fileName: "kitchen-sink.xlsx" });
    expect(upload).toMatchObject({
      kind: "xlsx",
      sheets: ["Notes", "Contacts – 2024"],
      sheet: "Notes",
      headers: ["Read me"],
      rowCount: 1,
    });
    expect(upload.encoding).toBeUndefined();
    expect(await allRows(upload)).toEqual([["This sheet is not the data"]]);
  });

  it("reads the sheet asked for, every cell as a string", async () => {
    const upload = await openUpload(kitchenSink, { fileName: "kitchen-sink.xlsx", sheet: "Contacts – 2024" });
    expect(upload.sheet).toBe("Contacts – 2024");
    expect(upload.headers).toEqual(HEADERS);
    expect(upload.rowCount).toBe(2);
    const [zoe, bob] = await allRows(upload);
    const byHeader = Object.fromEntries(HEADERS.map((h, i) => [h, zoe![i]]));
    expect(byHeader).toEqual({
      Name: "Zoë",
      "Signed up": "2024-03-05",
      "Last seen": "2024-03-05T14:30:00.000",
      Serial: "45000",
      Doubled: "90000",
      Zero: "0",
      Due: "2024-04-04",
      Greeting: "Zoë!",
      Active: "TRUE",
      "Is big": "TRUE",
      "Is small": "FALSE",
      Ratio: "#DIV/0!",
      Lookup: "#N/A",
      Bio: "Loves hiking",
      Site: "Homepage",
      Time: "14:30:00",
      Gap: "",
      Tail: "end",
    });
    expect(bob).toEqual(["Bob", "", "", "7", "", "", "", "", "FALSE", ...Array(9).fill("")]);
  });

  it("refuses a sheet name the workbook does not have, listing its sheets", async () => {
    const err = await parseFailure(openUpload(kitchenSink, { fileName: "kitchen-sink.xlsx", sheet: "Leads" }));
    expect(err.code).toBe("empty");
    expect(err.message).toBe("The workbook has no sheet named “Leads”. Its sheets are: “Notes”, “Contacts – 2024”.");
  });

  it("leaves no temporary files or open files behind when rows are left unread", async () => {
    const p = await corpus.file("many.xlsx");
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: p, useSharedStrings: true });
    const s = wb.addWorksheet("Many");
    s.addRow(["Email", "n"]).commit();
    for (let i = 1; i <= 30_000; i++) s.addRow([`user${i}@example.com`, i]).commit();
    s.commit();
    await wb.commit();
    const upload = await openUpload(p, { fileName: "many.xlsx" });
    expect(upload.rowCount).toBe(30_000);
    const before = await openFileCount();
    for (let i = 0; i < 5; i++) {
      for await (const batch of upload.rows(10)) {
        expect(batch[0]).toEqual(["user1@example.com", "1"]);
        break;
      }
    }
    expect(await leftoverTempFiles()).toEqual([]);
    if (before !== undefined) expect(await openFileCount()).toBeLessThanOrEqual(before);
  });
});

describe("XLSX shared formulas and text", () => {
  it("reads a shared formula's cached result in every cell it fills", async () => {
    const wb = new ExcelJS.Workbook();
    const s = wb.addWorksheet("S");
    s.addRow(["Qty", "Double"]);
    s.getCell("A2").value = 2;
    s.getCell("A3").value = 3;
    // exceljs writes <f t="shared" ref="B2:B3" si="0">A2*2</f> here and <f t="shared" si="0"/> in B3, as Excel does for a filled-down formula.
    s.getCell("B2").value = {
      formula: "A2*2",
      result: 4,
      shareType: "shared",
      ref: "B2:B3",
    } as unknown as ExcelJS.CellValue;
    s.getCell("B3").value = { sharedFormula: "B2", result: 6 };
    const p = await corpus.file("shared.xlsx");
    await wb.xlsx.writeFile(p);
    expect(await allRows(await openUpload(p, { fileName: "shared.xlsx" }))).toEqual([
      ["2", "4"],
      ["3", "6"],
    ]);
  });

  it("keeps non-ASCII text whole across the chunks of shared strings and sheet XML", async () => {
    const wb = new ExcelJS.Workbook();
    const s = wb.addWorksheet("Names");
    s.addRow(["Name", "Greeting"]);
    const name = (i: number) => `Zoë Łukasz 李雷 ${i} 😀`;
    for (let i = 0; i < 4_000; i++) s.addRow([name(i), { formula: `A${i + 2}&"!"`, result: `${name(i)} ¡olé!` }]);
    const p = await corpus.file("unicode.xlsx");
    await wb.xlsx.writeFile(p);
    const rows = await allRows(await openUpload(p, { fileName: "unicode.xlsx" }));
    expect(rows).toHaveLength(4_000);
    const wrong = rows.filter((r, i) => r[0] !== name(i) || r[1] !== `${name(i)} ¡olé!`);
    expect(wrong).toEqual([]);
  });
});

describe("XLSX refusals", () => {
  it("refuses a header-only sheet and an empty first sheet", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Blank");
    wb.addWorksheet("Header").addRow(["Email", "Name"]);
    const p = await corpus.file("header-only.xlsx");
    await wb.xlsx.writeFile(p);
    const blank = await parseFailure(openUpload(p, { fileName: "header-only.xlsx" }));
    expect(blank.code).toBe("empty");
    expect(blank.message).toBe(
      "The sheet “Blank” is empty: there are no rows to import. The workbook's other sheets: “Header”; choose one of them instead.",
    );
    const header = await parseFailure(openUpload(p, { fileName: "header-only.xlsx", sheet: "Header" }));
    expect(header.code).toBe("empty");
    expect(header.message).toMatch(
      /^The sheet “Header” has a header row but no data rows\. Add the rows to import below the header\. The workbook.s other sheets: “Blank”/,
    );
  });

  it("opens on the next sheet with data when the first holds only a header row, and still lets the user choose (issue 11, item 11)", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Template").addRow(["Email", "Name"]);
    wb.addWorksheet("Cover");
    const data = wb.addWorksheet("Contacts");
    data.addRow(["Email", "First name"]);
    data.addRow(["ann@example.com", "Ann"]);
    const p = await corpus.file("header-first.xlsx");
    await wb.xlsx.writeFile(p);
    const upload = await openUpload(p, { fileName: "header-first.xlsx" });
    expect(upload.sheets).toEqual(["Template", "Cover", "Contacts"]);
    expect(upload.sheet).toBe("Contacts");
    expect(upload.headers).toEqual(["Email", "First name"]);
    expect(await allRows(upload)).toEqual([["ann@example.com", "Ann"]]);
    // Choosing the header-only sheet itself is refused with the reason, naming the others.
    const chosen = await parseFailure(openUpload(p, { fileName: "header-first.xlsx", sheet: "Template" }));
    expect(chosen.message).toMatch(
      /^The sheet “Template” has a header row but no data rows\..*“Cover”, “Contacts”; choose one of them instead\.$/,
    );
  });

  it("refuses a sheet whose first row is data", async () => {
    const wb = new ExcelJS.Workbook();
    const s = wb.addWorksheet("S");
    s.addRow(["ann@example.com", 42, utc(2024, 1, 2)]).getCell(3).numFmt = "yyyy-mm-dd";
    s.addRow(["bob@example.com", 7, utc(2024, 1, 3)]);
    const p = await corpus.file("no-header.xlsx");
    await wb.xlsx.writeFile(p);
    expect((await parseFailure(openUpload(p, { fileName: "no-header.xlsx" }))).code).toBe("no_header");
  });

  it("calls a truncated workbook corrupt", async () => {
    const bytes = await readFile(kitchenSink);
    const p = await corpus.put("truncated.xlsx", bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    const err = await parseFailure(openUpload(p, { fileName: "truncated.xlsx" }));
    expect(err.code).toBe("corrupt");
    expect(err.message).toMatch(/damaged or incomplete/);
  });

  it("calls a workbook damaged inside corrupt, and cleans up", async () => {
    const bytes = Buffer.from(await readFile(kitchenSink));
    // Overwrite the middle of the zip (compressed XML) and keep its directory at the end intact.
    for (let i = 0; i < 400; i++) bytes[Math.floor(bytes.length / 3) + i] = (i * 37) % 256;
    const p = await corpus.put("damaged.xlsx", bytes);
    const err = await parseFailure(openUpload(p, { fileName: "damaged.xlsx", sheet: "Contacts – 2024" }));
    expect(err.code).toBe("corrupt");
    expect(err.message).toMatch(/damaged/);
    expect(await leftoverTempFiles()).toEqual([]);
  });

  it(`refuses more than ${MAX_UPLOAD_ROWS.toLocaleString("en-US")} rows, and cleans up`, async () => {
    const p = await corpus.file("over.xlsx");
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: p, useSharedStrings: false, useStyles: false });
    const s = wb.addWorksheet("Big");
    s.addRow(["n"]).commit();
    for (let i = 1; i <= MAX_UPLOAD_ROWS + 1; i++) s.addRow([i]).commit();
    s.commit();
    await wb.commit();
    const before = await openFileCount();
    const err = await parseFailure(openUpload(p, { fileName: "over.xlsx" }));
    expect(err.code).toBe("too_many_rows");
    expect(await leftoverTempFiles()).toEqual([]);
    if (before !== undefined) expect(await openFileCount()).toBeLessThanOrEqual(before);
  });
});
