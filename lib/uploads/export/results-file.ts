import ExcelJS from "exceljs";
import Papa from "papaparse";

/**
 * A results table as a downloadable file. CSV with a UTF-8 BOM and CRLF, which Excel opens with
 * accents intact; XLSX with every cell written as text (no value is ever read as a formula or a
 * date by the spreadsheet), the header row bold and frozen.
 */
export function resultsCsv(header: string[], body: string[][]): string {
  return `\uFEFF${Papa.unparse({ fields: header, data: body }, { newline: "\r\n" })}\r\n`;
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
