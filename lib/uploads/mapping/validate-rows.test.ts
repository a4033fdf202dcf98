import { describe, expect, it } from "vitest";
import type { TargetColumn } from "../types";
import { CAMPAIGN_COLUMNS, CONTACT_COLUMNS, options } from "./test-fixtures";
import { createRowValidator, validateRows, type RowResult } from "./validate-rows";

const BERLIN = options({ dateFormat: "DMY" });

describe("validateRows: campaigns (create)", () => {
  const headers = ["Name", "Start", "Status", "Currency", "Record ID", "Comment"];
  const mapping = {
    Name: "hs_name",
    Start: "hs_start_date",
    Status: "hs_campaign_status",
    Currency: "hs_currency_code",
    Comment: "skip",
  };
  const rows = [
    ["Spring launch", "31/03/2026", "Planned", "eur", "", "x"],
    ["Summer", "31/02/2026", "Actve", "USD", "", ""],
    ["", "01/04/2026", "", "", "", ""],
    ["spring launch ", "02/04/2026", "café", "XXX", "", ""],
    ["Autumn", "", "", "", "", ""],
  ];

  it("counts valid and invalid rows, errors per column and the first errors with both row numbers", () => {
    const s = validateRows(rows, headers, mapping, CAMPAIGN_COLUMNS, BERLIN, "create", "hs_name");
    expect(s).toMatchObject({ total: 5, valid: 2, invalid: 3, invalidRows: [2, 3, 4], mappingErrors: [] });
    expect(s.errorsByColumn).toEqual({ Start: 1, Status: 1, Name: 2, Currency: 1 });
    expect(s.firstErrors[0]).toEqual({
      row: 2,
      sheetRow: 3,
      header: "Start",
      column: "hs_start_date",
      value: "31/02/2026",
      reason: "“31/02/2026” is not a date (DMY)",
    });
    expect(s.firstErrors[1]).toMatchObject({ row: 2, header: "Status", value: "Actve" });
    expect(s.firstErrors[2]).toEqual({
      row: 3,
      sheetRow: 4,
      header: "Name",
      column: "hs_name",
      value: "",
      reason: "Name is required to create a record",
    });
    // A campaign name twice (case and spaces aside) is an error on the later row, naming the first.
    expect(s.firstErrors[3]).toEqual({
      row: 4,
      sheetRow: 5,
      header: "Name",
      column: null,
      value: "spring launch ",
      reason: "Duplicate: “spring launch” is also in row 2 of this file",
    });
    expect(s.firstErrors[4]).toMatchObject({ row: 4, header: "Currency", value: "XXX" });
    expect(s.firstErrors).toHaveLength(5);
  });

  it("gives each row's property map (read-only and skipped columns left out, empty cells left unchanged)", () => {
    const results: RowResult[] = [];
    validateRows(rows, headers, mapping, CAMPAIGN_COLUMNS, BERLIN, "create", "hs_name", {
      onRow: (r) => results.push(r),
    });
    expect(results[0]).toEqual({
      row: 1,
      ok: true,
      key: "Spring launch",
      properties: {
        hs_name: "Spring launch",
        hs_start_date: "2026-03-31",
        hs_campaign_status: "planned",
        hs_currency_code: "EUR",
      },
    });
    expect(results[4]).toEqual({ row: 5, ok: true, key: "Autumn", properties: { hs_name: "Autumn" } });
    expect(results[1]).toMatchObject({ ok: false, errors: [{ header: "Start" }, { header: "Status" }] });
  });

  it("with emptyMeans clear, empty cells clear their property (never the name)", () => {
    const results: RowResult[] = [];
    validateRows(
      [["Autumn", "", "", "", "", ""]],
      headers,
      mapping,
      CAMPAIGN_COLUMNS,
      options({ emptyMeans: "clear" }),
      "create",
      "hs_name",
      { onRow: (r) => results.push(r) },
    );
    expect(results[0]).toMatchObject({
      ok: true,
      properties: { hs_name: "Autumn", hs_start_date: "", hs_campaign_status: "", hs_currency_code: "" },
    });
  });

  it("keeps only the first N errors but counts them all", () => {
    const bad = Array.from({ length: 500 }, (_, i) => [`C${i}`, "not a date", "", "", "", ""]);
    const s = validateRows(bad, headers, mapping, CAMPAIGN_COLUMNS, BERLIN, "create", "hs_name", { maxErrors: 10 });
    expect(s).toMatchObject({ total: 500, valid: 0, invalid: 500, errorsByColumn: { Start: 500 } });
    expect(s.firstErrors.map((e) => e.row)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(s.invalidRows).toHaveLength(500);
  });
});

describe("validateRows: mapping problems", () => {
  it("reports them once instead of failing every row", () => {
    const s = validateRows(
      [["a", "1", "x", "y", "z"]],
      ["Start", "Record ID", "Status", "Status 2", "Other"],
      {
        Start: "hs_start_date",
        "Record ID": "hs_object_id",
        Status: "hs_campaign_status",
        "Status 2": "hs_campaign_status",
        Other: "nope",
      },
      CAMPAIGN_COLUMNS,
      BERLIN,
      "create",
    );
    expect(s.mappingErrors).toEqual([
      "Record ID is read-only; skip “Record ID” or use it as the key column",
      "“Status” and “Status 2” are both mapped to Status; map only one",
      "“Other” is mapped to “nope”, which is not a property of this resource",
      "Name is required to create records; map a column to it",
    ]);
    expect(s.errorsByColumn).toEqual({ Start: 1, Status: 1 }); // no per-row noise for Record ID, Status 2 or Other
  });

  it("update needs a mapped key column", () => {
    expect(
      createRowValidator({
        headers: ["Email"],
        mapping: { Email: "email" },
        columns: CONTACT_COLUMNS,
        options: BERLIN,
        mode: "update",
      }).mappingErrors,
    ).toEqual(["Choose the property that identifies the records to update"]);
    expect(
      createRowValidator({
        headers: ["Email"],
        mapping: { Email: "email" },
        columns: CONTACT_COLUMNS,
        options: BERLIN,
        mode: "update",
        keyColumn: "hs_object_id",
      }).mappingErrors,
    ).toEqual(["No column is mapped to Record ID, which identifies the records"]);
  });

  it("names duplicate header names", () => {
    expect(
      createRowValidator({
        headers: ["Notes", "Notes"],
        mapping: { Notes: "hs_notes" },
        columns: CAMPAIGN_COLUMNS,
        options: BERLIN,
        mode: "update",
        keyColumn: "hs_notes",
      }).mappingErrors,
    ).toEqual(["The file has more than one column named “Notes”; rename or skip them"]);
  });
});

describe("validateRows: update and upsert keys", () => {
  const headers = ["ID", "First", "Revenue"];
  const mapping = { ID: "hs_object_id", First: "firstname", Revenue: "annualrevenue" };

  it("uses a read-only id as the key only, requires it, and flags a repeated id on the later rows", () => {
    const results: RowResult[] = [];
    const s = validateRows(
      [
        ["101", "Ann", "1.000,5"],
        ["", "Bo", ""],
        ["102", "Cy", "7"],
        ["101", "Di", ""],
        ["101", "Ed", ""],
      ],
      headers,
      mapping,
      CONTACT_COLUMNS,
      options({ decimalSeparator: "," }),
      "update",
      "hs_object_id",
      {
        onRow: (r) => results.push(r),
      },
    );
    expect(s).toMatchObject({ total: 5, valid: 2, invalid: 3, invalidRows: [2, 4, 5], errorsByColumn: { ID: 3 } });
    expect(results[0]).toEqual({
      row: 1,
      ok: true,
      key: "101",
      properties: { firstname: "Ann", annualrevenue: "1000.5" },
    });
    expect(s.firstErrors.map((e) => [e.sheetRow, e.reason])).toEqual([
      [3, "No Record ID: a row needs one to find its record"],
      [5, "Duplicate: “101” is also in row 2 of this file"],
      [6, "Duplicate: “101” is also in row 2 of this file"],
    ]);
  });

  it("upsert by email: emails compare case-insensitively and stay in the properties", () => {
    const results: RowResult[] = [];
    const s = validateRows(
      [
        ["a@x.io", "Ann"],
        ["b@x.io", "Bo"],
        ["A@X.io", "Ann again"],
      ],
      ["Email", "First"],
      { Email: "email", First: "firstname" },
      CONTACT_COLUMNS,
      BERLIN,
      "upsert",
      "email",
      {
        onRow: (r) => results.push(r),
      },
    );
    expect(s).toMatchObject({ valid: 2, invalid: 1, invalidRows: [3] });
    expect(results[1]).toEqual({ row: 2, ok: true, key: "b@x.io", properties: { email: "b@x.io", firstname: "Bo" } });
    expect(s.firstErrors[0]!.reason).toBe("Duplicate: “A@X.io” is also in row 2 of this file");
  });
});

describe("validateRows: batches from an async source", () => {
  it("gives the same summary as the rows one by one", async () => {
    const rows = Array.from({ length: 250 }, (_, i) => [String(1000 + (i % 200)), i % 7 === 0 ? "oops" : "5"]);
    async function* batches() {
      for (let i = 0; i < rows.length; i += 64) yield rows.slice(i, i + 64);
    }
    const args = [
      ["ID", "Revenue"],
      { ID: "hs_object_id", Revenue: "annualrevenue" },
      CONTACT_COLUMNS,
      BERLIN,
      "update",
      "hs_object_id",
    ] as const;
    const sync = validateRows(rows, ...args);
    const fromBatches = await validateRows(batches(), ...args);
    expect(fromBatches).toEqual(sync);
    expect(sync.total).toBe(250);
    expect(sync.invalid).toBe(sync.invalidRows.length);
    expect(sync.errorsByColumn).toEqual({ ID: 50, Revenue: 36 });
  });
});

/** 12 columns of every kind, as a realistic contacts export. */
const WIDE: TargetColumn[] = [
  { key: "email", label: "Email", type: "text" },
  { key: "firstname", label: "First name", type: "text" },
  { key: "notes", label: "Notes", type: "longText" },
  { key: "revenue", label: "Revenue", type: "number" },
  {
    key: "currency",
    label: "Currency",
    type: "currency",
    options: ["EUR", "USD", "GBP"].map((c) => ({ value: c, label: c })),
  },
  { key: "birthday", label: "Birthday", type: "date" },
  { key: "met_at", label: "Met at", type: "datetime" },
  {
    key: "stage",
    label: "Stage",
    type: "enum",
    options: ["Lead", "Qualified", "Customer", "Évangéliste"].map((l, i) => ({ value: `s${i}`, label: l })),
  },
  {
    key: "tags",
    label: "Tags",
    type: "multi",
    options: ["Red", "Green", "Blue"].map((l) => ({ value: l.toLowerCase(), label: l })),
  },
  { key: "subscribed", label: "Subscribed", type: "bool" },
  { key: "employees", label: "Employees", type: "number" },
  { key: "renewal", label: "Renewal", type: "date" },
];

function wideRow(i: number): string[] {
  const day = String(1 + (i % 28)).padStart(2, "0");
  const month = String(1 + (i % 12)).padStart(2, "0");
  return [
    `user${i}@example.com`,
    `Name ${i}`,
    i % 10 === 0 ? "line one\nline two" : "",
    `${(i * 37) % 100000},${i % 100}`,
    ["eur", "USD", "GBP"][i % 3]!,
    `${day}.${month}.19${50 + (i % 50)}`,
    `${day}/${month}/2026 ${i % 24}:${String(i % 60).padStart(2, "0")}`,
    ["lead", "Qualified", "CUSTOMER", "evangeliste"][i % 4]!,
    ["Red; blue", "green", ""][i % 3]!,
    ["yes", "no", "TRUE", "0"][i % 4]!,
    i === 99_999 ? "lots" : `${i % 5000}`,
    `2027-${month}-${day}`,
  ];
}

describe("validateRows: 100,000 rows × 12 columns", () => {
  it("completes with bounded output (speed is measured, not asserted)", async () => {
    const headers = WIDE.map((c) => c.label);
    const mapping = Object.fromEntries(WIDE.map((c) => [c.label, c.key]));
    const opts = options({ dateFormat: "DMY", decimalSeparator: ",", timeZone: "Europe/Berlin" });
    async function* batches() {
      for (let start = 0; start < 100_000; start += 1000)
        yield Array.from({ length: 1000 }, (_, j) => wideRow(start + j));
    }
    const t0 = performance.now();
    const s = await validateRows(batches(), headers, mapping, WIDE, opts, "upsert", "email");
    const ms = performance.now() - t0;
    console.log(`validateRows 100,000 × 12 (incl. generating the rows): ${ms.toFixed(0)} ms`);
    expect(s).toMatchObject({
      total: 100_000,
      valid: 99_999,
      invalid: 1,
      invalidRows: [100_000],
      errorsByColumn: { Employees: 1 },
      mappingErrors: [],
    });
    expect(s.firstErrors).toHaveLength(1);
  });
});
