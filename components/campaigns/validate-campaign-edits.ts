import {
  CAMPAIGN_PROPERTY_BY_NAME,
  validateCampaignProperties,
  type CampaignPropertyIssue,
} from "@/lib/hubspot/schemas/campaign-properties";
import { dateStyle } from "@/components/grid/date-order";
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

type Found = [property: string, message: string][];

/**
 * A pending row's own issues, kept per row object (applyChanges keeps the objects of rows it did
 * not touch) and the loaded properties they were checked against: after a 10,000-row paste, the
 * next keystroke checks one row, not 10,000. Messages depend on the date order, so it keys them too.
 */
const checked = new WeakMap<object, { against: object | undefined; style: string; found: Found }>();
function rowIssues(row: object, against: object | undefined, check: () => Found): Found {
  const style = JSON.stringify(dateStyle());
  const hit = checked.get(row);
  if (hit && hit.against === against && hit.style === style) return hit.found;
  const found = check();
  checked.set(row, { against, style, found });
  return found;
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
    const found = rowIssues(u, current, () =>
      validateCampaignProperties(u.edits, { mode: "update", current }).map((i) => [
        i.property,
        readableIssue(i, u.edits[i.property]),
      ]),
    );
    for (const [property, message] of found) add(u.id, property, message);
    checkName(u.id);
  }
  for (const c of Object.values(state.creates)) {
    const found = rowIssues(c, undefined, () => {
      const props = Object.fromEntries(Object.entries(c.values).filter(([, v]) => v !== ""));
      return validateCampaignProperties(props, { mode: "create" }).map((i) => [
        i.property,
        readableIssue(i, props[i.property]),
      ]);
    });
    for (const [property, message] of found) add(c.rowKey, property, message);
    checkName(c.rowKey);
  }
  return issues;
}
