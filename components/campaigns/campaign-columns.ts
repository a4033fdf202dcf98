import type { GridColumn } from "@/components/grid/types";
import type { CampaignPropertyDefinition } from "@/lib/hubspot/schemas/campaign-properties";
import { campaignProperty } from "@/lib/properties/column-type";
import { columnWidth, displayValue } from "./columns";

/** A campaign property as a grid column: type, read-only flag and options come from the shared schema. */
export function campaignColumn(def: CampaignPropertyDefinition): GridColumn {
  return {
    key: def.name,
    label: def.label,
    ...campaignProperty(def),
    readOnly: def.readOnly,
    options: def.options,
    width: columnWidth(def),
    frozen: def.name === "hs_name",
    sortable: true,
    // Dates are shown by the grid, in the screen's date order (grid/date-order.ts).
    format: def.type === "date" ? undefined : (value) => displayValue(def, value),
  };
}

/** Shown like every other date-time of the grid (same zone and date order), not in toLocaleString's own order. */
export const UPDATED_AT_COLUMN: GridColumn = {
  key: "updatedAt",
  label: "Last updated",
  type: "datetime",
  readOnly: true,
  width: 180,
  sortable: true,
};
