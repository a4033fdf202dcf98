/**
 * Hostile uploads for the limit tests and bench/upload-limits.ts, generated (never stored): a zip
 * written here by hand so that a part can be huge once inflated yet small on disk, and can declare
 * a size it does not keep to, as a crafted zip bomb would.
 */
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { crc32, createDeflateRaw } from "node:zlib";

/** A part of the zip: its text repeated `times` after `head`, before `tail`. */
export interface Part {
  name: string;
  head?: string;
  body?: string;
  times?: number;
  tail?: string;
  /** Text written after the repeats, piece by piece (a large part that varies, for benchmarks). */
  pieces?: () => Iterable<string>;
  /** Declare this inflated size instead of the real one (a lying zip). */
  declare?: number;
}

const chunksOf = function* (p: Part): Generator<Buffer> {
  if (p.head) yield Buffer.from(p.head);
  if (p.body && p.times) {
    // Repeated in blocks of about 1 MB: fast to deflate, never the whole part in memory.
    const per = Math.max(1, Math.floor((1 << 20) / Buffer.byteLength(p.body)));
    const block = Buffer.from(p.body.repeat(per));
    let left = p.times;
    for (; left >= per; left -= per) yield block;
    if (left > 0) yield Buffer.from(p.body.repeat(left));
  }
  if (p.pieces) {
    let batch: string[] = [];
    let length = 0;
    for (const piece of p.pieces()) {
      batch.push(piece);
      length += piece.length;
      if (length >= 1 << 20) {
        yield Buffer.from(batch.join(""));
        batch = [];
        length = 0;
      }
    }
    if (batch.length) yield Buffer.from(batch.join(""));
  }
  if (p.tail) yield Buffer.from(p.tail);
};

async function deflate(p: Part): Promise<{ data: Buffer; crc: number; size: number }> {
  const z = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  z.on("data", (d: Buffer) => out.push(d));
  let crc = 0;
  let size = 0;
  for (const chunk of chunksOf(p)) {
    crc = crc32(chunk, crc);
    size += chunk.length;
    if (!z.write(chunk)) await once(z, "drain");
  }
  z.end();
  await once(z, "end");
  return { data: Buffer.concat(out), crc, size };
}

/** Writes a zip of `parts` (deflated) to `path`. */
export async function writeZip(path: string, parts: Part[]): Promise<void> {
  const out = createWriteStream(path);
  const central: Buffer[] = [];
  let offset = 0;
  const put = async (b: Buffer) => {
    offset += b.length;
    if (!out.write(b)) await once(out, "drain");
  };
  for (const part of parts) {
    const { data, crc, size } = await deflate(part);
    const declared = part.declare ?? size;
    const name = Buffer.from(part.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(name.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(crc >>> 0, 16);
    entry.writeUInt32LE(data.length, 20);
    entry.writeUInt32LE(declared, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(offset, 42);
    central.push(entry, name);
    await put(Buffer.concat([local, name]));
    await put(data);
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  await put(cd);
  await put(end);
  out.end();
  await once(out, "finish");
}

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

/** The parts of a minimal workbook with the given sheets (sheet N is xl/worksheets/sheetN.xml). */
export function workbookParts(sheetNames: string[]): Part[] {
  const rels = sheetNames
    .map(
      (_, i) =>
        `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
    )
    .join("");
  const sheets = sheetNames.map((n, i) => `<sheet name="${n}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("");
  return [
    {
      name: "[Content_Types].xml",
      head: `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>`,
    },
    { name: "xl/workbook.xml", head: `${XML}<workbook ${MAIN} ${R}><sheets>${sheets}</sheets></workbook>` },
    {
      name: "xl/_rels/workbook.xml.rels",
      head: `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels}</Relationships>`,
    },
  ];
}

/** A worksheet part: `head` rows, then `row` repeated `times` (rows numbered by the caller's text). */
export function sheetPart(
  no: number,
  rows: { head?: string; body?: string; times?: number; pieces?: Part["pieces"] },
  declare?: number,
): Part {
  return {
    name: `xl/worksheets/sheet${no}.xml`,
    head: `${XML}<worksheet ${MAIN}><sheetData>${rows.head ?? ""}`,
    body: rows.body,
    times: rows.times,
    pieces: rows.pieces,
    tail: "</sheetData></worksheet>",
    declare,
  };
}

/** A shared-strings part: `body` (one or more <si>) repeated `times`, or `pieces`. */
export function sharedStringsPart(body: string, times: number, declare?: number, pieces?: Part["pieces"]): Part {
  return { name: "xl/sharedStrings.xml", head: `${XML}<sst ${MAIN}>`, body, times, pieces, tail: "</sst>", declare };
}

/** An inline-string cell, for sheets without shared strings. */
export const cell = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
