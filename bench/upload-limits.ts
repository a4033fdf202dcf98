/**
 * Upload limits (issue 11, item 1): the largest files accepted, as CSV and XLSX (100,000 rows, the
 * row limit, just under 50 MB), read as the server reads them (first read in a parse worker, then a
 * full re-read in the server as a check or dry run does), with time and RSS growth; then hostile
 * files (zip bombs that declare their size and that lie about it, five at once, a 1.5 GB sheet, a
 * 49 MB single-line CSV, a 1,000,000-column CSV): each refused, the process alive, its peak RSS.
 * RSS is the whole process (worker threads included), sampled every 20 ms. Prints figures; not a test.
 *
 *   npx tsx --conditions=react-server bench/upload-limits.ts [--rows 100000] [--columns 20]
 */
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { mkdtemp, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { cell, sharedStringsPart, sheetPart, workbookParts, writeZip } from "../lib/uploads/parse/hostile-files";
import { readScanned } from "../lib/uploads/parse/open-upload";
import { ParsePool } from "../lib/uploads/parse/parse-pool";
import { columnLetter } from "../lib/uploads/parse/table";

const { values } = parseArgs({
  options: { rows: { type: "string", default: "100000" }, columns: { type: "string", default: "20" } },
});
const ROWS = Number(values.rows);
const COLS = Number(values.columns);
const MB = 1024 * 1024;
const mb = (n: number) => `${(n / MB).toFixed(1)} MB`;
const fmt = (n: number) => n.toLocaleString("en-US");

async function measure<T>(fn: () => Promise<T>): Promise<{ result: T; ms: number; growth: number }> {
  global.gc?.();
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const started = performance.now();
  try {
    const result = await fn();
    return { result, ms: performance.now() - started, growth: Math.max(peak, process.memoryUsage().rss) - base };
  } finally {
    clearInterval(timer);
  }
}

async function writeCsv(file: string) {
  const out = createWriteStream(file);
  const header = Array.from({ length: COLS }, (_, c) => `Column ${c + 1}`).join(",");
  out.write(`${header}\n`);
  for (let r = 0; r < ROWS; r++) {
    // About 24 characters a cell: 100,000 × 20 comes to just under the 50 MB file limit.
    const line = Array.from({ length: COLS }, (_, c) =>
      c === 0 ? `person${r}@example.com` : `value ${r}-${c} lorem ipsu`,
    ).join(",");
    if (!out.write(`${line}\n`)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
}

/** A workbook like Excel writes: text in shared strings (half the columns, all distinct), numbers inline. */
async function writeXlsx(file: string) {
  const textCols = Math.ceil(COLS / 2);
  const strings = function* () {
    for (let c = 0; c < COLS; c++) yield `<si><t>Column ${c + 1}</t></si>`;
    for (let r = 0; r < ROWS; r++)
      for (let c = 0; c < textCols; c++) yield `<si><t>text ${r}-${c} lorem ipsum</t></si>`;
  };
  const rows = function* () {
    let s = COLS;
    yield `<row r="1">${Array.from({ length: COLS }, (_, c) => `<c r="${columnLetter(c)}1" t="s"><v>${c}</v></c>`).join("")}</row>`;
    for (let r = 0; r < ROWS; r++) {
      const n = r + 2;
      const cells = Array.from({ length: COLS }, (_, c) =>
        c < textCols
          ? `<c r="${columnLetter(c)}${n}" t="s"><v>${s++}</v></c>`
          : `<c r="${columnLetter(c)}${n}"><v>${r * 1.5 + c}</v></c>`,
      );
      yield `<row r="${n}">${cells.join("")}</row>`;
    }
  };
  await writeZip(file, [
    ...workbookParts(["Data"]),
    sharedStringsPart("", 0, undefined, strings),
    sheetPart(1, { pieces: rows }),
  ]);
}

async function accepted(pool: ParsePool, file: string, fileName: string) {
  const size = (await stat(file)).size;
  const first = await measure(() => pool.scan(file, { fileName }));
  const scan = first.result;
  const again = await measure(async () => {
    let n = 0;
    for await (const batch of readScanned(file, scan).rows()) n += batch.length;
    return n;
  });
  console.log(`${fileName}: ${mb(size)}, ${fmt(scan.rowCount)} rows × ${scan.headers.length} columns accepted`);
  console.log(`  first read (parse worker): ${(first.ms / 1000).toFixed(1)} s, peak RSS +${mb(first.growth)}`);
  console.log(
    `  full re-read (server, as a dry run): ${(again.ms / 1000).toFixed(1)} s, peak RSS +${mb(again.growth)} (${fmt(again.result)} rows)`,
  );
}

async function refused(pool: ParsePool, label: string, files: { file: string; fileName: string }[]) {
  const run = await measure(() => Promise.allSettled(files.map((f) => pool.scan(f.file, { fileName: f.fileName }))));
  const reasons = run.result.map((r) =>
    r.status === "rejected" ? String((r.reason as Error).message).slice(0, 90) : "ACCEPTED",
  );
  console.log(
    `${label}: ${run.result.filter((r) => r.status === "rejected").length} of ${files.length} refused in ${(run.ms / 1000).toFixed(1)} s, peak RSS +${mb(run.growth)}, process alive`,
  );
  for (const reason of new Set(reasons)) console.log(`  “${reason}…”`);
}

async function main() {
  const dir = await mkdtemp(path.join(os.tmpdir(), "bench-upload-limits-"));
  const pool = new ParsePool({ parsers: 2, memoryMb: 512, seconds: 300 });
  try {
    console.log(`Node ${process.version}, ${os.cpus().length} cores; baseline RSS ${mb(process.memoryUsage().rss)}\n`);
    const csv = path.join(dir, "largest.csv");
    await writeCsv(csv);
    await accepted(pool, csv, "largest.csv");
    const xlsx = path.join(dir, "largest.xlsx");
    await writeXlsx(xlsx);
    await accepted(pool, xlsx, "largest.xlsx");
    console.log();

    const si = `<si><t>${"x".repeat(1000)}</t></si>`;
    const header = `<row r="1">${cell("A1", "Email")}</row>`;
    const honest = path.join(dir, "bomb-honest.xlsx");
    await writeZip(honest, [
      ...workbookParts(["Data"]),
      sharedStringsPart(si, 1_050_000),
      sheetPart(1, { head: header }),
    ]);
    const lying = path.join(dir, "bomb-lying.xlsx");
    await writeZip(lying, [
      ...workbookParts(["Data"]),
      sharedStringsPart(si, 1_050_000, 1000),
      sheetPart(1, { head: header }),
    ]);
    const sheet = path.join(dir, "huge-sheet.xlsx");
    await writeZip(sheet, [
      ...workbookParts(["Leads"]),
      sheetPart(1, { head: header, body: "<row/>", times: Math.ceil((1.5 * 1024 * MB) / 6) }, 1000),
    ]);
    console.log(
      `bombs: ${mb((await stat(honest)).size)} inflating to 1 GB of shared strings; ${mb((await stat(sheet)).size)} inflating to a 1.5 GB sheet`,
    );
    const five = (file: string) => Array.from({ length: 5 }, (_, i) => ({ file, fileName: `bomb-${i}.xlsx` }));
    await refused(pool, "five 1 GB bombs at once (sizes declared)", five(honest));
    await refused(pool, "five 1 GB bombs at once (sizes hidden)", five(lying));
    await refused(pool, "1.5 GB sheet (size hidden)", [{ file: sheet, fileName: "huge-sheet.xlsx" }]);

    const line = path.join(dir, "one-line.csv");
    const out = createWriteStream(line);
    out.write("Name,Note\nAnn,");
    for (let i = 0; i < 49; i++) if (!out.write("z".repeat(MB))) await once(out, "drain");
    out.end();
    await once(out, "finish");
    await refused(pool, "49 MB single-line CSV", [{ file: line, fileName: "one-line.csv" }]);
    const wide = path.join(dir, "million-columns.csv");
    const w = createWriteStream(wide);
    w.end(`${Array.from({ length: 1_000_000 }, (_, i) => `c${i}`).join(",")}\n1\n`);
    await once(w, "finish");
    await refused(pool, "1,000,000-column CSV", [{ file: wide, fileName: "million-columns.csv" }]);
  } finally {
    await pool.close();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
