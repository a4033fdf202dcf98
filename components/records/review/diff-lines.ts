import { CAMPAIGN_PROPERTY_BY_NAME } from "@/lib/hubspot/schemas/campaign-properties";
import { displayValue } from "../columns";
import type { BaseRow, EditState } from "../edits/types";
import type { RowIssues } from "../edits/validate-edits";

export interface DiffLine {
  rowKey: string;
  rowName: string;
  kind: "create" | "update";
  property: string;
  label: string;
  before: string;
  after: string;
}

const show = (property: string, v: string | null | undefined) => {
  const def = CAMPAIGN_PROPERTY_BY_NAME.get(property);
  return def ? displayValue(def, v) : v ?? "";
};

/** What the review dialog lists: one line per changed cell of every row that will be submitted. */
export function diffLines(state: EditState, issues: RowIssues, baseOf: (id: string) => BaseRow | undefined) {
  const lines: DiffLine[] = [];
  let creates = 0;
  let updates = 0;
  for (const c of Object.values(state.creates).sort((a, b) => a.seq - b.seq)) {
    if (issues.has(c.rowKey)) continue;
    creates++;
    for (const [property, v] of Object.entries(c.values)) {
      if (v === "") continue;
      lines.push({ rowKey: c.rowKey, rowName: c.values.hs_name ?? "", kind: "create", property, label: CAMPAIGN_PROPERTY_BY_NAME.get(property)?.label ?? property, before: "", after: show(property, v) });
    }
  }
  for (const u of Object.values(state.updates)) {
    if (issues.has(u.id)) continue;
    updates++;
    const name = baseOf(u.id)?.properties.hs_name ?? u.label;
    for (const [property, v] of Object.entries(u.edits)) {
      lines.push({ rowKey: u.id, rowName: name ?? u.label, kind: "update", property, label: CAMPAIGN_PROPERTY_BY_NAME.get(property)?.label ?? property, before: show(property, u.baseline.values[property]), after: show(property, v) });
    }
  }
  return { lines, creates, updates, blocked: issues.size };
}
