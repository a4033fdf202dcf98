import { MAX_UPLOAD_ROWS, UploadParseError } from "../types";
import { cellTooLong, MAX_CELL_CHARS, MAX_COLUMNS, MAX_HEADER_CHARS, tooManyColumns } from "./limits";

/*
 * The rules every upload follows once it is rows of strings, CSV or XLSX alike: rows whose cells
 * are all empty are skipped wherever they are; the first remaining row is the header; the data
 * rows after it are counted during the first read so a file over the limit is refused before any
 * of it is imported.
 */

const isEmptyRow = (row: readonly string[]) => row.every((cell) => cell.trim() === "");

/** Index after the last non-empty cell: trailing empty cells (a trailing delimiter, formatting) are not columns. */
export function filledWidth(row: readonly string[]): number {
  for (let i = row.length - 1; i >= 0; i--) if (row[i]!.trim() !== "") return i + 1;
  return 0;
}

/** "A", …, "Z", "AA", … as in a spreadsheet, so a user can find an unnamed column. */
export function columnLetter(index: number): string {
  let name = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/**
 * Header names as the mapping step shows them: trimmed; an empty cell named after its column
 * ("Column C"); a repeated name numbered ("Email", "Email (2)"), compared case-insensitively since a
 * user would not tell "Email" and "email" apart, and never colliding with a name already present.
 */
export function makeHeaders(cells: readonly string[], width: number): string[] {
  const names = Array.from(
    { length: width },
    (_, i) => (cells[i] ?? "").trim().slice(0, MAX_HEADER_CHARS).trim() || `Column ${columnLetter(i)}`,
  );
  const taken = new Set(names.map((n) => n.toLowerCase()));
  const seen = new Set<string>();
  return names.map((name) => {
    if (!seen.has(name.toLowerCase())) {
      seen.add(name.toLowerCase());
      return name;
    }
    let n = 2;
    while (taken.has(`${name} (${n})`.toLowerCase())) n++;
    const unique = `${name} (${n})`;
    taken.add(unique.toLowerCase());
    seen.add(unique.toLowerCase());
    return unique;
  });
}

const NUMBER = /^[-+]?(?:\d+(?:[.,]\d+)*|[.,]\d+)(?:e[-+]?\d+)?%?$/i;
const DATE = /^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A first row made only of numbers, dates and email addresses is data: nobody names a column "42" or "ann@example.com". */
export function looksLikeData(row: readonly string[]): boolean {
  const cells = row.map((c) => c.trim()).filter((c) => c !== "");
  return cells.length > 0 && cells.every((c) => NUMBER.test(c) || DATE.test(c) || EMAIL.test(c));
}

export interface TableShape {
  headers: string[];
  rowCount: number;
}

const count = (n: number) => n.toLocaleString("en-US");

/**
 * The first read: finds the header, counts the data rows and measures the width (the header's, or
 * wider when data reaches past it, so no value is dropped). `what` names the source in messages
 * ("The file", "The sheet “Contacts”"; a function when the name is known only once reading starts).
 */
export async function scanTable(rows: AsyncIterable<string[]>, source: string | (() => string)): Promise<TableShape> {
  const what = () => (typeof source === "string" ? source : source());
  let header: string[] | undefined;
  let width = 0;
  let rowCount = 0;
  for await (const row of rows) {
    if (isEmptyRow(row)) continue;
    checkLimits(row, what);
    if (!header) {
      if (looksLikeData(row)) {
        throw new UploadParseError(
          "no_header",
          `${what()} has no header row: its first row (${preview(row)}) looks like data. Add a first row that names each column (for example “Email”, “First name”) and upload it again.`,
        );
      }
      header = row;
      width = filledWidth(row);
      continue;
    }
    if (++rowCount > MAX_UPLOAD_ROWS) {
      throw new UploadParseError(
        "too_many_rows",
        `${what()} has more than ${count(MAX_UPLOAD_ROWS)} data rows, the most one upload can hold. Split it into files of at most ${count(MAX_UPLOAD_ROWS)} rows and upload them one by one.`,
      );
    }
    width = Math.max(width, filledWidth(row));
  }
  if (!header) throw new UploadParseError("empty", `${what()} is empty: there are no rows to import.`);
  if (rowCount === 0)
    throw new UploadParseError(
      "empty",
      `${what()} has a header row but no data rows. Add the rows to import below the header.`,
    );
  return { headers: makeHeaders(header, width), rowCount };
}

/** A row wider than the column limit, or a cell longer than a spreadsheet cell can be, is refused. */
function checkLimits(row: readonly string[], what: () => string) {
  const width = filledWidth(row);
  if (width > MAX_COLUMNS) throw tooManyColumns(what(), columnLetter(width - 1));
  for (let i = 0; i < width; i++) {
    if (row[i]!.length > MAX_CELL_CHARS)
      throw cellTooLong(`column ${columnLetter(i)} of ${what().replace(/^The /, "the ")}`);
  }
}

function preview(row: readonly string[]): string {
  const text = row
    .filter((c) => c.trim() !== "")
    .slice(0, 3)
    .map((c) => `“${c.trim().slice(0, 40)}”`)
    .join(", ");
  return row.filter((c) => c.trim() !== "").length > 3 ? `${text}, …` : text;
}

/** Later reads: the data rows again (header and empty rows skipped), each cut or padded to `width`, in batches. */
export async function* dataBatches(
  rows: AsyncIterable<string[]>,
  width: number,
  batchSize: number,
): AsyncGenerator<string[][]> {
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
  let seenHeader = false;
  let batch: string[][] = [];
  for await (const row of rows) {
    if (isEmptyRow(row)) continue;
    if (!seenHeader) {
      seenHeader = true;
      continue;
    }
    const cells = row.length === width ? row : Array.from({ length: width }, (_, i) => row[i] ?? "");
    batch.push(cells);
    if (batch.length >= batchSize) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
