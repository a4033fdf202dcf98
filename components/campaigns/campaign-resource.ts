import { describedGrid, type GridResource } from "@/components/records/resource";
import { campaignColumn, UPDATED_AT_COLUMN } from "./campaign-columns";
import { CAMPAIGN_COLUMNS, DEFAULT_COLUMNS } from "./columns";
import { validateCampaignEdits } from "./validate-campaign-edits";

/** Campaigns for the record grid: sortable and searchable by HubSpot, creatable, unique names. */
export const campaignResource: GridResource = {
  ...describedGrid({ type: "campaigns" }),
  columns: CAMPAIGN_COLUMNS.map(campaignColumn),
  defaultColumns: DEFAULT_COLUMNS,
  trailingColumns: [UPDATED_AT_COLUMN],
  sortable: true,
  validate: validateCampaignEdits,
};
