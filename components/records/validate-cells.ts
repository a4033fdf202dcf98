import type { GridColumn } from "@/components/grid/types";
import { dateStyle, datePattern, ORDER_WORDS, sampleDate } from "@/components/grid/date-order";
import { dateTextProblem, timeZoneLabel } from "@/components/grid/values";
import { MAX_TEXT_LENGTH, textRuleProblem } from "@/lib/properties/rules";
import { isStoredValue } from "@/lib/properties/stored-value";
import { addIssue, type EditState, type RowIssues } from "./edits/types";

/** What a date cell takes, in the screen's order: "a date like 31/03/2026 (DD/MM/YYYY, day first)". */
function dateWanted() {
  const s = dateStyle();
  const iso = s.order === "YMD" ? "" : " or 2026-03-31";
  return `a date like ${sampleDate(s)} (${datePattern(s)}, ${ORDER_WORDS[s.order]})${iso}`;
}

/** The reader's own reason when it has a telling one (an ambiguous date, a two-digit year). */
function why(value: string) {
  const problem = dateTextProblem(value);
  return problem && /could be|two-digit/.test(problem)
    ? `: ${problem.replace(/^“[^”]*” /, "it ").replace("choose the date format", "write it year first or choose a Date order")}`
    : "";
}

/**
 * Why one cell's value cannot be sent, from its column alone (type, options, read-only), or
 * undefined. Typing and paste already turned readable text into stored values (grid/values.ts), so
 * what is left here is text nobody could read: the message says what would be.
 */
export function cellProblem(column: GridColumn, value: string): string | undefined {
  const l = column.label;
  if (column.readOnly) return `${l} is set by HubSpot and can't be changed.`;
  if (value === "" || isStoredValue(column, value)) return undefined;
  switch (column.type) {
    case "text":
    case "longText":
      return (
        textRuleProblem(column, value) ??
        `${l} is longer than ${MAX_TEXT_LENGTH.toLocaleString("en")} characters, HubSpot's limit.`
      );
    case "number":
      return `${l} must be a number, not “${value}”.`;
    case "currency":
      return `“${value}” is not a currency code of ${l} (ISO 4217, e.g. EUR, USD).`;
    case "enum":
    case "bool":
      return `“${value}” is not an option of ${l}. Options: ${(column.options ?? []).map((o) => o.label).join(", ")}${column.type === "bool" ? " (or yes/no, true/false, 1/0)" : ""}.`;
    case "multi": {
      const bad = value.split(";").filter((v) => v && !column.options!.some((o) => o.value === v));
      return `${bad.map((b) => `“${b}”`).join(", ")} ${bad.length === 1 ? "is not an option" : "are not options"} of ${l}.`;
    }
    case "date":
      return `${l} must be ${dateWanted()}, not “${value}”${why(value)}.`;
    case "datetime":
      return `${l} must be a date and time like ${sampleDate(dateStyle())} 09:00 (your time, ${timeZoneLabel()}; dates ${ORDER_WORDS[dateStyle().order]}), not “${value}”${why(value)}.`;
  }
}

/** Column rules over every pending edit and added row; resources add their own rules on top. */
export function validateCells(columns: readonly GridColumn[], state: EditState): RowIssues {
  const byKey = new Map(columns.map((c) => [c.key, c]));
  const issues: RowIssues = new Map();
  const check = (rowKey: string, values: Record<string, string>) => {
    for (const [key, value] of Object.entries(values)) {
      const column = byKey.get(key);
      const problem = column && cellProblem(column, value);
      if (problem) addIssue(issues, rowKey, key, problem);
    }
  };
  for (const u of Object.values(state.updates)) check(u.id, u.edits);
  for (const c of Object.values(state.creates))
    check(c.rowKey, Object.fromEntries(Object.entries(c.values).filter(([, v]) => v !== "")));
  return issues;
}
