import type { GridColumn, GridColumnType } from "@/components/grid/types";
import type { CampaignPropertyDefinition, CampaignPropertyType } from "@/lib/hubspot/schemas/campaign-properties";
import { columnWidth, displayValue } from "./columns";

const TYPES: Record<CampaignPropertyType, GridColumnType> = {
  string: "text",
  text: "longText",
  date: "date",
  enumeration: "enum",
  currency: "currency",
  number: "number",
  multi: "multi",
};

/** A campaign property as a grid column: type, read-only flag and options come from the shared schema. */
export function campaignColumn(def: CampaignPropertyDefinition): GridColumn {
  return {
    key: def.name,
    label: def.label,
    type: TYPES[def.type],
    readOnly: def.readOnly,
    options: def.options,
    width: columnWidth(def),
    frozen: def.name === "hs_name",
    sortable: true,
    format: (value) => displayValue(def, value),
  };
}

const dateTime = (v: string) => (v ? new Date(v).toLocaleString() : "");

export const UPDATED_AT_COLUMN: GridColumn = { key: "updatedAt", label: "Last updated", type: "text", readOnly: true, width: 180, sortable: true, format: dateTime };
