import ExcelJS from "exceljs";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { neutralise } from "./neutralise";
import { resultsCsv, resultsXlsx } from "./results-file";
import { resultsTable, type ResultRow } from "./results-rows";

const row = (over: Partial<ResultRow>): ResultRow => ({
  rowKey: "r1", kind: "update", label: "Alpha", recordId: "11", status: "saved", sent: {}, error: null, sourceRow: null, source: null, ...over,
});

describe("neutralise", () => {
  it("quotes formula starts but not plain numbers", () => {
    expect(neutralise("=HYPERLINK(\"http://x\")")).toBe("'=HYPERLINK(\"http://x\")");
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
    row({ rowKey: "2", source: ["bob@x.com", "Büro"], sourceRow: 2, status: "failed", recordId: null, error: { category: "VALIDATION_ERROR", message: "Property \"x\" is invalid" } }),
  ];

  it("keeps the file's columns, adds status, id and error, and neutralises every cell", () => {
    const t = resultsTable(rows, ["Email", "Note"]);
    expect(t.header).toEqual(["Email", "Note", "Batchboard status", "HubSpot ID", "Error category", "Error"]);
    expect(t.body[0]).toEqual(["jane@x.com", "'=cmd|' /C calc'!A0", "Saved", "101", "", ""]);
    expect(t.body[1]).toEqual(["bob@x.com", "Büro", "Failed", "", "VALIDATION_ERROR", "Property \"x\" is invalid"]);
  });

  it("names grid rows and the properties sent when there is no file", () => {
    const t = resultsTable([row({ sent: { hs_notes: "n", hs_audience: "a" } })], null);
    expect(t.header.slice(0, 4)).toEqual(["Row", "Change", "hs_audience", "hs_notes"]);
    expect(t.body[0]!.slice(0, 4)).toEqual(["Alpha", "update", "a", "n"]);
  });

  it("writes a CSV that parses back to the same cells, with a BOM for Excel", () => {
    const t = resultsTable(rows, ["Email", "Note"]);
    const csv = resultsCsv(t.header, t.body);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const back = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true }).data;
    expect(back).toEqual([t.header, ...t.body]);
  });

  it("writes an XLSX whose cells are the same text", async () => {
    const t = resultsTable(rows, ["Email", "Note"]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await resultsXlsx(t.header, t.body) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(2).getCell(2).value).toBe("'=cmd|' /C calc'!A0");
    expect(ws.getRow(3).getCell(2).value).toBe("Büro");
    expect(ws.rowCount).toBe(3);
  });
});
