/**
 * A property as both the grid and the uploads see it: one type vocabulary for every resource
 * (campaign properties, event fields, CRM property definitions), so text is read and values are
 * checked by one set of rules (convert.ts, stored-value.ts) wherever they come from.
 */

/** "date" stores YYYY-MM-DD; "datetime" a UTC ISO instant; "bool" "true"/"false"; "multi" values joined by ";". */
export type PropertyType =
  "text" | "longText" | "number" | "currency" | "date" | "datetime" | "enum" | "multi" | "bool";

export interface PropertyOption {
  value: string;
  label: string;
}

export interface PropertyDef {
  key: string;
  label: string;
  type: PropertyType;
  /** Internal value and label of each option (enum, multi, bool, currency codes). */
  options?: readonly PropertyOption[];
  /** Shown for reference, never written. */
  readOnly?: boolean;
  /** A create needs it (a campaign's name). */
  requiredOnCreate?: boolean;
  /** Text: fewer characters than HubSpot's general limit (a campaign's name: 256). */
  maxLength?: number;
  /** Text that must be an absolute http(s) address (an event's URL). */
  url?: boolean;
}
