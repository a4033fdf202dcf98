import type { GridColumn } from "@/components/grid/types";
import { dateStyle, datePattern, ORDER_WORDS, sampleDate } from "@/components/grid/date-order";
import { dateTextProblem, timeZoneLabel } from "@/components/grid/values";
import { addIssue, type EditState, type RowIssues } from "./edits/types";

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

function validDate(v: string) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v);
}

/** What a date cell takes, in the screen's order: "a date like 31/03/2026 (DD/MM/YYYY, day first)". */
function dateWanted() {
  const s = dateStyle();
  const iso = s.order === "YMD" ? "" : " or 2026-03-31";
  return `a date like ${sampleDate(s)} (${datePattern(s)}, ${ORDER_WORDS[s.order]})${iso}`;
}

/** The reader's own reason when it has a telling one (an ambiguous date, a two-digit year). */
function why(value: string) {
  const problem = dateTextProblem(value);
  return problem && /could be|two-digit/.test(problem) ? `: ${problem.replace(/^“[^”]*” /, "it ").replace("choose the date format", "write it year first or choose a Date order")}` : "";
}

/**
 * Why one cell's value cannot be sent, from its column alone (type, options, read-only), or
 * undefined. Typing and paste already turned readable text into stored values (grid/values.ts), so
 * what is left here is text nobody could read: the message says what would be.
 */
export function cellProblem(column: GridColumn, value: string): string | undefined {
  const l = column.label;
  if (column.readOnly) return `${l} is set by HubSpot and can't be changed.`;
  if (value === "") return undefined;
  switch (column.type) {
    case "number":
    case "currency":
      return column.type === "number" && !Number.isFinite(Number(value)) ? `${l} must be a number, not “${value}”.` : undefined;
    case "enum":
      return column.options && !column.options.some((o) => o.value === value)
        ? `“${value}” is not an option of ${l}. Options: ${column.options.map((o) => o.label).join(", ")}.`
        : undefined;
    case "multi": {
      const bad = column.options ? value.split(";").filter((v) => v && !column.options!.some((o) => o.value === v)) : [];
      return bad.length ? `${bad.map((b) => `“${b}”`).join(", ")} ${bad.length === 1 ? "is not an option" : "are not options"} of ${l}.` : undefined;
    }
    case "date":
      return validDate(value) ? undefined : `${l} must be ${dateWanted()}, not “${value}”${why(value)}.`;
    case "datetime":
      return ISO_DATE_TIME.test(value) && !Number.isNaN(Date.parse(value))
        ? undefined
        : `${l} must be a date and time like ${sampleDate(dateStyle())} 09:00 (your time, ${timeZoneLabel()}; dates ${ORDER_WORDS[dateStyle().order]}), not “${value}”${why(value)}.`;
    default:
      return undefined;
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
  for (const c of Object.values(state.creates)) check(c.rowKey, Object.fromEntries(Object.entries(c.values).filter(([, v]) => v !== "")));
  return issues;
}
