import type { GridColumn } from "./types";

/**
 * Text ↔ stored value per column type, used by typing, paste and copy. Parsing is lenient about
 * what spreadsheets put on the clipboard (labels, grouped numbers, US/European dates) and leaves
 * anything it cannot read untouched, so the validation rules can say what is wrong with it.
 */
const pad = (n: string) => n.padStart(2, "0");

export function parseDate(text: string): string {
  const t = text.trim();
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(t);
  if (m) return `${m[1]}-${pad(m[2]!)}-${pad(m[3]!)}`;
  // Slashes are read the US way (Excel's default export), dots the European way (31.03.2026).
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  if (m) return `${m[3]}-${pad(m[1]!)}-${pad(m[2]!)}`;
  m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(t);
  if (m) return `${m[3]}-${pad(m[2]!)}-${pad(m[1]!)}`;
  return t;
}

export function parseNumber(text: string): string {
  const t = text.trim().replace(/[\s\u00a0]/g, "");
  if (t === "") return "";
  const plain = /^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(t) ? t.replace(/,/g, "") : t;
  return Number.isFinite(Number(plain)) ? plain : text.trim();
}

function parseOption(column: GridColumn, text: string): string {
  const t = text.trim();
  const options = column.options ?? [];
  if (t === "" || options.some((o) => o.value === t)) return t;
  const lower = t.toLowerCase();
  return options.find((o) => o.label.toLowerCase() === lower || o.value.toLowerCase() === lower)?.value ?? t;
}

export function parseCellText(column: GridColumn, text: string): string {
  if (column.parse) return column.parse(text);
  switch (column.type) {
    case "number":
      return parseNumber(text);
    case "date":
      return parseDate(text);
    case "currency":
      return parseOption(column, text.toUpperCase());
    case "enum":
      return parseOption(column, text);
    case "multi":
      return text.split(/[;,\s]+/).filter(Boolean).join(";");
    case "text":
      // A single-line property: spreadsheets sometimes wrap long text, HubSpot would keep the newline.
      return text.replace(/\r?\n/g, " ");
    default:
      return text;
  }
}

export function formatCellValue(column: GridColumn, value: string): string {
  if (value === "") return "";
  if (column.format) return column.format(value);
  if (column.type === "enum") return column.options?.find((o) => o.value === value)?.label ?? value;
  if (column.type === "multi") return value.split(";").filter(Boolean).join(", ");
  return value;
}
