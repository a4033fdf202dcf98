import { UploadParseError } from "../types";

/*
 * What one upload may unpack to, so that a small file cannot take the server's memory or time
 * (issue 11, item 1). A 50 MB file is checked by its size; these bound what reading it builds:
 * a zip's parts inflate (a 2 MB XLSX can hold 1 GB of XML), a CSV line can be the whole file.
 * Each limit sits well above what a real 100,000-row export reaches (figures in the README).
 */

/** One XLSX part (a sheet's XML, the shared-strings table) once inflated. */
export const MAX_ENTRY_BYTES = 200 * 1024 * 1024;
/** All parts of a workbook together once inflated. */
export const MAX_INFLATED_BYTES = 400 * 1024 * 1024;
/** Distinct strings in a workbook's shared-strings table. */
export const MAX_SHARED_STRINGS = 2_000_000;
/** Characters in all shared strings together. */
export const MAX_SHARED_STRING_CHARS = 50_000_000;
/** Characters in one cell: Excel's own limit, so no cell from a real spreadsheet is refused. */
export const MAX_CELL_CHARS = 32_767;
/** Columns with a value. */
export const MAX_COLUMNS = 1_000;
/** Characters in one CSV record (a line, or several when a quoted value holds line breaks). */
export const MAX_RECORD_CHARS = 2 * 1024 * 1024;
/** Characters of a cell shown in the mapping page's sample rows. */
export const PREVIEW_CELL_CHARS = 200;
/** Characters of a column name kept (a longer first-row cell is text, not a name). */
export const MAX_HEADER_CHARS = 200;

export const fmt = (n: number) => n.toLocaleString("en-US");
export const mb = (bytes: number) => `${fmt(Math.round(bytes / 1024 / 1024))} MB`;

/** The refusal for a file that would unpack or expand past a limit; `what` says where. */
export const tooBig = (message: string) => new UploadParseError("too_large", message);

/** A cell longer than the limit. `where` is e.g. "column C of the file". */
export const cellTooLong = (where: string) =>
  tooBig(
    `A value in ${where} holds more than ${fmt(MAX_CELL_CHARS)} characters, more than a spreadsheet cell can hold. Shorten that value (or remove the column) and upload the file again.`,
  );

/** A row with values further out than the column limit. */
export const tooManyColumns = (what: string, lastColumn: string) =>
  tooBig(
    `${what} has values in more than ${fmt(MAX_COLUMNS)} columns (as far out as column ${lastColumn}), more than one upload may hold. Remove the columns you do not need and upload it again.`,
  );

/** A cut-down copy of a cell for display. */
export const previewCell = (cell: string) =>
  cell.length > PREVIEW_CELL_CHARS ? `${cell.slice(0, PREVIEW_CELL_CHARS - 1)}…` : cell;
