import { describe, expect, it } from "vitest";
import { exportHref, FailedSelectionSchema, parseItemParam, SHOWN_ROWS } from "./schemas";

const group = { resource: "crm:companies", kind: "VALIDATION_ERROR|INVALID_INTEGER|numberofemployees" };
const item = (n: number) => ({ submissionId: "3d3c2616-5033-4938-b47f-a0f11c03d573", rowKey: `row:${n}` });

describe("failed-item selections", () => {
  it("travel in the export link and back, row keys with colons included", () => {
    const q = new URL(exportHref(group, "xlsx", [item(1), item(2)]), "http://x").searchParams;
    expect(q.get("kind")).toBe(group.kind);
    expect(q.get("format")).toBe("xlsx");
    expect(q.getAll("item").map(parseItemParam)).toEqual([item(1), item(2)]);
    expect(new URL(exportHref(group, "csv"), "http://x").searchParams.getAll("item")).toEqual([]);
  });

  it("are the whole group when absent, never empty, at most what the page shows, and name real submissions", () => {
    expect(FailedSelectionSchema.safeParse(group).success).toBe(true);
    expect(FailedSelectionSchema.safeParse({ ...group, items: [item(1)] }).success).toBe(true);
    const errors = (items: unknown) => {
      const r = FailedSelectionSchema.safeParse({ ...group, items });
      return r.success ? [] : r.error.issues.map((i) => i.message);
    };
    expect(errors([])).toEqual(["Select at least one row"]);
    expect(errors(Array.from({ length: SHOWN_ROWS + 1 }, (_, i) => item(i)))).toEqual([
      `Select at most ${SHOWN_ROWS} rows`,
    ]);
    expect(errors([parseItemParam("not-a-uuid")])).toHaveLength(2); // no submission id, no row key
  });
});
