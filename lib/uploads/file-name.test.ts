import { describe, expect, it } from "vitest";
import { cleanFileName, MAX_FILE_NAME } from "./file-name";

describe("cleanFileName (issue 11, item 7)", () => {
  it("drops control and direction characters and any folder, and normalises", () => {
    expect(cleanFileName("con\r\ntacts\u0000.csv")).toBe("contacts.csv");
    expect(cleanFileName("invoice\u202Evsc.exe")).toBe("invoicevsc.exe");
    expect(cleanFileName("C:\\Users\\ann\\Q3  leads.xlsx")).toBe("Q3 leads.xlsx");
    expect(cleanFileName("Cafe\u0301.csv")).toBe("Café.csv");
    expect(cleanFileName("\u0000\r\n")).toBe("");
  });

  it("bounds the length, keeping the extension", () => {
    const name = cleanFileName(`${"a".repeat(1000)}.xlsx`);
    expect(Array.from(name)).toHaveLength(MAX_FILE_NAME);
    expect(name.endsWith("….xlsx")).toBe(true);
  });
});
