import { describe, expect, it } from "vitest";
import type { PropertyDef } from "../properties/types";
import { applyEdit, BulkEditSchema, editProblem, transformValue, type BulkEdit } from "./edit";

const text: PropertyDef = { key: "company", label: "Company name", type: "text" };
const short: PropertyDef = { key: "code", label: "Code", type: "text", maxLength: 5 };
const stage: PropertyDef = {
  key: "lifecyclestage",
  label: "Lifecycle stage",
  type: "enum",
  options: [
    { value: "lead", label: "Lead" },
    { value: "customer", label: "Customer" },
  ],
};
const number: PropertyDef = { key: "n", label: "Employees", type: "number" };
const readOnly: PropertyDef = { key: "createdate", label: "Create date", type: "datetime", readOnly: true };

const edit = (e: unknown) => BulkEditSchema.parse(e);
const replace = (find: string, replace: string, matchCase = false): BulkEdit =>
  edit({ kind: "replace", property: "company", find, replace, matchCase });

describe("bulk edit transforms", () => {
  it("sets, and a record already holding the value is not changed", () => {
    const e = edit({ kind: "set", property: "lifecyclestage", value: "lead" });
    expect(applyEdit(e, stage, "customer")).toEqual({ status: "change", value: "lead" });
    expect(applyEdit(e, stage, null)).toEqual({ status: "change", value: "lead" });
    expect(applyEdit(e, stage, "lead")).toEqual({ status: "same" });
  });

  it("clears; an empty or missing value is already clear", () => {
    const e = edit({ kind: "clear", property: "company" });
    expect(applyEdit(e, text, "Acme")).toEqual({ status: "change", value: "" });
    expect(applyEdit(e, text, "")).toEqual({ status: "same" });
    expect(applyEdit(e, text, undefined)).toEqual({ status: "same" });
  });

  it("finds and replaces plain text, every occurrence, with or without matching case", () => {
    expect(transformValue(replace("Ltd.", "Limited"), "Acme ltd. and LTD. Ltd.")).toBe(
      "Acme Limited and Limited Limited",
    );
    expect(transformValue(replace("Ltd.", "Limited", true), "Acme ltd. Ltd.")).toBe("Acme ltd. Limited");
    // The find text is not a pattern, and "$&" in the replacement stays literal.
    expect(transformValue(replace("a.c", "$&$1"), "abc a.c")).toBe("abc $&$1");
    expect(applyEdit(replace("x", "y"), text, "Acme")).toEqual({ status: "same" });
  });

  it("trims spaces at both ends and collapses runs inside", () => {
    const e = edit({ kind: "trim", property: "company" });
    expect(transformValue(e, "  Acme   Corp \t")).toBe("Acme Corp");
    expect(applyEdit(e, text, "Acme Corp")).toEqual({ status: "same" });
  });

  it("changes case: UPPER, lower, Title", () => {
    const to = (c: string) => edit({ kind: "case", property: "company", to: c });
    expect(transformValue(to("upper"), "acme ltd")).toBe("ACME LTD");
    expect(transformValue(to("lower"), "ACME Ltd")).toBe("acme ltd");
    expect(transformValue(to("title"), "jean-luc o'NEIL élan")).toBe("Jean-Luc O'neil Élan");
  });

  it("refuses a new value the property's rules refuse (counted as cannot change)", () => {
    const out = applyEdit(
      edit({ kind: "replace", property: "code", find: "a", replace: "aaaa", matchCase: false }),
      short,
      "abab",
    );
    expect(out).toEqual({ status: "refused", reason: expect.stringMatching(/the most it takes is 5/) });
  });

  it("refuses read-only properties, text edits on other types and values the type does not take", () => {
    expect(editProblem(edit({ kind: "clear", property: "createdate" }), readOnly)).toMatch(/read-only/);
    expect(editProblem(edit({ kind: "trim", property: "n" }), number)).toMatch(/not a text property/);
    expect(editProblem(edit({ kind: "set", property: "n", value: "12a" }), number)).toMatch(/takes a number/);
    expect(editProblem(edit({ kind: "set", property: "lifecyclestage", value: "Lead" }), stage)).toMatch(
      /not one of the options/,
    );
    expect(editProblem(edit({ kind: "set", property: "n", value: "1234.5" }), number)).toBeNull();
    expect(editProblem(edit({ kind: "set", property: "x", value: "1" }), undefined)).toMatch(/no property/);
  });

  it("the schema bounds its input", () => {
    expect(
      BulkEditSchema.safeParse({ kind: "replace", property: "company", find: "", replace: "", matchCase: false })
        .success,
    ).toBe(false);
    expect(BulkEditSchema.safeParse({ kind: "set", property: "company", value: "" }).success).toBe(false);
    expect(BulkEditSchema.safeParse({ kind: "case", property: "company", to: "camel" }).success).toBe(false);
  });
});
