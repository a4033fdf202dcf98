import type { GridResource } from "@/components/records/resource";
import { campaignColumn, UPDATED_AT_COLUMN } from "./campaign-columns";
import { CAMPAIGN_COLUMNS, DEFAULT_COLUMNS } from "./columns";
import { validateCampaignEdits } from "./validate-campaign-edits";

/** Campaigns for the record grid: sortable and searchable by HubSpot, creatable, unique names. */
export const campaignResource: GridResource = {
  ref: { type: "campaigns" },
  key: "campaigns",
  title: "Campaigns",
  noun: "campaign",
  nounPlural: "campaigns",
  nameKey: "hs_name",
  columns: CAMPAIGN_COLUMNS.map(campaignColumn),
  defaultColumns: DEFAULT_COLUMNS,
  trailingColumns: [UPDATED_AT_COLUMN],
  canCreate: true,
  sortable: true,
  validate: validateCampaignEdits,
};
