import type { PropertyDef } from "../properties/types";
import { wallClockAt } from "../time/time-zone";

/** One exported cell: text, or a number an XLSX keeps as a number (sums work; CSV writes its text). */
export type ExportCell = string | number;

/** A column of an export: its header and how a stored value reads for people. */
export interface ExportColumn {
  key: string;
  header: string;
  cell(value: string | null | undefined): ExportCell;
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/** A date-time instant as "YYYY-MM-DD HH:mm" on the user's clock (the zone is in the header). */
function localDateTime(raw: string, timeZone: string): string {
  const ms = /^-?\d+$/.test(raw) ? Number(raw) : Date.parse(raw);
  if (Number.isNaN(ms)) return raw;
  const w = wallClockAt(ms, timeZone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)}`;
}

/** A date as YYYY-MM-DD: HubSpot stores some as midnight UTC in epoch ms or as an ISO instant. */
function isoDate(raw: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(raw)) return raw;
  const ms = /^-?\d+$/.test(raw) ? Number(raw) : Date.parse(raw);
  return Number.isNaN(ms) ? raw : new Date(ms).toISOString().slice(0, 10);
}

/**
 * The export's columns: the record id, then the view's visible columns in their order, each with
 * its label and its values as the grid shows them (option labels, several joined by "; ", dates
 * YYYY-MM-DD, date-times on the user's clock, numbers as numbers). A column the resource no longer
 * has is exported under its key with its raw values.
 */
export function exportColumns(
  keys: readonly string[],
  properties: readonly PropertyDef[],
  opts: { idLabel: string; timeZone: string },
): ExportColumn[] {
  const byKey = new Map(properties.map((p) => [p.key, p]));
  const id: ExportColumn = { key: "id", header: opts.idLabel, cell: (v) => v ?? "" };
  return [id, ...keys.map((key) => column(key, byKey.get(key), opts.timeZone))];
}

function column(key: string, p: PropertyDef | undefined, timeZone: string): ExportColumn {
  const header = !p ? key : p.type === "datetime" ? `${p.label} (${timeZone})` : p.label;
  const labels = new Map((p?.options ?? []).map((o) => [o.value, o.label]));
  const label = (v: string) => labels.get(v) ?? v;
  const cell = (v: string | null | undefined): ExportCell => {
    if (v === null || v === undefined || v === "") return "";
    switch (p?.type) {
      case "enum":
      case "bool":
        return label(v);
      case "multi":
        return v.split(";").filter(Boolean).map(label).join("; ");
      case "date":
        return isoDate(v);
      case "datetime":
        return localDateTime(v, timeZone);
      case "number": {
        const n = Number(v);
        // Up to 15 digits: what a spreadsheet keeps exactly; longer ones (ids, codes) stay text.
        return /^-?\d{1,15}(\.\d{1,6})?$/.test(v) && Number.isFinite(n) ? n : v;
      }
      default:
        return v;
    }
  };
  return { key, header, cell };
}
