import type { GridColumn } from "@/components/grid/types";
import type { ViewFilter } from "@/lib/records/filters";
import { operatorWords } from "./operator-words";

/** How many listed options a chip names before it says "and N more". */
const LISTED = 3;

const optionLabel = (column: GridColumn | undefined, value: string) =>
  column?.options?.find((o) => o.value === value)?.label ?? value;

/**
 * A filter in plain words, as its chip reads: "Lifecycle stage is any of Lead, Customer",
 * "Created after 2026-01-01", "Amount between 10 and 20", "Job title is empty". A filter on a
 * column the grid does not have (an old link) still reads, by its property name.
 */
export function describeFilter(f: ViewFilter, column: GridColumn | undefined): string {
  const label = column?.label ?? f.property;
  const type = column?.type ?? "text";
  const op = operatorWords(f.operator, type);
  const value = f.value ?? "";
  switch (f.operator) {
    case "is_empty":
    case "is_not_empty":
      return `${label} ${op}`;
    case "between":
      return `${label} ${op} ${value} and ${f.highValue ?? ""}`;
    case "in_last_days":
    case "in_next_days":
      return `${label} ${op} ${value} ${value === "1" ? "day" : "days"}`;
    case "any_of":
    case "none_of": {
      const names = (f.values ?? []).map((v) => optionLabel(column, v));
      const more = names.length - LISTED;
      return `${label} ${op} ${names.slice(0, LISTED).join(", ")}${more > 0 ? ` and ${more} more` : ""}`;
    }
  }
  if (type === "bool") return `${label} ${op} ${value === "true" ? "Yes" : "No"}`;
  if (type === "text" || type === "longText") return `${label} ${op} “${value}”`;
  return `${label} ${op} ${value}`;
}
