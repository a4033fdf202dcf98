import { createReadStream } from "node:fs";
import type { Readable } from "node:stream";
import ExcelJS from "exceljs";
import { UploadParseError } from "../types";
import { readWorkbookMeta, SheetPass, worksheetsOf } from "./xlsx-reader";
import { checkDeclaredSizes, untilZipFails } from "./zip-limits";

/*
 * XLSX cells as strings (see ../types.ts): a date as ISO 8601 ("2024-03-05" at midnight, else
 * "2024-03-05T14:30:00.000" WITHOUT a zone: Excel stores wall-clock time, so the mapping step reads
 * it in the time zone the user chose; a time of day alone as "14:30:00"), a number as String(n) (no
 * locale formatting, so an Excel serial number in a plain number cell stays a number), a boolean as
 * TRUE / FALSE, a formula as its cached result, rich text and hyperlinks as their text, an error as
 * its text ("#DIV/0!"), an empty cell as "".
 */

/** exceljs's own rule for "this number format shows a date" (utils.isDateFmt), applied to formula results too. */
function isDateFormat(format: string | undefined): boolean {
  if (!format) return false;
  return /[ymdhMsb]/.test(format.replace(/\[[^\]]*]/g, "").replace(/"[^"]*"/g, ""));
}

const excelToDate = (serial: number, date1904: boolean) =>
  new Date(Math.round((serial - (date1904 ? 24107 : 25569)) * 86_400_000));

function dateText(date: Date, date1904: boolean): string {
  if (Number.isNaN(date.getTime())) return "";
  const iso = date.toISOString();
  // A serial number below 1 (the epoch's own day) is a time of day without a date.
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  if (date.getTime() >= epoch && date.getTime() < epoch + 86_400_000) return iso.slice(11, 19);
  return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso.slice(0, -1);
}

function valueText(value: unknown, date1904: boolean): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (value instanceof Date) return dateText(value, date1904);
  if (typeof value === "object") {
    const v = value as { richText?: { text?: string | null }[]; text?: unknown; error?: string; result?: unknown };
    if (Array.isArray(v.richText)) return v.richText.map((run) => run.text ?? "").join("");
    if ("result" in v) return valueText(v.result, date1904);
    if (typeof v.error === "string") return v.error;
    if ("text" in v) return valueText(v.text, date1904);
  }
  return "";
}

function cellText(cell: ExcelJS.Cell, booleans: Set<string>, date1904: boolean): string {
  const isBoolean = booleans.size > 0 && booleans.delete(cell.address);
  // A formula's value through `cell.value` drops a falsy result (0); its model keeps it.
  const value: unknown = cell.type === ExcelJS.ValueType.Formula ? { result: cell.model.result } : cell.value;
  if (value !== null && typeof value === "object" && !(value instanceof Date) && "result" in value) {
    const result = (value as { result?: unknown }).result;
    if (typeof result === "number") {
      if (isBoolean) return result !== 0 ? "TRUE" : "FALSE";
      if (isDateFormat(cell.numFmt)) return dateText(excelToDate(result, date1904), date1904);
    }
  }
  return valueText(value, date1904);
}

function rowCells(row: ExcelJS.Row, booleans: Set<string>, date1904: boolean): string[] {
  const cells: string[] = [];
  row.eachCell((cell, col) => {
    cells[col - 1] = cellText(cell, booleans, date1904);
  });
  for (let i = 0; i < cells.length; i++) cells[i] ??= "";
  return cells;
}

const corrupt = (cause: unknown) =>
  Object.assign(
    new UploadParseError(
      "corrupt",
      "The workbook could not be read: it is damaged or incomplete. Open it in Excel and save it again (or save it as CSV), then upload it again.",
    ),
    { cause },
  );

export interface SheetChoice {
  /** The sheets of the workbook, in tab order. */
  sheets: string[];
  /** The sheet read. */
  sheet: string;
}

/**
 * The rows of one sheet of a workbook (`sheet`, else the first), streamed; `onSheets` hears which
 * sheets there are before the first row. An unknown sheet name is refused with the list of sheets.
 * A damaged zip or XML is "corrupt". Two passes over the zip (see xlsx-reader.ts): the workbook's
 * strings, styles and sheet names, then the chosen sheet alone.
 */
export async function* xlsxRows(
  path: string,
  sheet: string | undefined,
  onSheets?: (c: SheetChoice) => void,
): AsyncGenerator<string[]> {
  const inputs: Readable[] = [];
  const open = () => {
    const input = createReadStream(path);
    inputs.push(input);
    return input;
  };
  try {
    await checkDeclaredSizes(path);
    const meta = await readWorkbookMeta(open());
    if (!meta.model)
      throw new UploadParseError(
        "wrong_type",
        "The file is named .xlsx but holds no Excel workbook (it is some other zip file). Upload a CSV, TSV or Excel workbook (.xlsx).",
      );
    const worksheets = worksheetsOf(meta);
    const chosen = choose(worksheets, sheet);
    onSheets?.({ sheets: worksheets.map((w) => w.name), sheet: chosen.name });
    const pass = new SheetPass(open(), meta, chosen.no);
    for await (const ws of untilZipFails(pass, pass.zip)) {
      for await (const row of untilZipFails(ws, pass.zip)) yield rowCells(row, pass.booleans, pass.date1904);
      break; // the only sheet this pass yields: the rest of the zip is not read
    }
  } catch (err) {
    throw err instanceof UploadParseError ? err : corrupt(err);
  } finally {
    for (const input of inputs) input.destroy();
  }
}

function choose<T extends { name: string }>(worksheets: T[], wanted: string | undefined): T {
  if (worksheets.length === 0) throw new UploadParseError("empty", "The workbook has no worksheets to import.");
  if (wanted === undefined) return worksheets[0]!;
  const found =
    worksheets.find((w) => w.name === wanted) ?? worksheets.find((w) => w.name.toLowerCase() === wanted.toLowerCase());
  // "empty": nothing can be read under that name. The message lists the sheets to choose from.
  if (!found)
    throw new UploadParseError(
      "empty",
      `The workbook has no sheet named “${wanted}”. Its sheets are: ${worksheets.map((w) => `“${w.name}”`).join(", ")}.`,
    );
  return found;
}
