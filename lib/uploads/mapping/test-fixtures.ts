import type { TargetColumn } from "../types";
import { ConversionOptionsSchema, type ConversionOptions, type ConversionOptionsInput } from "./schemas";

/** Options as the form would submit them, defaults filled in by the schema. */
export const options = (o: Partial<ConversionOptionsInput> = {}): ConversionOptions =>
  ConversionOptionsSchema.parse({ timeZone: "Europe/Berlin", ...o });

export const STATUS: TargetColumn = {
  key: "hs_campaign_status",
  label: "Status",
  type: "enum",
  options: [
    { value: "planned", label: "Planned" },
    { value: "in_progress", label: "In progress" },
    { value: "cafe", label: "Café" },
    { value: "etude", label: "Étude" },
    { value: "sales_emea", label: "Sales, EMEA" },
    { value: "active", label: "Active" },
  ],
};

/** Campaign-like properties, with the read-only ones a file often carries. */
export const CAMPAIGN_COLUMNS: TargetColumn[] = [
  { key: "hs_name", label: "Name", type: "text", requiredOnCreate: true },
  { key: "hs_start_date", label: "Start date", type: "date" },
  { key: "hs_end_date", label: "End date", type: "date" },
  STATUS,
  { key: "hs_notes", label: "Notes", type: "longText" },
  {
    key: "hs_currency_code",
    label: "Currency",
    type: "currency",
    options: ["EUR", "USD", "GBP", "CHF"].map((c) => ({ value: c, label: c })),
  },
  { key: "hs_business_unit_ids", label: "Business units", type: "multi" },
  { key: "hs_object_id", label: "Record ID", type: "number", readOnly: true },
  { key: "hs_budget_items_sum_amount", label: "Budget total", type: "number", readOnly: true },
];

export const CONTACT_COLUMNS: TargetColumn[] = [
  { key: "email", label: "Email", type: "text" },
  { key: "firstname", label: "First Name", type: "text" },
  { key: "lastname", label: "Last Name", type: "text" },
  { key: "prenom", label: "Prénom usuel", type: "text" },
  { key: "annualrevenue", label: "Annual revenue", type: "number" },
  {
    key: "hs_lead_status",
    label: "Lead status",
    type: "enum",
    options: [
      { value: "NEW", label: "New" },
      { value: "OPEN", label: "Open" },
    ],
  },
  { key: "subscribed", label: "Subscribed", type: "bool" },
  { key: "last_meeting", label: "Last meeting", type: "datetime" },
  { key: "hs_object_id", label: "Record ID", type: "number", readOnly: true },
  { key: "createdate", label: "Create date", type: "datetime", readOnly: true },
];
