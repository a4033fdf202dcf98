import { describe, expect, it } from "vitest";
import { CreateViewSchema, UpdateViewSchema } from "./schemas";

const ok = { resource: "crm:contacts", name: "Leads", query: { filters: [] }, columns: ["email"] };

describe("saved view inputs", () => {
  it("takes a grid's resource key, a 1–100 character name, a view query and up to 300 property names", () => {
    expect(CreateViewSchema.parse({ ...ok, name: "  Leads  " }).name).toBe("Leads");
    for (const resource of ["campaigns", "marketing-events", "crm:contacts", "crm:2-123", "crm:p_projects"])
      expect(CreateViewSchema.safeParse({ ...ok, resource }).success).toBe(true);
    const bad = [
      { resource: "crm:../x" },
      { resource: "Campaigns" },
      { name: "   " },
      { name: "x".repeat(101) },
      { columns: Array.from({ length: 301 }, (_, i) => `p${i}`) },
      { columns: ["not a property"] },
      { query: { filters: [[{ property: "email", operator: "eq" }]] } },
      { query: { filters: [], sort: "name; drop" } },
    ];
    for (const b of bad) expect(CreateViewSchema.safeParse({ ...ok, ...b }).success, JSON.stringify(b)).toBe(false);
    expect(CreateViewSchema.safeParse({ ...ok, columns: Array.from({ length: 300 }, (_, i) => `p${i}`) }).success).toBe(
      true,
    );
  });

  it("updates by view id: a rename, a query, columns", () => {
    expect(UpdateViewSchema.safeParse({ id: "nope", name: "x" }).success).toBe(false);
    expect(UpdateViewSchema.parse({ id: "7d1e6c3a-0b7e-4a53-9d7e-2b9a4f0c1d2e", name: " B " }).name).toBe("B");
  });
});
