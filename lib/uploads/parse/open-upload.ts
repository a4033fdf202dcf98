import { UploadParseError, type UploadKind } from "../types";
import { type CsvDelimiter, type CsvDialect, csvRows, encodingError } from "./csv";
import { bomEncoding, type CsvEncoding, NotUtf8Error } from "./decode";
import { sniffUpload } from "./sniff";
import { dataBatches, scanTable } from "./table";
import { type SheetChoice, xlsxRows } from "./xlsx";

/** An upload that has been read once and can be read again, in batches, as often as needed. */
export interface OpenedUpload {
  kind: UploadKind;
  /** XLSX: every worksheet, in tab order; CSV: []. */
  sheets: string[];
  /** XLSX: the sheet read (the one asked for, else the first). */
  sheet?: string;
  /** CSV: the text encoding found (BOM, else UTF-8 if valid, else Windows-1252). */
  encoding?: CsvEncoding;
  /** CSV: the delimiter found. */
  delimiter?: CsvDelimiter;
  /** Column names, unique and non-empty; every row has exactly this many cells. */
  headers: string[];
  /** Data rows (empty rows and the header excluded). */
  rowCount: number;
  /** The data rows, re-reading the file on each iteration, in batches of `batchSize` (default 1,000). */
  rows(batchSize?: number): AsyncIterable<string[][]>;
}

/**
 * Opens an uploaded file: checks its type, size and encoding, finds the header row, and counts the
 * data rows, reading the whole file once (streamed, so memory stays bounded). Throws an
 * UploadParseError with a message for the user when the file cannot be imported; nothing has been
 * imported at that point.
 */
export async function openUpload(path: string, opts: { fileName: string; sheet?: string }): Promise<OpenedUpload> {
  const sniffed = await sniffUpload(path, opts.fileName);
  return sniffed.kind === "xlsx" ? openXlsx(path, opts.sheet) : openCsv(path, sniffed.head, sniffed.extension === ".tsv");
}

async function openCsv(path: string, head: Uint8Array, isTsv: boolean): Promise<OpenedUpload> {
  const bom = bomEncoding(head);
  // Without a BOM: UTF-8 if the whole file is valid UTF-8, else Windows-1252 (Excel's "CSV" on Windows).
  for (const encoding of bom ? [bom] : (["utf-8", "windows-1252"] as const)) {
    let dialect: CsvDialect | undefined;
    const fixed = isTsv ? { delimiter: "\t" as const } : undefined;
    try {
      const shape = await scanTable(csvRows(path, encoding, fixed, (d) => (dialect = d)), "The file");
      const found: CsvDialect = { delimiter: fixed?.delimiter ?? dialect?.delimiter ?? ",", newline: dialect?.newline ?? "\n" };
      return {
        kind: "csv",
        sheets: [],
        encoding,
        delimiter: found.delimiter,
        ...shape,
        rows: (batchSize = 1_000) => reread(() => csvRows(path, encoding, found), shape.headers.length, batchSize),
      };
    } catch (err) {
      if (err instanceof NotUtf8Error && !bom) continue;
      throw encodingError(err);
    }
  }
  throw new UploadParseError("encoding", "The file's text encoding could not be recognised. Save it as “CSV UTF-8” and upload it again.");
}

async function openXlsx(path: string, sheet: string | undefined): Promise<OpenedUpload> {
  let choice: SheetChoice | undefined;
  const label = () => (choice ? `The sheet “${choice.sheet}”` : "The workbook");
  let shape: Awaited<ReturnType<typeof scanTable>>;
  try {
    shape = await scanTable(xlsxRows(path, sheet, (c) => (choice = c)), label);
  } catch (err) {
    // An empty sheet in a workbook with others: say which, so the user can pick one.
    const others = choice?.sheets.filter((s) => s !== choice!.sheet) ?? [];
    if (err instanceof UploadParseError && err.code === "empty" && others.length > 0) {
      throw new UploadParseError("empty", `${err.message} The workbook's other sheets: ${others.map((s) => `“${s}”`).join(", ")}; choose one of them instead.`);
    }
    throw err;
  }
  const { sheets, sheet: chosen } = choice!;
  return {
    kind: "xlsx",
    sheets,
    sheet: chosen,
    ...shape,
    rows: (batchSize = 1_000) => reread(() => xlsxRows(path, chosen), shape.headers.length, batchSize),
  };
}

/** An iterable that starts a new read of the file each time it is iterated. */
function reread(source: () => AsyncIterable<string[]>, width: number, batchSize: number): AsyncIterable<string[][]> {
  return { [Symbol.asyncIterator]: () => dataBatches(source(), width, batchSize)[Symbol.asyncIterator]() };
}
