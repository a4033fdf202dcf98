import ExcelJS from "exceljs";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { isResultsFile, neutralise, unneutralise } from "./neutralise";
import { resultsCsv, resultsXlsx } from "./results-file";
import { resultsTable, type ResultRow } from "./results-rows";

const row = (over: Partial<ResultRow>): ResultRow => ({
  rowKey: "r1",
  kind: "update",
  label: "Alpha",
  recordId: "11",
  status: "saved",
  sent: {},
  error: null,
  sourceRow: null,
  source: null,
  ...over,
});

describe("neutralise", () => {
  it("quotes formula starts but not plain numbers", () => {
    expect(neutralise('=HYPERLINK("http://x")')).toBe('\'=HYPERLINK("http://x")');
    expect(neutralise("+1+1")).toBe("'+1+1");
    expect(neutralise("-1+1")).toBe("'-1+1");
    expect(neutralise("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(neutralise("\t=1")).toBe("'\t=1");
    expect(neutralise("-5")).toBe("-5");
    expect(neutralise("+3.25")).toBe("+3.25");
    expect(neutralise("a=b")).toBe("a=b");
  });
});

describe("results files", () => {
  const rows = [
    row({ rowKey: "1", source: ["jane@x.com", "=cmd|' /C calc'!A0"], sourceRow: 1, status: "saved", recordId: "101" }),
    row({
      rowKey: "2",
      source: ["bob@x.com", "Büro"],
      sourceRow: 2,
      status: "failed",
      recordId: null,
      error: { category: "VALIDATION_ERROR", message: 'Property "x" is invalid' },
    }),
  ];

  it("keeps the file's columns and adds status, id and error", () => {
    const t = resultsTable(rows, ["Email", "Note"]);
    expect(t.header).toEqual(["Email", "Note", "Batchboard status", "HubSpot ID", "Error category", "Error"]);
    expect(t.body[0]).toEqual(["jane@x.com", "=cmd|' /C calc'!A0", "Saved", "101", "", ""]);
    expect(t.body[1]).toEqual(["bob@x.com", "Büro", "Failed", "", "VALIDATION_ERROR", 'Property "x" is invalid']);
  });

  it("names grid rows and the properties sent when there is no file", () => {
    const t = resultsTable([row({ sent: { hs_notes: "n", hs_audience: "a" } })], null);
    expect(t.header.slice(0, 4)).toEqual(["Row", "Change", "hs_audience", "hs_notes"]);
    expect(t.body[0]!.slice(0, 4)).toEqual(["Alpha", "update", "a", "n"]);
  });

  it("writes a CSV that parses back to the neutralised cells, with a BOM for Excel", () => {
    const t = resultsTable(rows, ["Email", "Note"]);
    const csv = resultsCsv(t.header, t.body);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const back = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true }).data;
    expect(back).toEqual([t.header, ...t.body.map((r) => r.map(neutralise))]);
    expect(back[1]![1]).toBe("'=cmd|' /C calc'!A0");
  });

  it("writes the CSV with the upload's delimiter (issue 11, item 11)", () => {
    const t = resultsTable([row({ source: ["a@x.com", "+1 audience; more"], sourceRow: 1 })], ["Email", "Audience"]);
    for (const delimiter of [";", "\t"] as const) {
      const csv = resultsCsv(t.header, t.body, delimiter);
      expect(csv.split("\r\n")[0]).toBe(
        ["\uFEFFEmail", "Audience", "Batchboard status", "HubSpot ID", "Error category", "Error"].join(delimiter),
      );
      const back = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true, delimiter }).data;
      expect(back[1]).toEqual(["a@x.com", "'+1 audience; more", "Saved", "11", "", ""]);
    }
  });

  it("writes an XLSX of plain string cells: no guard apostrophe inside the text, no formula (issue 11, item 11)", async () => {
    const t = resultsTable([...rows, row({ source: ["c@x.com", "+1 audience"], sourceRow: 3 })], ["Email", "Note"]);
    const buffer = await resultsXlsx(t.header, t.body);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(2).getCell(2).value).toBe("=cmd|' /C calc'!A0");
    expect(ws.getRow(2).getCell(2).type).toBe(ExcelJS.ValueType.String);
    expect(ws.getRow(4).getCell(2).value).toBe("+1 audience");
    expect(ws.getRow(3).getCell(2).value).toBe("Büro");
    expect(ws.rowCount).toBe(4);
    expect(ws.getRow(2).getCell(2).formula).toBeUndefined();
  });
});

describe("a results file uploaded again (issue 11, item 11)", () => {
  it("is recognised by its result columns", () => {
    expect(isResultsFile(["Email", "Note", "Batchboard status", "HubSpot ID", "Error category", "Error"])).toBe(true);
    expect(isResultsFile(["Email", "Error"])).toBe(false);
    expect(isResultsFile(["Batchboard status", "HubSpot ID", "Error category"])).toBe(false);
  });

  it("gets back exactly the cells we guarded, and keeps an apostrophe we did not add", () => {
    for (const cell of ["+1 audience", "=SUM(A1)", "-x", "@here", "\t=1", "plain", "-5", "'Tis", "", "'"])
      expect(unneutralise(neutralise(cell))).toBe(cell);
    expect(unneutralise("'Tis the season")).toBe("'Tis the season");
    expect(unneutralise("'-5")).toBe("'-5");
    expect(unneutralise("'plain")).toBe("'plain");
  });
});
