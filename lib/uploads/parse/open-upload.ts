import { UploadParseError, type UploadKind } from "../types";
import { type CsvDelimiter, type CsvDialect, csvRows, encodingError } from "./csv";
import { bomEncoding, type CsvEncoding, NotUtf8Error } from "./decode";
import { sniffUpload } from "./sniff";
import { dataBatches, scanTable } from "./table";
import { type SheetChoice, xlsxRows } from "./xlsx";

/** What the first read of an upload learns: all later reads need. Plain data (it crosses from the parse worker). */
export interface UploadScan {
  kind: UploadKind;
  /** XLSX: every worksheet, in tab order; CSV: []. */
  sheets: string[];
  /** XLSX: the sheet read (the one asked for, else the first). */
  sheet?: string;
  /** CSV: the text encoding found (BOM, else UTF-8 if valid, else Windows-1252). */
  encoding?: CsvEncoding;
  /** CSV: the delimiter found. */
  delimiter?: CsvDelimiter;
  /** CSV: the line break found. */
  newline?: CsvDialect["newline"];
  /** Column names, unique and non-empty; every row has exactly this many cells. */
  headers: string[];
  /** Data rows (empty rows and the header excluded). */
  rowCount: number;
}

/** An upload that has been read once and can be read again, in batches, as often as needed. */
export interface OpenedUpload extends UploadScan {
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
  return readScanned(path, await scanUpload(path, opts));
}

/** The first read of `openUpload`, in this thread: the server runs it in a parse worker (parse-pool.ts). */
export async function scanUpload(path: string, opts: { fileName: string; sheet?: string }): Promise<UploadScan> {
  const sniffed = await sniffUpload(path, opts.fileName);
  return sniffed.kind === "xlsx"
    ? scanXlsx(path, opts.sheet)
    : scanCsv(path, sniffed.head, sniffed.extension === ".tsv");
}

/** An upload read before, with what that read found: its rows can be read again. */
export function readScanned(path: string, scan: UploadScan): OpenedUpload {
  const width = scan.headers.length;
  if (scan.kind === "xlsx")
    return { ...scan, rows: (batchSize = 1_000) => reread(() => xlsxRows(path, scan.sheet), width, batchSize) };
  const dialect: CsvDialect = { delimiter: scan.delimiter ?? ",", newline: scan.newline ?? "\n" };
  return {
    ...scan,
    rows: (batchSize = 1_000) => reread(() => csvRows(path, scan.encoding ?? "utf-8", dialect), width, batchSize),
  };
}

async function scanCsv(path: string, head: Uint8Array, isTsv: boolean): Promise<UploadScan> {
  const bom = bomEncoding(head);
  // Without a BOM: UTF-8 if the whole file is valid UTF-8, else Windows-1252 (Excel's "CSV" on Windows).
  for (const encoding of bom ? [bom] : (["utf-8", "windows-1252"] as const)) {
    let dialect: CsvDialect | undefined;
    const fixed = isTsv ? { delimiter: "\t" as const } : undefined;
    try {
      const shape = await scanTable(
        csvRows(path, encoding, fixed, (d) => (dialect = d)),
        "The file",
      );
      const found: CsvDialect = {
        delimiter: fixed?.delimiter ?? dialect?.delimiter ?? ",",
        newline: dialect?.newline ?? "\n",
      };
      return { kind: "csv", sheets: [], encoding, delimiter: found.delimiter, newline: found.newline, ...shape };
    } catch (err) {
      if (err instanceof NotUtf8Error && !bom) continue;
      throw encodingError(err);
    }
  }
  throw new UploadParseError(
    "encoding",
    "The file's text encoding could not be recognised. Save it as “CSV UTF-8” and upload it again.",
  );
}

/** Sheets tried after an empty first one, at most: a workbook of many blank sheets is not read 100 times. */
const MAX_SHEETS_TRIED = 20;

/**
 * Without a sheet asked for, the first sheet that has data: a workbook whose first sheet is blank or
 * holds only a header row (a cover sheet, a template) opens on the next one, and the user can still
 * choose any other. Only when no sheet has data is the upload refused, naming the other sheets.
 */
async function scanXlsx(path: string, sheet: string | undefined): Promise<UploadScan> {
  const first = await scanSheet(path, sheet);
  if (
    !(first.error instanceof UploadParseError && first.error.code === "empty") ||
    sheet !== undefined ||
    !first.choice
  )
    return scanned(first);
  const others = first.choice.sheets.filter((s) => s !== first.choice!.sheet);
  for (const other of others.slice(0, MAX_SHEETS_TRIED)) {
    const next = await scanSheet(path, other);
    if (!next.error) return scanned(next);
  }
  return scanned(first);
}

type SheetScan = { choice?: SheetChoice; shape?: Awaited<ReturnType<typeof scanTable>>; error?: unknown };

async function scanSheet(path: string, sheet: string | undefined): Promise<SheetScan> {
  let choice: SheetChoice | undefined;
  const label = () => (choice ? `The sheet “${choice.sheet}”` : "The workbook");
  try {
    const shape = await scanTable(
      xlsxRows(path, sheet, (c) => (choice = c)),
      label,
    );
    return { choice, shape };
  } catch (error) {
    return { choice, error };
  }
}

function scanned({ choice, shape, error }: SheetScan): UploadScan {
  if (!error) return { kind: "xlsx", sheets: choice!.sheets, sheet: choice!.sheet, ...shape! };
  // An empty sheet in a workbook with others: say which, so the user can pick one.
  const others = choice?.sheets.filter((s) => s !== choice!.sheet) ?? [];
  if (error instanceof UploadParseError && error.code === "empty" && others.length > 0) {
    throw new UploadParseError(
      "empty",
      `${error.message} The workbook's other sheets: ${others.map((s) => `“${s}”`).join(", ")}; choose one of them instead.`,
    );
  }
  throw error;
}

/** An iterable that starts a new read of the file each time it is iterated. */
function reread(source: () => AsyncIterable<string[]>, width: number, batchSize: number): AsyncIterable<string[][]> {
  return { [Symbol.asyncIterator]: () => dataBatches(source(), width, batchSize)[Symbol.asyncIterator]() };
}
