import { describe, expect, it } from "vitest";
import { ColumnMappingSchema, ConversionOptionsSchema, isTimeZone, MappingTemplateSchema } from "./schemas";

describe("ConversionOptionsSchema", () => {
  it("fills in defaults but requires a time zone", () => {
    expect(ConversionOptionsSchema.parse({ timeZone: "Europe/Berlin" })).toEqual({
      dateFormat: "auto",
      timeZone: "Europe/Berlin",
      decimalSeparator: ".",
      booleanTrue: ["true", "yes", "y", "1"],
      booleanFalse: ["false", "no", "n", "0"],
      emptyMeans: "leave",
    });
    expect(ConversionOptionsSchema.safeParse({}).success).toBe(false);
  });

  it("checks time zones with Intl", () => {
    expect(isTimeZone("America/New_York")).toBe(true);
    expect(isTimeZone("UTC")).toBe(true);
    expect(isTimeZone("Mars/Olympus_Mons")).toBe(false);
    expect(isTimeZone("")).toBe(false);
    expect(ConversionOptionsSchema.safeParse({ timeZone: "Europe/Berln" }).error?.issues[0]?.message).toMatch(
      /Not a time zone/,
    );
  });

  it("rejects unknown formats and a word that would mean both true and false", () => {
    expect(ConversionOptionsSchema.safeParse({ timeZone: "UTC", dateFormat: "DD/MM" }).success).toBe(false);
    expect(ConversionOptionsSchema.safeParse({ timeZone: "UTC", decimalSeparator: ";" }).success).toBe(false);
    const both = ConversionOptionsSchema.safeParse({
      timeZone: "UTC",
      booleanTrue: ["Oui", "1"],
      booleanFalse: ["OUI"],
    });
    expect(both.error?.issues[0]).toMatchObject({
      message: "A word cannot mean both true and false",
      path: ["booleanFalse"],
    });
    expect(ConversionOptionsSchema.safeParse({ timeZone: "UTC", booleanTrue: [] }).success).toBe(false);
  });
});

describe("ColumnMappingSchema", () => {
  it("maps headers to a key or skip, within bounds", () => {
    expect(ColumnMappingSchema.parse({ Email: "email", Notes: "skip" })).toEqual({ Email: "email", Notes: "skip" });
    expect(ColumnMappingSchema.safeParse({ Email: "" }).success).toBe(false);
    expect(
      ColumnMappingSchema.safeParse(Object.fromEntries(Array.from({ length: 1001 }, (_, i) => [`h${i}`, "skip"])))
        .success,
    ).toBe(false);
  });
});

describe("MappingTemplateSchema", () => {
  const template = {
    name: "Export",
    target: "crm:contacts",
    headers: ["email"],
    mapping: { email: "email" },
    options: { timeZone: "UTC" },
    createdAt: "2026-04-01T10:00:00.000Z",
  };
  it("accepts resource keys as resourceName() writes them", () => {
    for (const target of ["campaigns", "marketing-events", "crm:contacts", "crm:p_projects", "crm:2-123"])
      expect(MappingTemplateSchema.safeParse({ ...template, target }).success).toBe(true);
    for (const target of ["", "Campaigns", "crm:", "crm:a b"])
      expect(MappingTemplateSchema.safeParse({ ...template, target }).success).toBe(false);
  });
  it("needs a name and an ISO creation time", () => {
    expect(MappingTemplateSchema.safeParse({ ...template, name: "  " }).success).toBe(false);
    expect(MappingTemplateSchema.safeParse({ ...template, createdAt: "yesterday" }).success).toBe(false);
  });
});
