import { describe, expect, it } from "vitest";
import { exportColumns } from "./cells";
import type { PropertyDef } from "../properties/types";

const props: PropertyDef[] = [
  { key: "stage", label: "Stage", type: "enum", options: [{ value: "lead", label: "Lead" }] },
  {
    key: "tags",
    label: "Tags",
    type: "multi",
    options: [
      { value: "a", label: "Alpha" },
      { value: "b", label: "Beta" },
    ],
  },
  { key: "optout", label: "Opted out", type: "bool", options: [{ value: "true", label: "Yes" }] },
  { key: "close", label: "Close date", type: "date" },
  { key: "seen", label: "Last seen", type: "datetime" },
  { key: "n", label: "Count", type: "number" },
];

describe("exportColumns", () => {
  const cols = exportColumns(["stage", "tags", "optout", "close", "seen", "n", "gone"], props, {
    idLabel: "Record ID",
    timeZone: "Europe/Berlin",
  });
  const cell = (key: string, v: string | null) => cols.find((c) => c.key === key)!.cell(v);

  it("heads the record id and then the visible columns with their labels (date-times with the zone)", () => {
    expect(cols.map((c) => c.header)).toEqual([
      "Record ID",
      "Stage",
      "Tags",
      "Opted out",
      "Close date",
      "Last seen (Europe/Berlin)",
      "Count",
      "gone",
    ]);
  });

  it("writes values as people read them", () => {
    expect(cell("stage", "lead")).toBe("Lead");
    expect(cell("stage", "unknown")).toBe("unknown");
    expect(cell("tags", "a;b;zz")).toBe("Alpha; Beta; zz");
    expect(cell("optout", "true")).toBe("Yes");
    expect(cell("close", "2026-03-01")).toBe("2026-03-01");
    expect(cell("close", String(Date.UTC(2026, 2, 1)))).toBe("2026-03-01");
    expect(cell("close", "2026-03-01T00:00:00.000Z")).toBe("2026-03-01");
    expect(cell("seen", "2026-07-01T22:30:00.000Z")).toBe("2026-07-02 00:30");
    expect(cell("n", "42.5")).toBe(42.5);
    expect(cell("n", "1234567890123456789")).toBe("1234567890123456789");
    expect(cell("gone", "=raw")).toBe("=raw");
    expect(cell("stage", null)).toBe("");
  });
});
