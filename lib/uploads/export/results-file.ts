import ExcelJS from "exceljs";
import Papa from "papaparse";
import type { CsvDelimiter } from "../parse/csv";
import { neutralise } from "./neutralise";

/**
 * A results table as a downloadable file. CSV with a UTF-8 BOM and CRLF, which Excel opens with
 * accents intact, separated like the upload it reports on (a ";" file comes from a locale whose
 * Excel splits on ";" only), every cell neutralised; XLSX with every cell a string cell as it is
 * (a string cell is never run as a formula nor read as a date, so no guard apostrophe is put in
 * its text), the header row bold and frozen.
 */
export function resultsCsv(header: string[], body: string[][], delimiter: CsvDelimiter = ","): string {
  const data = body.map((row) => row.map(neutralise));
  return `\uFEFF${Papa.unparse({ fields: header.map(neutralise), data }, { newline: "\r\n", delimiter })}\r\n`;
}

export async function resultsXlsx(header: string[], body: string[][], sheetName = "Results"): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheetName.slice(0, 31), { views: [{ state: "frozen", ySplit: 1 }] });
  ws.addRow(header).font = { bold: true };
  for (const row of body) ws.addRow(row);
  ws.columns.forEach((c) => {
    c.width = 18;
    c.numFmt = "@";
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
