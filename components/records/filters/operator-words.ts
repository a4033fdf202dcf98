import type { PropertyType } from "@/lib/properties/types";
import type { FilterOperator } from "@/lib/records/filters";

const TEXT: Partial<Record<FilterOperator, string>> = {
  eq: "is",
  neq: "is not",
  contains: "contains",
  starts_with: "starts with",
};
const NUMBER: Partial<Record<FilterOperator, string>> = {
  eq: "=",
  neq: "≠",
  lt: "<",
  lte: "≤",
  gt: ">",
  gte: "≥",
  between: "between",
};
const DATE: Partial<Record<FilterOperator, string>> = {
  eq: "on",
  lt: "before",
  gt: "after",
  between: "between",
  in_last_days: "in the last",
  in_next_days: "in the next",
};
const OPTIONS: Partial<Record<FilterOperator, string>> = { any_of: "is any of", none_of: "is none of" };
const ANY: Partial<Record<FilterOperator, string>> = { is_empty: "is empty", is_not_empty: "is not empty" };

const BY_TYPE: Record<PropertyType, Partial<Record<FilterOperator, string>>> = {
  text: TEXT,
  longText: TEXT,
  number: NUMBER,
  currency: OPTIONS,
  date: DATE,
  datetime: DATE,
  enum: OPTIONS,
  multi: OPTIONS,
  bool: { eq: "is" },
};

/** An operator as a chip and the operator menu read it for a column of `type` ("before", "≥", "is any of"). */
export const operatorWords = (op: FilterOperator, type: PropertyType): string => BY_TYPE[type][op] ?? ANY[op] ?? op;
