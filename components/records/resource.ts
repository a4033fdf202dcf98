import type { GridColumn } from "@/components/grid/types";
import { formatCellValue } from "@/components/grid/values";
import type { ResourceRef } from "@/lib/resources/ref";
import { describe } from "@/lib/resources/registry";
import type { BaseRow, EditState, RowIssues } from "./edits/types";

/**
 * Everything the record grid needs to know about one resource (campaigns, marketing events, a CRM
 * object type), on the browser side. The generic grid, edit store, review, submission status and
 * results work from this alone; the server side's counterpart is the batch adapter (lib/batch/adapter.ts),
 * chosen by `ref` (lib/hubspot/adapter-for.ts).
 */
export interface GridResource {
  /** Sent with every submission: which adapter writes the rows, with its settings. */
  ref: ResourceRef;
  /** Keys stored edits and column choices: campaigns, marketing-events, crm:contacts. */
  key: string;
  title: string;
  noun: string;
  nounPlural: string;
  /** The property that names a row (hs_name, eventName, email); its column is always shown, frozen. */
  nameKey: string;
  /** Every column the grid can show, name column first. */
  columns: readonly GridColumn[];
  defaultColumns: readonly string[];
  /** Read-only columns always shown at the end (Last updated). */
  trailingColumns?: readonly GridColumn[];
  /** Rows can be added ("Add campaign"): false for events, which their event app creates. */
  canCreate: boolean;
  /** HubSpot sorts the list (campaigns); otherwise header clicks do nothing. */
  sortable: boolean;
  /** The resource's own rules over every pending row (row key → property → reason). */
  validate(state: EditState, loaded: readonly BaseRow[], baseOf: (id: string) => BaseRow | undefined): RowIssues;
}

/**
 * What the resource registry knows of a grid resource (lib/resources/registry.ts): its key, words,
 * name property and whether rows can be added. `nameKey` is required where the registry has none
 * (a CRM type's depends on its columns).
 */
export function describedGrid(
  ref: ResourceRef,
  nameKey?: string,
): Pick<GridResource, "ref" | "key" | "title" | "noun" | "nounPlural" | "nameKey" | "canCreate"> {
  const d = describe(ref);
  const name = nameKey ?? d.nameKey;
  if (name === undefined) throw new Error(`${d.name}: a grid needs the property that names its rows`);
  return {
    ref,
    key: d.name,
    title: d.title,
    noun: d.noun,
    nounPlural: d.nounPlural,
    nameKey: name,
    canCreate: d.canCreate,
  };
}

export const columnLabel = (resource: GridResource, key: string) =>
  resource.columns.find((c) => c.key === key)?.label ?? key;

/** A row's name as people read it: the name property, else what the edit remembered, else its key. */
export function rowName(
  resource: GridResource,
  values: Readonly<Record<string, string | null | undefined>> | undefined,
  fallback: string,
): string {
  return values?.[resource.nameKey] || fallback;
}

/** A stored value as its cell shows it (option labels, local date-times…). */
export function displayCell(resource: GridResource, key: string, value: string | null | undefined): string {
  if (value === null || value === undefined || value === "") return "";
  const column = resource.columns.find((c) => c.key === key);
  return column ? formatCellValue(column, value) : value;
}
