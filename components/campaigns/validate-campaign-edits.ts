import { CAMPAIGN_PROPERTY_BY_NAME, validateCampaignProperties, type CampaignPropertyIssue } from "@/lib/hubspot/schemas/campaign-properties";
import { addIssue, type BaseRow, type EditState, type RowIssues } from "@/components/records/edits/types";

const normName = (name: string) => name.trim().toLowerCase();

/** HubSpot's messages name properties by internal name; people know them by label. */
export function readableIssue(issue: Pick<CampaignPropertyIssue, "message">): string {
  return issue.message.replace(/"(hs_[a-z_]+)"/g, (m, name: string) => {
    const def = CAMPAIGN_PROPERTY_BY_NAME.get(name);
    return def ? def.label : m;
  });
}

/**
 * Validates every pending row with the shared campaign rules (the ones the sandbox and HubSpot
 * apply), plus name uniqueness within the grid, which HubSpot enforces too: against every loaded
 * name (with its pending edit) and every added row.
 */
export function validateCampaignEdits(state: EditState, loaded: readonly BaseRow[], baseOf: (id: string) => BaseRow | undefined): RowIssues {
  const issues: RowIssues = new Map();
  const add = (key: string, property: string, message: string) => addIssue(issues, key, property, message);

  const nameCount = new Map<string, number>();
  const count = (name: string | null | undefined) => {
    if (!name || !name.trim()) return;
    const n = normName(name);
    nameCount.set(n, (nameCount.get(n) ?? 0) + 1);
  };
  for (const row of loaded) count(state.updates[row.id]?.edits.hs_name ?? row.properties.hs_name);
  // Edited rows that are no longer loaded (another search) still hold their names.
  const loadedIds = new Set(loaded.map((r) => r.id));
  for (const u of Object.values(state.updates)) if (!loadedIds.has(u.id) && u.edits.hs_name !== undefined) count(u.edits.hs_name);
  for (const c of Object.values(state.creates)) count(c.values.hs_name);
  const checkName = (key: string, name: string | undefined) => {
    if (name && (nameCount.get(normName(name)) ?? 0) > 1) add(key, "hs_name", `Another campaign in the grid is already named "${name.trim()}"; names must be unique.`);
  };

  for (const u of Object.values(state.updates)) {
    const current = baseOf(u.id)?.properties;
    for (const i of validateCampaignProperties(u.edits, { mode: "update", current })) add(u.id, i.property, readableIssue(i));
    checkName(u.id, u.edits.hs_name);
  }
  for (const c of Object.values(state.creates)) {
    const props = Object.fromEntries(Object.entries(c.values).filter(([, v]) => v !== ""));
    for (const i of validateCampaignProperties(props, { mode: "create" })) add(c.rowKey, i.property, readableIssue(i));
    checkName(c.rowKey, c.values.hs_name);
  }
  return issues;
}
