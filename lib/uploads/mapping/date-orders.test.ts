import { describe, expect, it } from "vitest";
import { numericDateOrder } from "@/lib/properties/dates";
import { detectDateOrders } from "./date-orders";
import { CAMPAIGN_COLUMNS, options } from "./test-fixtures";
import { validateRows } from "./validate-rows";

const headers = ["Name", "Start date"];
const mapping = { Name: "hs_name", "Start date": "hs_start_date" };

/** A plain US export: 25 rows, month-first; 8 of them have a day of 12 or less. */
const usDates = [
  "1/15/2027",
  "2/3/2027",
  "2/20/2027",
  "3/5/2027",
  "3/18/2027",
  "4/1/2027",
  "4/22/2027",
  "5/7/2027",
  "5/30/2027",
  "6/3/2027",
  "6/14/2027",
  "7/9/2027",
  "7/28/2027",
  "8/2/2027",
  "8/19/2027",
  "9/10/2027",
  "9/25/2027",
  "10/13/2027",
  "10/31/2027",
  "11/26/2027",
  "11/14/2027",
  "12/17/2027",
  "12/24/2027",
  "1/29/2028",
  "2/14/2028",
];
const usFile = usDates.map((d, i) => [`Campaign ${i + 1}`, d]);

describe("numericDateOrder", () => {
  it("says which order a cell settles, if any", () => {
    expect(numericDateOrder("11/26/2027")).toBe("MDY");
    expect(numericDateOrder("26/11/2027")).toBe("DMY");
    expect(numericDateOrder("6/3/2027")).toBe("either");
    for (const t of ["3/3/2027", "2027-03-06", "06.03.2027", "2027/03/06", "6 Mar 2027", "", "6/3/27"])
      expect(numericDateOrder(t)).toBeNull();
  });
});

describe("date order per column (issue 11, item 11)", () => {
  it("reads a plain US file of 25 rows without a rejection: the column's 11/26/2027 settles 6/3/2027", () => {
    expect(usDates.filter((d) => numericDateOrder(d) === "either")).toHaveLength(8);
    const summary = validateRows(usFile, headers, mapping, CAMPAIGN_COLUMNS, options(), "create", "hs_name");
    expect(summary).toMatchObject({ total: 25, valid: 25, invalid: 0, dateOrders: { "Start date": "MDY" } });
    const values: string[] = [];
    validateRows(usFile, headers, mapping, CAMPAIGN_COLUMNS, options(), "create", "hs_name", {
      onRow: (r) => r.ok && values.push(r.properties.hs_start_date!),
    });
    expect(values[9]).toBe("2027-06-03");
    expect(values[19]).toBe("2027-11-26");
  });

  it("settles day-first columns too, each column on its own", async () => {
    const rows = [
      ["A", "6/3/2027", "6/3/2027"],
      ["B", "26/11/2027", "3/4/2027"],
    ];
    const h = ["Name", "Start date", "End date"];
    const m = { Name: "hs_name", "Start date": "hs_start_date", "End date": "hs_end_date" };
    const input = { headers: h, mapping: m, columns: CAMPAIGN_COLUMNS, options: options() };
    expect(await detectDateOrders(rows, input)).toEqual({ hs_start_date: "DMY" });
    const summary = validateRows(rows, h, m, CAMPAIGN_COLUMNS, options(), "create", "hs_name");
    // The end date has no deciding value: its cells stay ambiguous and say so.
    expect(summary.invalid).toBe(2);
    expect(summary.errorsByColumn).toEqual({ "End date": 2 });
    expect(summary.firstErrors[0]!.reason).toMatch(/could be 6 March 2027 \(DMY\) or June 3, 2027 \(MDY\)/);
  });

  it("leaves a column whose values disagree cell by cell, and a fixed format as it is", async () => {
    const mixed = [
      ["A", "26/11/2027"],
      ["B", "11/26/2027"],
      ["C", "6/3/2027"],
    ];
    expect(await detectDateOrders(mixed, { headers, mapping, columns: CAMPAIGN_COLUMNS, options: options() })).toEqual(
      {},
    );
    expect(validateRows(mixed, headers, mapping, CAMPAIGN_COLUMNS, options(), "create", "hs_name").invalid).toBe(1);
    const asDmy = validateRows(
      usFile,
      headers,
      mapping,
      CAMPAIGN_COLUMNS,
      options({ dateFormat: "DMY" }),
      "create",
      "hs_name",
    );
    expect(asDmy.dateOrders).toBeUndefined();
    expect(asDmy.invalid).toBe(17);
  });

  it("reads batches from a stream in the first pass", async () => {
    async function* batches() {
      yield usFile.slice(0, 10);
      yield usFile.slice(10);
    }
    expect(
      await detectDateOrders(batches(), { headers, mapping, columns: CAMPAIGN_COLUMNS, options: options() }),
    ).toEqual({ hs_start_date: "MDY" });
  });
});
