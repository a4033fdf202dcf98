import { describe, expect, it } from "vitest";
import {
  CrmBatchResponseSchema,
  CrmBatchUpdateInputSchema,
  CrmCreateInputSchema,
  CrmObjectSchema,
  CrmPropertyDefinitionSchema,
  CrmSearchRequestSchema,
} from "./crm";
import { defaultPropertyDefinitions } from "../../../sandbox/routes/crm-property-defs";

describe("CRM schemas", () => {
  it("limit batch inputs to 100 and require id + properties on update inputs", () => {
    const input = (n: number) => ({
      inputs: Array.from({ length: n }, (_, i) => ({ id: String(i), properties: { a: "b" } })),
    });
    expect(CrmBatchUpdateInputSchema.safeParse(input(100)).success).toBe(true);
    expect(CrmBatchUpdateInputSchema.safeParse(input(101)).success).toBe(false);
    expect(CrmBatchUpdateInputSchema.safeParse({ inputs: [{ properties: {} }] }).success).toBe(false);
    expect(
      CrmBatchUpdateInputSchema.safeParse({
        inputs: [{ id: "1", idProperty: "email", objectWriteTraceId: "t", properties: { n: 5, b: true, c: null } }],
      }).success,
    ).toBe(true);
    expect(CrmCreateInputSchema.safeParse({ properties: { nested: { a: 1 } } }).success).toBe(false);
  });

  it("keep HubSpot's null for unset properties and tolerate new response fields", () => {
    const obj = {
      id: "1",
      properties: { email: null },
      createdAt: "x",
      updatedAt: "y",
      archived: false,
      somethingNew: 1,
    };
    expect(CrmObjectSchema.parse(obj)).toMatchObject({ properties: { email: null }, somethingNew: 1 });
    const batch = {
      status: "COMPLETE",
      results: [obj],
      startedAt: "a",
      completedAt: "b",
      numErrors: 1,
      errors: [
        { status: "error", category: "OBJECT_NOT_FOUND", message: "m", context: { ids: ["2"] }, errors: [], links: {} },
      ],
    };
    expect(CrmBatchResponseSchema.parse(batch).errors![0]!.context.ids).toEqual(["2"]);
    expect(CrmBatchResponseSchema.safeParse({ ...batch, status: "DONE" }).success).toBe(false);
  });

  it("bound search requests as the spec does", () => {
    expect(
      CrmSearchRequestSchema.safeParse({
        limit: 200,
        sorts: ["-createdate", { propertyName: "email", direction: "ASCENDING" }],
      }).success,
    ).toBe(true);
    expect(CrmSearchRequestSchema.safeParse({ limit: 201 }).success).toBe(false);
    expect(
      CrmSearchRequestSchema.safeParse({ filterGroups: Array.from({ length: 7 }, () => ({ filters: [] })) }).success,
    ).toBe(false);
    expect(
      CrmSearchRequestSchema.safeParse({ filterGroups: [{ filters: [{ propertyName: "a", operator: "LIKE" }] }] })
        .success,
    ).toBe(false);
  });

  it("accept every seeded property definition", () => {
    for (const [type, defs] of defaultPropertyDefinitions()) {
      for (const d of defs) expect(CrmPropertyDefinitionSchema.safeParse(d).success, `${type}.${d.name}`).toBe(true);
    }
    expect(
      CrmPropertyDefinitionSchema.safeParse({
        name: "x",
        label: "X",
        type: "string",
        fieldType: "text",
        groupName: "g",
        options: [],
      }).success,
    ).toBe(false); // description required
  });
});
