import { describe, expect, it } from "vitest";
import type { GridColumn } from "@/components/grid/types";
import { describeFilter } from "./describe-filter";

const col = (key: string, label: string, type: GridColumn["type"], options?: GridColumn["options"]): GridColumn => ({
  key,
  label,
  type,
  options,
});
const stage = col("lifecyclestage", "Lifecycle stage", "enum", [
  { value: "lead", label: "Lead" },
  { value: "customer", label: "Customer" },
  { value: "other", label: "Other" },
  { value: "evangelist", label: "Evangelist" },
  { value: "subscriber", label: "Subscriber" },
]);

describe("describeFilter", () => {
  it("reads each kind of filter in plain words", () => {
    expect(
      describeFilter({ property: "lifecyclestage", operator: "any_of", values: ["lead", "customer"] }, stage),
    ).toBe("Lifecycle stage is any of Lead, Customer");
    expect(
      describeFilter(
        { property: "createdate", operator: "gt", value: "2026-01-01" },
        col("createdate", "Created", "datetime"),
      ),
    ).toBe("Created after 2026-01-01");
    expect(
      describeFilter(
        { property: "amount", operator: "between", value: "10", highValue: "20" },
        col("amount", "Amount", "number"),
      ),
    ).toBe("Amount between 10 and 20");
    expect(describeFilter({ property: "jobtitle", operator: "is_empty" }, col("jobtitle", "Job title", "text"))).toBe(
      "Job title is empty",
    );
    expect(describeFilter({ property: "name", operator: "contains", value: "Ltd" }, col("name", "Name", "text"))).toBe(
      "Name contains “Ltd”",
    );
    expect(describeFilter({ property: "done", operator: "eq", value: "false" }, col("done", "Completed", "bool"))).toBe(
      "Completed is No",
    );
    expect(describeFilter({ property: "d", operator: "in_last_days", value: "1" }, col("d", "Start", "date"))).toBe(
      "Start in the last 1 day",
    );
    expect(describeFilter({ property: "n", operator: "gte", value: "5" }, col("n", "Budget", "number"))).toBe(
      "Budget ≥ 5",
    );
  });

  it("shortens long lists of options, and reads filters on unknown columns by property", () => {
    expect(
      describeFilter(
        { property: "lifecyclestage", operator: "none_of", values: ["lead", "customer", "other", "evangelist", "x"] },
        stage,
      ),
    ).toBe("Lifecycle stage is none of Lead, Customer, Other and 2 more");
    expect(describeFilter({ property: "gone", operator: "is_not_empty" }, undefined)).toBe("gone is not empty");
  });
});
