import type { BaseRow, EditState, RowIssues } from "../edits/types";
import { columnLabel, displayCell, type GridResource } from "../resource";

export interface DiffLine {
  rowKey: string;
  rowName: string;
  kind: "create" | "update";
  property: string;
  label: string;
  before: string;
  after: string;
}

/** What the review dialog lists: one line per changed cell of every row that will be submitted. */
export function diffLines(
  resource: GridResource,
  state: EditState,
  issues: RowIssues,
  baseOf: (id: string) => BaseRow | undefined,
) {
  const show = (property: string, v: string | null | undefined) => displayCell(resource, property, v);
  const label = (property: string) => columnLabel(resource, property);
  const lines: DiffLine[] = [];
  let creates = 0;
  let updates = 0;
  for (const c of Object.values(state.creates).sort((a, b) => a.seq - b.seq)) {
    if (issues.has(c.rowKey)) continue;
    creates++;
    for (const [property, v] of Object.entries(c.values)) {
      if (v === "") continue;
      lines.push({
        rowKey: c.rowKey,
        rowName: c.values[resource.nameKey] ?? "",
        kind: "create",
        property,
        label: label(property),
        before: "",
        after: show(property, v),
      });
    }
  }
  for (const u of Object.values(state.updates)) {
    if (issues.has(u.id)) continue;
    updates++;
    const name = baseOf(u.id)?.properties[resource.nameKey] ?? u.label;
    for (const [property, v] of Object.entries(u.edits)) {
      lines.push({
        rowKey: u.id,
        rowName: name ?? u.label,
        kind: "update",
        property,
        label: label(property),
        before: show(property, u.baseline.values[property]),
        after: show(property, v),
      });
    }
  }
  return { lines, creates, updates, blocked: issues.size };
}
