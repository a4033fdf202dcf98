/**
 * Upload parsing: open (type, encoding, header, row count: one full read) and a full iteration
 * (rows(): a second read, as a job does) of a 100,000-row × 12-column contact list, as CSV and as
 * XLSX. Each format is measured in a child process of its own (started with --expose-gc) so its
 * memory figures are its own: peak RSS and heap during the run, minus the baseline just before.
 * Prints figures; not a test.
 *
 *   npx tsx bench/parse-upload.ts [--rows 100000]
 */
import { spawnSync } from "node:child_process";
import { createWriteStream } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ExcelJS from "exceljs";
import { openUpload } from "../lib/uploads/parse/open-upload";

const HEADERS = [
  "First name",
  "Last name",
  "Email",
  "Phone",
  "Company",
  "Job title",
  "City",
  "Country",
  "Created",
  "Lifecycle stage",
  "Score",
  "Notes",
];
const FIRST = ["Zoë", "Jörg", "Ana", "Łukasz", "Chloé", "Mateo", "Aoife", "Søren", "Priya", "Kenji"];
const LAST = ["Müller", "García", "O'Brien", "Nowak", "Dubois", "Rossi", "Kim", "Jensen", "Patel", "Sato"];
const CITIES = ["Zürich", "München", "São Paulo", "Kraków", "Montréal", "Dublin", "Tokyo", "Aarhus", "Pune", "Lyon"];
const STAGES = ["subscriber", "lead", "marketingqualifiedlead", "salesqualifiedlead", "opportunity", "customer"];

function contact(i: number): (string | number | Date)[] {
  const first = FIRST[i % 10]!;
  const last = LAST[Math.floor(i / 10) % 10]!;
  return [
    first,
    last,
    `${first.toLowerCase()}.${i}@example.com`,
    `+49 30 ${String(1_000_000 + i).slice(1)}`,
    `Acme ${i % 700} GmbH`,
    i % 3 === 0 ? "Head of Marketing" : "Engineer",
    CITIES[i % 10]!,
    "DE",
    new Date(Date.UTC(2023, 0, 1) + (i % 900) * 86_400_000),
    STAGES[i % STAGES.length]!,
    i % 101,
    i % 4 === 0 ? `Met at "Expo ${2020 + (i % 5)}", follow up; prefers email` : "",
  ];
}

const csvCell = (v: string | number | Date) => {
  const s = v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
  return /[",;\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

async function writeCsv(file: string, rows: number) {
  const out = createWriteStream(file);
  const write = (line: string) =>
    out.write(line) ? undefined : new Promise<void>((r) => out.once("drain", () => r()));
  await write(`${HEADERS.join(",")}\r\n`);
  for (let i = 0; i < rows; i++) await write(`${contact(i).map(csvCell).join(",")}\r\n`);
  await new Promise<void>((r) => out.end(() => r()));
}

async function writeXlsx(file: string, rows: number) {
  // Shared strings and styles, as Excel writes them.
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: true });
  const sheet = wb.addWorksheet("Contacts");
  sheet.addRow(HEADERS).commit();
  for (let i = 0; i < rows; i++) {
    const row = sheet.addRow(contact(i));
    row.getCell(9).numFmt = "yyyy-mm-dd";
    row.commit();
  }
  sheet.commit();
  await wb.commit();
}

interface Figures {
  openMs: number;
  iterateMs: number;
  rows: number;
  lastRow: string[];
  rssMb: number;
  heapMb: number;
}

/** Child: open and iterate one file, sampling memory every 5 ms. */
async function measure(file: string): Promise<Figures> {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const base = process.memoryUsage();
  let rss = base.rss;
  let heap = base.heapUsed;
  const sample = () => {
    const m = process.memoryUsage();
    rss = Math.max(rss, m.rss);
    heap = Math.max(heap, m.heapUsed);
  };
  const timer = setInterval(sample, 5);
  let t = performance.now();
  const upload = await openUpload(file, { fileName: path.basename(file) });
  const openMs = performance.now() - t;
  sample();
  t = performance.now();
  let rows = 0;
  let lastRow: string[] = [];
  for await (const batch of upload.rows()) {
    rows += batch.length;
    lastRow = batch.at(-1)!;
    sample();
  }
  const iterateMs = performance.now() - t;
  clearInterval(timer);
  if (rows !== upload.rowCount) throw new Error(`iterated ${rows} rows, open counted ${upload.rowCount}`);
  const mb = (n: number) => n / 1024 / 1024;
  return { openMs, iterateMs, rows, lastRow, rssMb: mb(rss - base.rss), heapMb: mb(heap - base.heapUsed) };
}

const arg = (name: string, d: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : d;
};

if (process.argv.includes("--measure")) {
  console.log(JSON.stringify(await measure(arg("measure", ""))));
} else {
  const ROWS = Number(arg("rows", "100000"));
  const dir = await mkdtemp(path.join(os.tmpdir(), "bench-parse-"));
  try {
    const files = { csv: path.join(dir, "contacts.csv"), xlsx: path.join(dir, "contacts.xlsx") };
    let t = performance.now();
    await writeCsv(files.csv, ROWS);
    const csvGen = performance.now() - t;
    t = performance.now();
    await writeXlsx(files.xlsx, ROWS);
    const xlsxGen = performance.now() - t;
    console.log(
      `Generated ${ROWS.toLocaleString("en-US")} rows × ${HEADERS.length} columns (CSV in ${(csvGen / 1000).toFixed(1)} s, XLSX in ${(xlsxGen / 1000).toFixed(1)} s). Node ${process.version}, ${os.cpus().length} CPUs.\n`,
    );
    console.log(
      "format | file size | open (1st read) | iterate (2nd read) | rows/s (iterate) | peak RSS Δ | peak heap Δ",
    );
    console.log(
      "------ | --------- | --------------- | ------------------ | ---------------- | ---------- | -----------",
    );
    for (const [kind, file] of Object.entries(files)) {
      const self = fileURLToPath(import.meta.url);
      const child = spawnSync(process.execPath, [...process.execArgv, "--expose-gc", self, "--measure", file], {
        encoding: "utf8",
        maxBuffer: 1 << 20,
      });
      if (child.status !== 0) throw new Error(`${kind} measurement failed:\n${child.stderr}`);
      const f = JSON.parse(child.stdout.trim().split("\n").at(-1)!) as Figures;
      const size = (await stat(file)).size / 1024 / 1024;
      console.log(
        [
          kind.padEnd(6),
          `${size.toFixed(1)} MB`.padStart(9),
          `${f.openMs.toFixed(0)} ms`.padStart(15),
          `${f.iterateMs.toFixed(0)} ms`.padStart(18),
          Math.round(f.rows / (f.iterateMs / 1000))
            .toLocaleString("en-US")
            .padStart(16),
          `${f.rssMb.toFixed(0)} MB`.padStart(10),
          `${f.heapMb.toFixed(0)} MB`.padStart(11),
        ].join(" | "),
      );
      if (f.rows !== ROWS) throw new Error(`${kind}: ${f.rows} rows read, ${ROWS} written`);
      console.error(`  ${kind} last row: ${JSON.stringify(f.lastRow)}`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
