import { CAMPAIGN_PROPERTIES, type CampaignPropertyDefinition } from "@/lib/hubspot/schemas/campaign-properties";

/** Columns the grid can show, in order: every campaign property HubSpot still returns. */
export const CAMPAIGN_COLUMNS: readonly CampaignPropertyDefinition[] = CAMPAIGN_PROPERTIES.filter((p) => !p.deprecated);
export const ALL_COLUMN_NAMES = CAMPAIGN_COLUMNS.map((c) => c.name);
export const DEFAULT_COLUMNS = [
  "hs_name",
  "hs_campaign_status",
  "hs_start_date",
  "hs_end_date",
  "hs_currency_code",
  "hs_audience",
  "hs_owner",
  "hs_budget_items_sum_amount",
  "hs_spend_items_sum_amount",
  "hs_notes",
];

const numberFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });

/** How a stored value reads in a cell: enumeration labels, not internal values; grouped numbers. */
export function displayValue(def: CampaignPropertyDefinition, value: string | null | undefined): string {
  if (value === null || value === undefined || value === "") return "";
  if (def.options && def.type === "enumeration") return def.options.find((o) => o.value === value)?.label ?? value;
  if (def.type === "number" && def.name.endsWith("_amount") && !Number.isNaN(Number(value)))
    return numberFormat.format(Number(value));
  if (def.type === "multi") return value.split(";").filter(Boolean).join(", ");
  return value;
}

export function columnWidth(def: CampaignPropertyDefinition): number {
  if (def.name === "hs_name") return 320;
  if (def.type === "text") return 280;
  if (def.type === "date" || def.type === "currency" || def.type === "number") return 130;
  return 170;
}
