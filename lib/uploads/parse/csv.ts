import { Readable } from "node:stream";
import Papa from "papaparse";
import { UploadParseError } from "../types";
import { type CsvEncoding, decodeFile, NotUtf8Error } from "./decode";
import { fmt, MAX_RECORD_CHARS, mb, tooBig } from "./limits";

export type CsvDelimiter = "," | ";" | "\t";
const CSV_DELIMITERS: CsvDelimiter[] = [",", ";", "\t"];

export interface CsvDialect {
  delimiter: CsvDelimiter;
  newline: "\r\n" | "\n" | "\r";
}

/** Rows parsed but not yet taken at which the file stream is paused until the consumer catches up. */
const HIGH_WATER_ROWS = 2_000;

/**
 * The rows of a CSV file, streamed: the file is decoded here (papaparse would decode each Buffer
 * chunk on its own and break a character split between two chunks) and papaparse parses the text
 * (quotes, doubled quotes, newlines inside quotes, CRLF / LF / CR). Without a `dialect`, papaparse
 * guesses the delimiter and line break from the first chunk and `onDialect` receives them, so later
 * reads use the same. Memory stays bounded: the file stream is paused while rows wait to be taken,
 * and a record longer than MAX_RECORD_CHARS is refused as it grows (papaparse re-reads an unfinished
 * record with every chunk, so a 49 MB line would otherwise take minutes).
 */
export async function* csvRows(
  path: string,
  encoding: CsvEncoding,
  dialect?: Partial<CsvDialect>,
  onDialect?: (d: CsvDialect) => void,
): AsyncGenerator<string[]> {
  const delimiter = dialect?.delimiter ?? (await guessDelimiter(path, encoding));
  let fed = 0;
  const text = Readable.from(
    counted(decodeFile(path, encoding), (n) => (fed += n)),
    { highWaterMark: 1 },
  );
  let queue: string[][] = [];
  let done = false;
  let failure: unknown;
  let wake: (() => void) | undefined;
  const signal = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  let rowsBefore = 0;
  let reported = false;
  Papa.parse<string[]>(text as unknown as File, {
    delimiter,
    newline: dialect?.newline,
    skipEmptyLines: false,
    chunk(results) {
      if (onDialect && !reported) {
        reported = true;
        onDialect({
          delimiter: results.meta.delimiter as CsvDelimiter,
          newline: results.meta.linebreak as CsvDialect["newline"],
        });
      }
      // An opening quote never closed swallows the rest of the file into one cell: refuse it.
      if (results.errors.some((e) => e.code === "MissingQuotes")) {
        failure ??= new UploadParseError(
          "corrupt",
          `A quoted value starting in row ${(rowsBefore + results.data.length).toLocaleString("en-US")} of the file is never closed (a " without its closing "). Fix the quotes, or save the file again from your spreadsheet app, and upload it again.`,
        );
      }
      rowsBefore += results.data.length;
      // Characters received after the last complete record: the record still being read.
      if (fed - results.meta.cursor > MAX_RECORD_CHARS) {
        failure ??= tooBig(
          `Row ${fmt(rowsBefore + 1)} of the file is longer than ${mb(MAX_RECORD_CHARS)} of text, far more than a spreadsheet row holds (is a line break or closing quote missing?). Fix that row, or save the file again from your spreadsheet app, and upload it again.`,
        );
      }
      for (const row of results.data) queue.push(row);
      if (queue.length >= HIGH_WATER_ROWS) text.pause();
      signal();
    },
    complete() {
      done = true;
      signal();
    },
    error(err: Error) {
      failure ??= err;
      signal();
    },
  });
  try {
    for (;;) {
      if (failure) throw failure;
      if (queue.length > 0) {
        const rows = queue;
        queue = [];
        if (text.isPaused()) text.resume();
        for (const row of rows) yield row;
        continue;
      }
      if (done) return;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    text.destroy();
  }
}

/**
 * The delimiter of the file's first rows. Papaparse's own guess counts empty lines as one-column
 * rows, so a small two-column ";" file ending with a line break (as Excel writes it) was read as one
 * ","-separated column; here empty lines are left out of the guess. Falls back to ",".
 */
async function guessDelimiter(path: string, encoding: CsvEncoding): Promise<CsvDelimiter> {
  let sample = "";
  for await (const chunk of decodeFile(path, encoding)) {
    sample += chunk;
    if (sample.length >= 64 * 1024) break;
  }
  const guessed = Papa.parse<string[]>(sample, {
    delimitersToGuess: CSV_DELIMITERS,
    skipEmptyLines: "greedy",
    preview: 10,
  }).meta.delimiter;
  return (CSV_DELIMITERS as string[]).includes(guessed) ? (guessed as CsvDelimiter) : ",";
}

async function* counted(source: AsyncIterable<string>, add: (n: number) => void): AsyncGenerator<string> {
  for await (const chunk of source) {
    add(chunk.length);
    yield chunk;
  }
}

/** Maps "not UTF-8" to the user-facing error when no fallback is possible (the file had a UTF-8 BOM). */
export function encodingError(err: unknown): unknown {
  return err instanceof NotUtf8Error
    ? new UploadParseError(
        "encoding",
        "The file starts with a UTF-8 marker but contains bytes that are not valid UTF-8. Save it again as “CSV UTF-8” and upload it again.",
      )
    : err;
}
