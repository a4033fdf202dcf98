import { open } from "node:fs/promises";
import path from "node:path";
import { MAX_UPLOAD_BYTES, UploadParseError, type UploadKind } from "../types";

const ACCEPTED = "Upload a CSV, TSV or Excel workbook (.xlsx).";
const TEXT_EXTENSIONS = new Set([".csv", ".tsv", ".txt"]);

/** Other formats people try, with what to do instead. */
const ADVICE: Record<string, string> = {
  ".xls": "Old Excel workbooks (.xls) cannot be read. Open it in Excel and save it as .xlsx or as CSV.",
  ".xlsm": "Macro-enabled workbooks (.xlsm) are not accepted. Save it as .xlsx (or CSV) and upload that.",
  ".xlsb": "Binary Excel workbooks (.xlsb) cannot be read. Save it as .xlsx or as CSV.",
  ".numbers": "Numbers files cannot be read. In Numbers, choose File › Export To › Excel or CSV.",
  ".ods": "OpenDocument spreadsheets (.ods) cannot be read. Save it as .xlsx or as CSV.",
};

/** What the first bytes say a file is, for formats a spreadsheet upload gets confused with. */
function signature(head: Uint8Array): "zip" | "ole" | "pdf" | undefined {
  const starts = (...bytes: number[]) => bytes.every((b, i) => head[i] === b);
  if (starts(0x50, 0x4b, 0x03, 0x04) || starts(0x50, 0x4b, 0x05, 0x06)) return "zip";
  if (starts(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) return "ole";
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return "pdf";
  return undefined;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export interface Sniffed {
  kind: UploadKind;
  extension: string;
  size: number;
  /** The first bytes (up to 8), for the byte-order mark. */
  head: Uint8Array;
}

/**
 * The kind of an upload, from its name and its first bytes together: both must agree (an .xlsx is
 * a zip; a .csv / .tsv / .txt is not a zip, an old Office file or a PDF). Checks the size limit too.
 * Reads 8 bytes, plus the end of a zip to see that it is complete.
 */
export async function sniffUpload(filePath: string, fileName: string): Promise<Sniffed> {
  const extension = path.extname(fileName).toLowerCase();
  const isText = TEXT_EXTENSIONS.has(extension);
  if (!isText && extension !== ".xlsx") {
    const advice =
      ADVICE[extension] ??
      (extension === ".pdf" ? "PDF files cannot be read." : `“${extension || fileName}” files cannot be read.`);
    throw new UploadParseError("wrong_type", `${advice} ${ACCEPTED}`);
  }
  const file = await open(filePath, "r");
  try {
    const { size } = await file.stat();
    if (size > MAX_UPLOAD_BYTES) {
      throw new UploadParseError(
        "too_large",
        `The file is ${mb(size)}; the limit is ${mb(MAX_UPLOAD_BYTES)}. Split it into smaller files, or remove columns you do not need.`,
      );
    }
    if (size === 0) throw new UploadParseError("empty", "The file is empty: there are no rows to import.");
    const head = new Uint8Array(8);
    await file.read(head, 0, 8, 0);
    const kind = signature(head);
    if (extension === ".xlsx") {
      if (kind === "ole")
        throw new UploadParseError(
          "wrong_type",
          `This is not an .xlsx workbook: it is either password-protected or an old Excel (.xls) file renamed. Remove the password, or save it as .xlsx or CSV. ${ACCEPTED}`,
        );
      if (kind !== "zip" || !(await hasZipEnd(file, size))) {
        throw new UploadParseError(
          "corrupt",
          "The workbook could not be read: it is damaged or incomplete (perhaps cut short while copying). Open it in Excel and save it again, then upload it again.",
        );
      }
      return { kind: "xlsx", extension, size, head };
    }
    if (kind === "zip" || kind === "ole")
      throw new UploadParseError(
        "wrong_type",
        `“${fileName}” is named like a text file but is a spreadsheet workbook. Save it as CSV from your spreadsheet app, or upload the workbook as .xlsx. ${ACCEPTED}`,
      );
    if (kind === "pdf") throw new UploadParseError("wrong_type", `“${fileName}” is a PDF, not a CSV file. ${ACCEPTED}`);
    return { kind: "csv", extension, size, head };
  } finally {
    await file.close();
  }
}

/**
 * A zip ends with an "end of central directory" record (PK\5\6) in its last 64 KB + 22 bytes. A
 * streaming unzip reads entries front to back and cannot tell a file cut short after a complete
 * entry; this can.
 */
async function hasZipEnd(file: import("node:fs/promises").FileHandle, size: number): Promise<boolean> {
  const length = Math.min(size, 65_557);
  const tail = Buffer.alloc(length);
  await file.read(tail, 0, length, size - length);
  return tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06])) >= 0;
}
