import { open } from "node:fs/promises";
import { Transform, type Readable } from "node:stream";
import { StringDecoder } from "node:string_decoder";
import {
  fmt,
  MAX_ENTRY_BYTES,
  MAX_INFLATED_BYTES,
  MAX_SHARED_STRING_CHARS,
  MAX_SHARED_STRINGS,
  mb,
  tooBig,
} from "./limits";

/*
 * A workbook is a zip: what its parts inflate to is checked twice. First from the sizes the zip's
 * central directory declares (cheap, before anything is inflated), then by counting the bytes as
 * they are inflated, since a hand-made zip can declare sizes it does not keep to. Also here: the
 * shared-strings count, and the watch on the zip stream that ends a read of a damaged entry.
 */

const MAX_ENTRIES = 10_000;
const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;

/** A part as the user knows it: "the sheet “Q3”", or what it is for parts they never see. */
export function partLabel(path: string, sheetName?: (no: string) => string | undefined): string {
  const sheet = /^xl\/worksheets\/sheet(\d+)\.xml$/.exec(path)?.[1];
  if (sheet) {
    const name = sheetName?.(sheet);
    return name ? `the sheet “${name}”` : "one of the sheets";
  }
  if (path === "xl/sharedStrings.xml") return "the table of text values (shared strings)";
  return `the part “${path.slice(0, 100)}”`;
}

const entryTooBig = (label: string) =>
  tooBig(
    `In this workbook, ${label} unpacks to more than ${mb(MAX_ENTRY_BYTES)}, more than one upload may hold. Split the data into smaller files (or save it as CSV) and upload them one by one.`,
  );
const totalTooBig = () =>
  tooBig(
    `This workbook unpacks to more than ${mb(MAX_INFLATED_BYTES)} in total, more than one upload may hold. Remove sheets, images or columns you do not need (or save the sheet as CSV) and upload it again.`,
  );

/** Names and declared inflated sizes of a zip's entries, from its central directory; refuses those over the limits. */
export async function checkDeclaredSizes(path: string): Promise<void> {
  const file = await open(path, "r");
  try {
    const { size } = await file.stat();
    const tailLength = Math.min(size, 65_557);
    const tail = Buffer.alloc(tailLength);
    await file.read(tail, 0, tailLength, size - tailLength);
    let at = -1;
    for (let i = tailLength - 22; i >= 0; i--)
      if (tail.readUInt32LE(i) === EOCD) {
        at = i;
        break;
      }
    if (at < 0) return; // not a zip: the reader says "damaged"
    const count = tail.readUInt16LE(at + 10);
    const cdSize = tail.readUInt32LE(at + 12);
    const cdOffset = tail.readUInt32LE(at + 16);
    if (count > MAX_ENTRIES)
      throw tooBig(
        `This workbook holds more than ${fmt(MAX_ENTRIES)} parts, far more than a spreadsheet has. Save it again from Excel (or as CSV) and upload it again.`,
      );
    if (cdOffset + cdSize > size) return; // zip64 or damaged: counting while inflating still applies
    const cd = Buffer.alloc(cdSize);
    await file.read(cd, 0, cdSize, cdOffset);
    let total = 0;
    for (let p = 0; p + 46 <= cd.length && cd.readUInt32LE(p) === CENTRAL;) {
      const nameLength = cd.readUInt16LE(p + 28);
      const extraLength = cd.readUInt16LE(p + 30);
      const name = cd.toString("utf8", p + 46, p + 46 + nameLength);
      const inflated = declaredSize(cd, p, nameLength, extraLength);
      if (inflated > MAX_ENTRY_BYTES) throw entryTooBig(partLabel(name));
      total += inflated;
      if (total > MAX_INFLATED_BYTES) throw totalTooBig();
      p += 46 + nameLength + extraLength + cd.readUInt16LE(p + 32);
    }
  } finally {
    await file.close();
  }
}

/** An entry's inflated size; 0xFFFFFFFF means "see the zip64 extra field". */
function declaredSize(cd: Buffer, p: number, nameLength: number, extraLength: number): number {
  const size = cd.readUInt32LE(p + 24);
  if (size !== 0xffffffff) return size;
  for (let e = p + 46 + nameLength; e + 4 <= p + 46 + nameLength + extraLength;) {
    const id = cd.readUInt16LE(e);
    const length = cd.readUInt16LE(e + 2);
    if (id === 0x0001 && length >= 8) return Number(cd.readBigUInt64LE(e + 4));
    e += 4 + length;
  }
  return Number.MAX_SAFE_INTEGER;
}

/** Inflated bytes of one read of a workbook, across its parts. */
export class InflateBudget {
  private total = 0;

  /** Counts `bytes` more of a part that has now reached `partBytes`; throws past a limit. */
  count(bytes: number, partBytes: number, label: () => string): void {
    this.total += bytes;
    if (partBytes > MAX_ENTRY_BYTES) throw entryTooBig(label());
    if (this.total > MAX_INFLATED_BYTES) throw totalTooBig();
  }
}

/** An entry's bytes, counted against the budget and decoded as UTF-8 (split characters kept whole). */
export function countedText(entry: Readable, budget: InflateBudget, label: () => string): Readable {
  const decoder = new StringDecoder("utf8");
  let bytes = 0;
  const counter = new Transform({
    readableObjectMode: true,
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      try {
        budget.count(chunk.length, bytes, label);
      } catch (err) {
        entry.unpipe(counter);
        entry.resume(); // let the zip move on; the error ends the read
        return done(err as Error);
      }
      const text = decoder.write(chunk);
      done(null, text || undefined);
    },
    flush(done) {
      const text = decoder.end();
      done(null, text || undefined);
    },
  });
  // pipe() does not pass errors on: a damaged entry must end the read, not leave it waiting.
  entry.once("error", (err) => counter.destroy(err));
  return entry.pipe(counter);
}

const textLength = (value: unknown): number => {
  if (typeof value === "string") return value.length;
  const runs = (value as { richText?: { text?: string | null }[] } | null)?.richText;
  return Array.isArray(runs) ? runs.reduce((n, r) => n + (r.text?.length ?? 0), 0) : 0;
};

/** The shared-strings table, refusing more strings or characters than the limits. */
export class SharedStrings extends Array<unknown> {
  private chars = 0;
  override push(...items: unknown[]): number {
    for (const item of items) this.chars += textLength(item);
    if (this.length + items.length > MAX_SHARED_STRINGS) {
      throw tooBig(
        `This workbook holds more than ${fmt(MAX_SHARED_STRINGS)} different text values, more than one upload may hold. Split the data into smaller files (or save it as CSV) and upload them one by one.`,
      );
    }
    if (this.chars > MAX_SHARED_STRING_CHARS) {
      throw tooBig(
        `This workbook's text values add up to more than ${fmt(MAX_SHARED_STRING_CHARS)} characters, more than one upload may hold. Split the data into smaller files (or save it as CSV) and upload them one by one.`,
      );
    }
    return super.push(...items);
  }
}

/**
 * A zip stream's failure, to race against. Each race listens with a promise of its own, dropped
 * after it: racing one long-lived promise would keep every value ever raced (every row) alive.
 */
export class ZipWatch {
  private error: { err: unknown } | undefined;
  private readonly listeners = new Set<(err: unknown) => void>();

  fail(err: unknown) {
    this.error ??= { err };
    for (const listener of this.listeners) listener(err);
  }

  async race<T>(promise: Promise<T>): Promise<T> {
    if (this.error) throw this.error.err;
    let stop!: (err: unknown) => void;
    const stopped = new Promise<never>((_, reject) => (stop = reject));
    this.listeners.add(stop);
    try {
      return await Promise.race([promise, stopped]);
    } finally {
      this.listeners.delete(stop);
    }
  }

  get failed(): boolean {
    return this.error !== undefined;
  }
}

/** `source`'s items until the zip fails: then its error, even while exceljs waits inside an entry. */
export async function* untilZipFails<T>(source: AsyncIterable<T>, zip: ZipWatch): AsyncGenerator<T> {
  const it = source[Symbol.asyncIterator]();
  try {
    for (;;) {
      const next = await zip.race(it.next());
      if (next.done) return;
      yield next.value;
    }
  } finally {
    // A stuck reader is left to the garbage collector (its input is destroyed by the caller).
    if (!zip.failed) await it.return?.();
  }
}
