import type { Readable } from "node:stream";
import ExcelJS from "exceljs";
import { countedText, InflateBudget, partLabel, SharedStrings, untilZipFails, ZipWatch } from "./zip-limits";

/*
 * exceljs's streaming WorkbookReader (pinned at 4.4.0), read in two passes, with its known faults
 * worked around from the outside. Re-check each override when exceljs is upgraded.
 *
 * Why two passes: a worksheet's cells need the shared strings, the styles (which numbers are dates)
 * and the sheet names, but Excel stores the shared strings after the worksheets. exceljs then
 * spills each worksheet to a temporary file and parses it at the end, and when a read stops early
 * (too many rows, a damaged zip) those files stay on disk until the process exits. Instead, pass 1
 * reads everything except the worksheets (skipped unparsed), and pass 2 parses the one worksheet
 * wanted straight from the zip, with pass 1's strings, styles and names, and stops after it. No
 * temporary files; the zip is inflated twice at most.
 *
 * Faults worked around:
 * 1. Multi-byte characters split between two chunks come out as "��" (exceljs#2063, #2316): every
 *    XML part is decoded here with a streaming decoder (exceljs passes strings through).
 * 2. A worksheet stored before workbook.xml throws "Cannot read properties of undefined (reading
 *    'sheets')" (exceljs#962) or, before styles.xml, reads dates as numbers: pass 2 knows both.
 * 3. A formula whose cached result is an error (t="e") is read as NaN (exceljs#3074) and one whose
 *    result is a boolean (t="b") as 1 / 0: see `sheetXml`.
 *
 * Limits (./limits.ts): every part parsed or skipped is counted as it inflates, and the shared
 * strings are counted as they are cached, so a zip bomb is refused before it fills memory.
 */

interface Relationship {
  Id: string;
  Target: string;
}

/** What pass 1 learns; pass 2 starts from it. */
export interface WorkbookMeta {
  sharedStrings: unknown[] | undefined;
  styles: unknown;
  model: { sheets?: { name: string; rId: string }[] } | undefined;
  properties: { model?: { date1904?: boolean } } | undefined;
  rels: Relationship[] | undefined;
}

interface SheetReader extends AsyncIterable<ExcelJS.Row> {
  name: string;
}

interface ReaderInternals {
  styles: unknown;
  model: WorkbookMeta["model"];
  properties: WorkbookMeta["properties"];
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseWorksheet(
    iterator: AsyncIterable<Buffer | string>,
    sheetNo: string,
  ): Generator<{ eventType: string; value: SheetReader }> | AsyncGenerator<never>;
  [Symbol.asyncIterator](): AsyncGenerator<SheetReader>;
}

const Base = ExcelJS.stream.xlsx.WorkbookReader as unknown as new (input: Readable, options: object) => ReaderInternals;

// Shared strings and styles are cached (styles tell which numbers are dates); hyperlinks are
// ignored, so a hyperlink cell reads as its text.
const OPTIONS = {
  worksheets: "emit",
  sharedStrings: "cache",
  styles: "cache",
  hyperlinks: "ignore",
  entries: "ignore",
};

class WorkbookPass extends Base {
  protected rels: Relationship[] | undefined;
  protected strings: unknown[] | undefined;
  /**
   * Hears the zip stream fail. A damaged entry's inflate error reaches only the zip stream, and
   * exceljs, reading the entry, waits for its end forever: readers race it (`untilZipFails`).
   */
  readonly zip = new ZipWatch();

  constructor(input: Readable) {
    super(input, OPTIONS);
    // exceljs pipes the input into its unzipper: that is where the zip stream can be heard.
    const pipe = input.pipe.bind(input);
    input.pipe = (<T extends NodeJS.WritableStream>(dest: T, opts?: { end?: boolean }) => {
      (dest as unknown as Readable).on("error", (err: unknown) => this.zip.fail(err));
      return pipe(dest, opts);
    }) as typeof input.pipe;
  }

  // exceljs parses a worksheet as it meets it in the zip only when it already has both of these,
  // else it spills it to a temporary file. Always "present": pass 1 skips worksheets and pass 2
  // has them from pass 1.
  get workbookRels(): Relationship[] {
    return this.rels ?? [];
  }
  set workbookRels(rels: Relationship[]) {
    this.rels = rels;
  }
  get sharedStrings(): unknown[] {
    return this.strings ?? [];
  }
  // exceljs starts the table with `= []` and pushes each string as it reads it: counted here.
  set sharedStrings(strings: unknown[]) {
    this.strings = strings.length === 0 ? new SharedStrings() : strings;
  }

  /** "the sheet “Q3”" for a worksheet part, once the workbook's names are known. */
  protected label(path: string): string {
    return partLabel(path, (no) => worksheetsOf(this.partial()).find((w) => w.no === no)?.name);
  }
  protected partial(): WorkbookMeta {
    return {
      sharedStrings: undefined,
      styles: undefined,
      model: this.model,
      properties: this.properties,
      rels: this.rels,
    };
  }
}

/** Pass 1: the workbook's parts except its worksheets. */
class MetaPass extends WorkbookPass {
  private readonly budget = new InflateBudget();
  // (1) Entries are decoded with a StringDecoder, which keeps split characters whole, and counted.
  private text(entry: Readable, path: string) {
    return countedText(entry, this.budget, () => this.label(path));
  }
  override _parseRels(entry: Readable) {
    return super._parseRels(this.text(entry, "xl/_rels/workbook.xml.rels"));
  }
  override _parseWorkbook(entry: Readable) {
    return super._parseWorkbook(this.text(entry, "xl/workbook.xml"));
  }
  override _parseStyles(entry: Readable) {
    return super._parseStyles(this.text(entry, "xl/styles.xml"));
  }
  override _parseSharedStrings(entry: Readable) {
    return super._parseSharedStrings(this.text(entry, "xl/sharedStrings.xml"));
  }
  // Worksheets are skipped here, but counted as they inflate: a bomb in any sheet is found now.
  // eslint-disable-next-line require-yield -- counts the sheet's bytes, yields no rows
  override async *_parseWorksheet(entry: AsyncIterable<Buffer | string>, sheetNo: string): AsyncGenerator<never> {
    let bytes = 0;
    const path = `xl/worksheets/sheet${sheetNo}.xml`;
    for await (const chunk of entry) {
      bytes += chunk.length;
      this.budget.count(chunk.length, bytes, () => this.label(path));
    }
  }

  meta(): WorkbookMeta {
    return {
      sharedStrings: this.strings,
      styles: this.styles,
      model: this.model,
      properties: this.properties,
      rels: this.rels,
    };
  }
}

export async function readWorkbookMeta(input: Readable): Promise<WorkbookMeta> {
  const pass = new MetaPass(input);
  for await (const _ of untilZipFails(pass, pass.zip)); // runs through the zip; yields no worksheet
  return pass.meta();
}

const WORKSHEET_PATH = /^worksheets\/sheet(\d+)\.xml$/;
/** Relationship targets are relative to xl/ ("worksheets/sheet1.xml"), but some writers store "/xl/worksheets/sheet1.xml". */
const normalizeTarget = (target: string) => target.replace(/^\/?(?:xl\/)?(?:\.\/)?/, "");

/** The workbook's worksheets in tab order, with the number of their part in the zip (chart sheets have none). */
export function worksheetsOf(meta: WorkbookMeta): { name: string; no: string }[] {
  return (meta.model?.sheets ?? []).flatMap((sheet) => {
    const rel = meta.rels?.find((r) => r.Id === sheet.rId);
    const no = rel && WORKSHEET_PATH.exec(normalizeTarget(rel.Target))?.[1];
    return no ? [{ name: sheet.name, no }] : [];
  });
}

/** Pass 2: one worksheet's rows, parsed as the zip is read. */
export class SheetPass extends WorkbookPass {
  /** Addresses ("B2") of cells stored with t="b": a formula among them has a boolean result. */
  readonly booleans = new Set<string>();
  readonly date1904: boolean;

  constructor(
    input: Readable,
    meta: WorkbookMeta,
    private readonly sheetNo: string,
  ) {
    super(input);
    this.rels = meta.rels;
    this.strings = meta.sharedStrings;
    this.styles = meta.styles;
    this.model = meta.model;
    this.properties = meta.properties;
    this.date1904 = meta.properties?.model?.date1904 === true;
  }

  // Known from pass 1: exceljs drains these entries unread.
  override async _parseRels() {}
  override async _parseWorkbook() {}
  override async _parseStyles() {}
  override async *_parseSharedStrings() {}

  override *_parseWorksheet(entry: AsyncIterable<Buffer | string>, sheetNo: string) {
    const path = `xl/worksheets/sheet${sheetNo}.xml`;
    if (sheetNo !== this.sheetNo) return;
    // exceljs's own worksheet parse is a plain generator (MetaPass's override is the async one).
    yield* super._parseWorksheet(
      sheetXml(
        counted(entry, () => this.label(path)),
        this.booleans,
      ),
      sheetNo,
    ) as Generator<{ eventType: string; value: SheetReader }>;
  }
}

/*
 * (3) A cell's type is an attribute of its <c> tag, which exceljs does not hand on for formulas.
 * Before exceljs parses the XML: t="e" becomes t="str" (an error's text, "#DIV/0!", then arrives as
 * the cell's string, formula or not) and the address of each t="b" cell is noted. A tag cut in two
 * by a chunk boundary waits for the next chunk. Also (1): bytes are decoded here, split-safe.
 */
const TYPED_CELL = /<c\s[^>]*?\st=(["'])([be])\1[^>]*>/g;
const CELL_REF = /\sr=["']([A-Z]+\d+)["']/;

/** The chosen sheet's bytes, counted again as pass 2 inflates them. */
async function* counted(entry: AsyncIterable<Buffer | string>, label: () => string): AsyncGenerator<Buffer | string> {
  const budget = new InflateBudget();
  let bytes = 0;
  for await (const chunk of entry) {
    bytes += chunk.length;
    budget.count(chunk.length, bytes, label);
    yield chunk;
  }
}

async function* sheetXml(entry: AsyncIterable<Buffer | string>, booleans: Set<string>): AsyncGenerator<string> {
  const decoder = new TextDecoder("utf-8");
  const fix = (text: string) =>
    text.replace(TYPED_CELL, (tag: string, _q: string, type: string) => {
      if (type === "e") return tag.replace(/\st=(["'])e\1/, ' t="str"');
      const ref = CELL_REF.exec(tag)?.[1];
      if (ref) booleans.add(ref);
      return tag;
    });
  let carry = "";
  for await (const chunk of entry) {
    let text = carry + (typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true }));
    const lt = text.lastIndexOf("<");
    carry = lt >= 0 && text.indexOf(">", lt) < 0 ? text.slice(lt) : "";
    if (carry) text = text.slice(0, lt);
    if (text) yield fix(text);
  }
  const tail = carry + decoder.decode();
  if (tail) yield fix(tail);
}
