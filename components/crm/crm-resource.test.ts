import { describe, expect, it } from "vitest";
import { applyChanges } from "@/components/records/edits/apply-changes";
import { emptyEditState, type BaseRow } from "@/components/records/edits/types";
import { STANDARD_CRM_OBJECT_TYPES, withColumns } from "@/lib/crm/object-types";
import type { CrmColumn } from "@/lib/crm/properties";
import { crmResource } from "./crm-resource";

const col = (name: string, type: string, fieldType: string, extra: Partial<CrmColumn> = {}): CrmColumn => ({
  name,
  label: name.toUpperCase(),
  type,
  fieldType,
  groupName: "g",
  description: "",
  options: [],
  readOnly: false,
  calculated: false,
  hasUniqueValue: false,
  hidden: false,
  ...extra,
});
const props: CrmColumn[] = [
  col("email", "string", "text", { hasUniqueValue: true }),
  col("notes", "string", "textarea"),
  col("lifecyclestage", "enumeration", "select", {
    options: [
      { value: "lead", label: "Lead" },
      { value: "customer", label: "Customer" },
    ],
  }),
  col("interests", "enumeration", "checkbox", {
    options: [
      { value: "a", label: "A" },
      { value: "b", label: "B" },
    ],
  }),
  col("score", "number", "number"),
  col("birthday", "date", "date"),
  col("opted_in", "bool", "booleancheckbox"),
  col("num_associated_deals", "number", "calculation_rollup", { readOnly: true, calculated: true }),
];
const contacts = withColumns(
  STANDARD_CRM_OBJECT_TYPES.find((t) => t.objectType === "contacts")!,
  props,
);
const resource = crmResource(contacts, props);
const rows: BaseRow[] = [
  { id: "101", updatedAt: "2026-01-01T00:00:00.000Z", properties: { email: "a@x.com", score: "3" } },
];
const baseOf = (id: string) => rows.find((r) => r.id === id);

describe("crmResource", () => {
  it("maps property types to columns, read-only and calculated ones locked", () => {
    const byKey = new Map(resource.columns.map((c) => [c.key, c]));
    expect(byKey.get("notes")?.type).toBe("longText");
    expect(byKey.get("lifecyclestage")).toMatchObject({
      type: "enum",
      options: [
        { value: "lead", label: "Lead" },
        { value: "customer", label: "Customer" },
      ],
    });
    expect(byKey.get("interests")?.type).toBe("multi");
    expect(byKey.get("opted_in")).toMatchObject({
      type: "bool",
      options: [
        { value: "true", label: "Yes" },
        { value: "false", label: "No" },
      ],
    }); // issue 13: yes/no is its own type (one mapping for grid and uploads), still a Yes/No choice
    expect(byKey.get("num_associated_deals")?.readOnly).toBe(true);
    expect(resource.ref).toEqual({ type: "crm", objectType: "contacts", uniqueProperty: "email" });
    expect(resource.nameKey).toBe("email");
  });

  it("flags values HubSpot would reject, per cell", () => {
    const s = applyChanges(
      emptyEditState(),
      [
        { rowId: "101", key: "lifecyclestage", value: "prospect" },
        { rowId: "101", key: "interests", value: "a;zz" },
        { rowId: "101", key: "score", value: "lots" },
        { rowId: "101", key: "birthday", value: "2026-02-30" },
        { rowId: "101", key: "num_associated_deals", value: "4" },
      ],
      baseOf,
      "email",
    );
    const issues = resource.validate(s, rows, baseOf).get("101")!;
    expect(issues.lifecyclestage).toMatch(/“prospect” is not an option of LIFECYCLESTAGE\. Options: Lead, Customer/);
    expect(issues.interests).toMatch(/“zz” is not an option/);
    expect(issues.score).toMatch(/must be a number/);
    expect(issues.birthday).toMatch(/must be a date like/);
    expect(issues.num_associated_deals).toMatch(/set by HubSpot/);
  });

  it("asks for at least one value in an added record, and accepts good edits", () => {
    const s = {
      ...emptyEditState(),
      creates: {
        "new-1": { rowKey: "new-1", values: {}, seq: 1 },
        "new-2": { rowKey: "new-2", values: { email: "b@x.com" }, seq: 2 },
      },
    };
    const issues = resource.validate(s, rows, baseOf);
    expect(issues.get("new-1")?.email).toMatch(/at least one value/);
    expect(issues.has("new-2")).toBe(false);
    const ok = applyChanges(
      emptyEditState(),
      [
        { rowId: "101", key: "lifecyclestage", value: "customer" },
        { rowId: "101", key: "interests", value: "a;b" },
      ],
      baseOf,
      "email",
    );
    expect(resource.validate(ok, rows, baseOf).size).toBe(0);
  });
});

describe("unique values (issue 11, item 12)", () => {
  it("flags an email another row of the grid already has, loaded or added, ignoring case", () => {
    const loaded: BaseRow[] = [
      ...rows,
      { id: "102", updatedAt: "2026-01-01T00:00:00.000Z", properties: { email: "c@x.com" } },
    ];
    const byId = (id: string) => loaded.find((r) => r.id === id);
    const edited = applyChanges(emptyEditState(), [{ rowId: "102", key: "email", value: "A@x.com" }], byId, "email");
    expect(resource.validate(edited, loaded, byId).get("102")?.email).toBe(
      "Another contact in the grid already has EMAIL “A@x.com”; it must be unique.",
    );
    const s = {
      ...emptyEditState(),
      creates: {
        "new-1": { rowKey: "new-1", values: { email: "n@x.com" }, seq: 1 },
        "new-2": { rowKey: "new-2", values: { email: " n@x.com" }, seq: 2 },
      },
    };
    const issues = resource.validate(s, loaded, byId);
    expect(issues.get("new-1")?.email).toMatch(/already has EMAIL “n@x.com”/);
    expect(issues.get("new-2")?.email).toMatch(/already has EMAIL “n@x.com”/);
    // Moving an email from one row to another in the same edit is no clash.
    const swapped = applyChanges(
      emptyEditState(),
      [
        { rowId: "101", key: "email", value: "z@x.com" },
        { rowId: "102", key: "email", value: "a@x.com" },
      ],
      byId,
      "email",
    );
    expect(resource.validate(swapped, loaded, byId).size).toBe(0);
  });
});
