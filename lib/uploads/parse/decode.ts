import { createReadStream } from "node:fs";
import { UploadParseError } from "../types";

/** The text encodings a CSV upload is read in. */
export type CsvEncoding = "utf-8" | "utf-16le" | "utf-16be" | "windows-1252";

/** The encoding a byte-order mark announces, if the file starts with one. */
export function bomEncoding(head: Uint8Array): CsvEncoding | undefined {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return "utf-8";
  if (head[0] === 0xff && head[1] === 0xfe) return "utf-16le";
  if (head[0] === 0xfe && head[1] === 0xff) return "utf-16be";
  return undefined;
}

/** Thrown (and caught by the CSV reader) when a file without a BOM is not valid UTF-8: it is then read as Windows-1252. */
export class NotUtf8Error extends Error {}

/*
 * Windows-1252 bytes 0x80–0x9F (€, ’, “, …). Since 20.18.3 / 22.13, Node's fast path decodes
 * "windows-1252" as Latin-1 and returns these as C1 control characters (nodejs/node#56542, #60888);
 * streaming calls, which this file uses, go through ICU and are right on Node 20.20. The table is a
 * safeguard for versions where that differs: where decoding is right it finds nothing to map. The
 * five bytes the code page leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) stay as WHATWG says.
 */
const CP1252_HIGH = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ";
const C1 = /[\u0080-\u009f]/g;
const fixCp1252 = (text: string) => text.replace(C1, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!);

/**
 * The file's text, decoded chunk by chunk (64 KB at a time; a character split between two chunks is
 * carried over by TextDecoder's stream mode) with the BOM removed. UTF-8 is decoded strictly so the
 * caller can fall back to Windows-1252. A NUL character means the file is not text at all (or is
 * UTF-16 without a BOM), which no encoding fallback can fix.
 */
export async function* decodeFile(path: string, encoding: CsvEncoding): AsyncGenerator<string> {
  const decoder = new TextDecoder(encoding, { fatal: encoding === "utf-8" });
  const decode = (bytes?: Uint8Array) => {
    let text: string;
    try {
      text = bytes ? decoder.decode(bytes, { stream: true }) : decoder.decode();
    } catch {
      throw new NotUtf8Error("not valid UTF-8");
    }
    if (text.includes("\u0000")) {
      throw new UploadParseError(
        "encoding",
        "The file contains binary data (NUL bytes), so it is not a readable text file. Save it as “CSV UTF-8” or as an Excel workbook (.xlsx) and upload it again.",
      );
    }
    return encoding === "windows-1252" ? fixCp1252(text) : text;
  };
  for await (const bytes of createReadStream(path, { highWaterMark: 64 * 1024 })) {
    const text = decode(bytes as Buffer);
    if (text) yield text;
  }
  const tail = decode();
  if (tail) yield tail;
}
