import { describe, expect, it } from "vitest";
import { openUpload } from "./open-upload";
import { corpusDir, parseFailure } from "./test-helpers";

const corpus = corpusDir("sniff");
const attempt = async (name: string, content: string | Uint8Array) =>
  parseFailure(openUpload(await corpus.put(name, content), { fileName: name }));

const ZIP_HEAD = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00]);
const OLE_HEAD = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);

describe("file type", () => {
  it.each([
    ["contacts.xls", OLE_HEAD, /save it as \.xlsx or as CSV/],
    ["report.pdf", "%PDF-1.7\n", /PDF/],
    ["sheet.numbers", ZIP_HEAD, /Numbers/],
    ["photo.png", "\x89PNG", /“\.png” files cannot be read/],
    ["no-extension", "a,b\n1,2\n", /cannot be read/],
  ])("refuses %s by its name", async (name, content, advice) => {
    const err = await attempt(name, content);
    expect(err.code).toBe("wrong_type");
    expect(err.message).toMatch(advice);
    expect(err.message).toMatch(/CSV, TSV or Excel workbook \(\.xlsx\)/);
  });

  it.each([
    ["a workbook saved as .csv", "renamed.csv", ZIP_HEAD, /spreadsheet workbook/],
    ["an .xls saved as .txt", "renamed.txt", OLE_HEAD, /spreadsheet workbook/],
    ["a PDF saved as .csv", "renamed.csv", "%PDF-1.4\nbinary", /PDF/],
    ["a password-protected or old workbook named .xlsx", "locked.xlsx", OLE_HEAD, /password-protected/],
  ])("refuses %s by its content", async (_label, name, content, advice) => {
    const err = await attempt(name, content);
    expect(err.code).toBe("wrong_type");
    expect(err.message).toMatch(advice);
  });

  it("calls a text file named .xlsx corrupt", async () => {
    const err = await attempt("text.xlsx", "Email,Name\nann@x.com,Ann\n");
    expect(err.code).toBe("corrupt");
  });

  it("calls an empty file empty, whatever its type", async () => {
    expect((await attempt("nothing.xlsx", "")).code).toBe("empty");
    expect((await attempt("nothing.csv", "")).code).toBe("empty");
  });

  it("accepts .CSV, .TXT and .XLSX in upper case", async () => {
    const upload = await openUpload(await corpus.put("UPPER.TXT", "Name\nAnn\n"), { fileName: "UPPER.TXT" });
    expect(upload.kind).toBe("csv");
  });
});
