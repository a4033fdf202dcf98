import { open } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { MAX_UPLOAD_BYTES, MAX_UPLOAD_ROWS } from "../types";
import { openUpload } from "./open-upload";
import { allRows, corpusDir, openFileCount, parseFailure } from "./test-helpers";

const corpus = corpusDir("csv");
const openCsv = async (name: string, content: string | Uint8Array) =>
  openUpload(await corpus.put(name, content), { fileName: name });
const utf16le = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
const utf16be = (text: string) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, "utf16le").swap16()]);

const SAMPLE = "Name,City,Note\r\nJosé Müller,Zürich,café ☕ 😀\r\n李雷,北京,ok\r\n";
const SAMPLE_ROWS = [
  ["José Müller", "Zürich", "café ☕ 😀"],
  ["李雷", "北京", "ok"],
];

describe("CSV encodings", () => {
  it.each([
    ["UTF-8 without BOM", Buffer.from(SAMPLE, "utf8"), "utf-8"],
    ["UTF-8 with BOM", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SAMPLE, "utf8")]), "utf-8"],
    ["UTF-16 LE with BOM", utf16le(SAMPLE), "utf-16le"],
    ["UTF-16 BE with BOM", utf16be(SAMPLE), "utf-16be"],
  ] as const)("reads %s", async (_label, bytes, encoding) => {
    const upload = await openCsv(`${encoding}.csv`, bytes);
    expect(upload).toMatchObject({
      kind: "csv",
      sheets: [],
      encoding,
      delimiter: ",",
      headers: ["Name", "City", "Note"],
      rowCount: 2,
    });
    expect(await allRows(upload)).toEqual(SAMPLE_ROWS);
  });

  it("falls back to Windows-1252 when the file is not valid UTF-8 (é, ü, €, ’ as 0x92)", async () => {
    const bytes = Buffer.concat([
      Buffer.from("Name;Price;Note\n"),
      Buffer.from([0x52, 0xe9, 0x6e, 0xe9, 0x3b, 0x31, 0x30, 0x80, 0x3b, 0x64, 0xfc, 0x72, 0x92, 0x73, 0x0a]),
    ]);
    const upload = await openCsv("cp1252.csv", bytes);
    expect(upload).toMatchObject({ encoding: "windows-1252", delimiter: ";", headers: ["Name", "Price", "Note"] });
    expect(await allRows(upload)).toEqual([["Réné", "10€", "dür’s"]]);
  });

  it("decides UTF-8 on the whole file: one invalid byte past the first chunks still means Windows-1252", async () => {
    const lines = Array.from({ length: 5_000 }, (_, i) => `row ${i},plain ascii text`);
    const bytes = Buffer.concat([Buffer.from(`Name,Note\n${lines.join("\n")}\nlast,caf`), Buffer.from([0xe9, 0x0a])]);
    const upload = await openCsv("late-cp1252.csv", bytes);
    expect(upload.encoding).toBe("windows-1252");
    const rows = await allRows(upload);
    expect(rows).toHaveLength(5_001);
    expect(rows.at(-1)).toEqual(["last", "café"]);
  });

  it("keeps a UTF-8 character whole when it straddles two read chunks", async () => {
    // 65 lines of 1,000 bytes, then one whose "é" starts at byte 65,535 (cells stay under the cell limit).
    const lines = Array.from({ length: 65 }, () => "x".repeat(999));
    const filler = "x".repeat(64 * 1024 - "Name\n".length - 65 * 1000 - 1);
    const upload = await openCsv("straddle.csv", Buffer.from(`Name\n${lines.join("\n")}\n${filler}é\nnext\n`, "utf8"));
    expect(upload.encoding).toBe("utf-8");
    expect(await allRows(upload)).toEqual([...lines.map((l) => [l]), [`${filler}é`], ["next"]]);
  });

  it("refuses binary junk (NUL bytes) as an encoding problem", async () => {
    const junk = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
    const err = await parseFailure(openCsv("junk.csv", junk));
    expect(err.code).toBe("encoding");
    expect(err.message).toMatch(/not a readable text file/);
  });

  it("refuses a file with a UTF-8 BOM and invalid UTF-8 bytes", async () => {
    const err = await parseFailure(openCsv("bad-bom.csv", Buffer.from([0xef, 0xbb, 0xbf, 0x61, 0x0a, 0xe9, 0x0a])));
    expect(err.code).toBe("encoding");
  });
});

describe("CSV dialects", () => {
  it.each([
    [",", 'Email,Name,Company\nann@x.com,Ann,"Acme; Inc"\nbob@x.com,Bob,Beta\n'],
    [";", 'Email;Name;Company\nann@x.com;Ann;"Acme, Inc"\nbob@x.com;Bob;Beta\n'],
    ["\t", "Email\tName\tCompany\nann@x.com\tAnn\tAcme, Inc\nbob@x.com\tBob\tBeta\n"],
  ])("detects the %j delimiter", async (delimiter, text) => {
    const upload = await openCsv("delim.csv", text);
    expect(upload.delimiter).toBe(delimiter);
    expect(upload.headers).toEqual(["Email", "Name", "Company"]);
    expect((await allRows(upload))[0]![2]).toMatch(/^Acme[;,] Inc$/);
  });

  it('detects ";" in a small two-column file that ends with a line break (empty lines do not count in the guess)', async () => {
    const upload = await openCsv("two.csv", "Email;Name\nann@x.com;Ann\nbob@x.com;Bob\n");
    expect(upload.delimiter).toBe(";");
    expect(await allRows(upload)).toEqual([
      ["ann@x.com", "Ann"],
      ["bob@x.com", "Bob"],
    ]);
  });

  it("reads a .tsv as tab-separated even when commas would look consistent", async () => {
    const upload = await openCsv("notes.tsv", "Note\na, b\nc, d\n");
    expect(upload.delimiter).toBe("\t");
    expect(await allRows(upload)).toEqual([["a, b"], ["c, d"]]);
  });

  it("reads quoted fields with newlines, doubled quotes and delimiters, with CRLF line ends", async () => {
    const text = 'Name,Bio,Tag\r\n"Ann ""The Hammer"" Lee","line one\r\nline two, still bio",x\r\n"Bob","",y\r\n';
    const upload = await openCsv("quotes.csv", text);
    expect(await allRows(upload)).toEqual([
      ['Ann "The Hammer" Lee', "line one\r\nline two, still bio", "x"],
      ["Bob", "", "y"],
    ]);
  });

  it("reads old Mac line ends (CR only)", async () => {
    const upload = await openCsv("cr.csv", "a,b\r1,2\r3,4\r");
    expect(await allRows(upload)).toEqual([
      ["1", "2"],
      ["3", "4"],
    ]);
  });

  it("refuses a quote that is never closed", async () => {
    const err = await parseFailure(openCsv("open-quote.csv", 'Name,Note\nAnn,"never closed\nBob,fine\n'));
    expect(err.code).toBe("corrupt");
    expect(err.message).toMatch(/never closed/);
  });
});

describe("CSV rows and headers", () => {
  it("skips empty rows anywhere (blank lines, delimiters only), and the header is the first non-empty row", async () => {
    const upload = await openCsv(
      "blanks.csv",
      "\n,,\nName,Email,\n\nAnn,ann@x.com,\n ,  ,\nBob,bob@x.com,\n,,\n,,\n\n",
    );
    expect(upload.headers).toEqual(["Name", "Email"]);
    expect(upload.rowCount).toBe(2);
    expect(await allRows(upload)).toEqual([
      ["Ann", "ann@x.com"],
      ["Bob", "bob@x.com"],
    ]);
  });

  it("makes headers unique and names empty ones; pads short rows; widens for data past the header", async () => {
    const upload = await openCsv("headers.csv", " Email ,,Email,email\nann@x.com,1\nbob@x.com,2,3,4,beyond\n");
    expect(upload.headers).toEqual(["Email", "Column B", "Email (2)", "email (3)", "Column E"]);
    expect(await allRows(upload)).toEqual([
      ["ann@x.com", "1", "", "", ""],
      ["bob@x.com", "2", "3", "4", "beyond"],
    ]);
  });

  it("yields rows in batches of the size asked for, and can be read again", async () => {
    const upload = await openCsv("batches.csv", `n\n${Array.from({ length: 5 }, (_, i) => `v${i}`).join("\n")}\n`);
    const sizes: number[] = [];
    for await (const batch of upload.rows(2)) sizes.push(batch.length);
    expect(sizes).toEqual([2, 2, 1]);
    const iterable = upload.rows();
    const first = [];
    for await (const b of iterable) first.push(...b);
    const second = [];
    for await (const b of iterable) second.push(...b);
    expect(second).toEqual(first);
    expect(first).toHaveLength(5);
  });

  it("closes the file when rows are left unread", async () => {
    const upload = await openCsv("left.csv", `n\n${Array.from({ length: 50_000 }, (_, i) => `v${i}`).join("\n")}\n`);
    const before = await openFileCount();
    for (let i = 0; i < 5; i++) {
      for await (const batch of upload.rows(10)) {
        expect(batch[0]).toEqual(["v0"]);
        break;
      }
    }
    if (before !== undefined) expect(await openFileCount()).toBeLessThanOrEqual(before);
  });

  it("refuses a header-only file", async () => {
    const err = await parseFailure(openCsv("header-only.csv", "Email,Name\r\n,\r\n"));
    expect(err.code).toBe("empty");
    expect(err.message).toMatch(/has a header row but no data rows/);
  });

  it.each([
    ["an empty file", ""],
    ["a file of blank lines and delimiters", "\r\n,,\r\n  \r\n"],
    ["a file with only a BOM", "\ufeff"],
  ])("refuses %s as empty", async (_label, text) => {
    const err = await parseFailure(openCsv("empty.csv", text));
    expect(err.code).toBe("empty");
    expect(err.message).toMatch(/empty/);
  });

  it("refuses a file whose first row is data", async () => {
    const err = await parseFailure(openCsv("no-header.csv", "ann@x.com,42,2024-03-05\nbob@x.com,7,2024-03-06\n"));
    expect(err.code).toBe("no_header");
    expect(err.message).toMatch(/header row/);
    expect(err.message).toContain("ann@x.com");
  });
});

describe("CSV limits", () => {
  const contacts = (n: number) => {
    const lines = ["Email,First name,Score"];
    for (let i = 1; i <= n; i++) lines.push(`user${i}@example.com,Zoë ${i},${i % 100}`);
    return `${lines.join("\r\n")}\r\n\r\n`;
  };

  it(`reads ${MAX_UPLOAD_ROWS.toLocaleString("en-US")} rows`, async () => {
    const upload = await openCsv("max.csv", contacts(MAX_UPLOAD_ROWS));
    expect(upload.rowCount).toBe(MAX_UPLOAD_ROWS);
    let count = 0;
    let last: string[] | undefined;
    for await (const batch of upload.rows()) {
      expect(batch.length).toBeLessThanOrEqual(1_000);
      count += batch.length;
      last = batch.at(-1);
    }
    expect(count).toBe(MAX_UPLOAD_ROWS);
    expect(last).toEqual([`user${MAX_UPLOAD_ROWS}@example.com`, `Zoë ${MAX_UPLOAD_ROWS}`, "0"]);
  });

  it(`refuses ${(MAX_UPLOAD_ROWS + 1).toLocaleString("en-US")} rows`, async () => {
    const err = await parseFailure(openCsv("over.csv", contacts(MAX_UPLOAD_ROWS + 1)));
    expect(err.code).toBe("too_many_rows");
    expect(err.message).toContain("100,000");
  });

  it("refuses a file over the size limit without reading it", async () => {
    const p = await corpus.put("huge.csv", "Email,Name\n");
    const file = await open(p, "r+");
    await file.truncate(MAX_UPLOAD_BYTES + 1); // sparse: instant, and nothing is read
    await file.close();
    const err = await parseFailure(openUpload(p, { fileName: "huge.csv" }));
    expect(err.code).toBe("too_large");
    expect(err.message).toContain("50.0 MB");
  });
});
