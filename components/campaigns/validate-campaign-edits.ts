import {
  CAMPAIGN_PROPERTY_BY_NAME,
  validateCampaignProperties,
  type CampaignPropertyIssue,
} from "@/lib/hubspot/schemas/campaign-properties";
import { formatDate } from "@/components/grid/values";
import { cellProblem } from "@/components/records/validate-cells";
import { duplicateValues } from "@/components/records/unique-values";
import { addIssue, type BaseRow, type EditState, type RowIssues } from "@/components/records/edits/types";

const normName = (name: string) => name.trim().toLowerCase();

/**
 * HubSpot's messages name properties by internal name and dates as stored; people know them by
 * label and read dates in the screen's order. A date cell nobody could read gets the grid's own
 * message, which says which order it expects.
 */
function readableIssue(issue: Pick<CampaignPropertyIssue, "message" | "code" | "property">, value?: string): string {
  const def = CAMPAIGN_PROPERTY_BY_NAME.get(issue.property);
  if (issue.code === "INVALID_DATE_PROPERTY" && def && value !== undefined && !/^\d{4}-\d{2}-\d{2}T/.test(value)) {
    return cellProblem({ key: def.name, label: def.label, type: "date" }, value) ?? issue.message;
  }
  return issue.message
    .replace(/"(hs_[a-z_]+)"/g, (m, name: string) => CAMPAIGN_PROPERTY_BY_NAME.get(name)?.label ?? m)
    .replace(/\b\d{4}-\d{2}-\d{2}\b/g, (d) => formatDate(d));
}

/**
 * Validates every pending row with the shared campaign rules (the ones the sandbox and HubSpot
 * apply), plus name uniqueness within the grid, which HubSpot enforces too: against every loaded
 * name (with its pending edit) and every added row.
 */
export function validateCampaignEdits(
  state: EditState,
  loaded: readonly BaseRow[],
  baseOf: (id: string) => BaseRow | undefined,
): RowIssues {
  const issues: RowIssues = new Map();
  const add = (key: string, property: string, message: string) => addIssue(issues, key, property, message);

  const taken = duplicateValues(state, loaded, "hs_name", normName);
  const checkName = (key: string) => {
    const name = taken.get(key);
    if (name !== undefined)
      add(key, "hs_name", `Another campaign in the grid is already named "${name}"; names must be unique.`);
  };

  for (const u of Object.values(state.updates)) {
    const current = baseOf(u.id)?.properties;
    for (const i of validateCampaignProperties(u.edits, { mode: "update", current }))
      add(u.id, i.property, readableIssue(i, u.edits[i.property]));
    checkName(u.id);
  }
  for (const c of Object.values(state.creates)) {
    const props = Object.fromEntries(Object.entries(c.values).filter(([, v]) => v !== ""));
    for (const i of validateCampaignProperties(props, { mode: "create" }))
      add(c.rowKey, i.property, readableIssue(i, props[i.property]));
    checkName(c.rowKey);
  }
  return issues;
}
