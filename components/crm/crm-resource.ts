import type { GridColumn, GridColumnType } from "@/components/grid/types";
import { addIssue } from "@/components/records/edits/types";
import { describedGrid, type GridResource } from "@/components/records/resource";
import { duplicateValues } from "@/components/records/unique-values";
import { validateCells } from "@/components/records/validate-cells";
import type { CrmObjectTypeOption } from "@/lib/crm/object-types";
import type { CrmColumn } from "@/lib/crm/properties";
import { crmPropertyType } from "@/lib/properties/column-type";

const width = (t: GridColumnType, name: boolean) =>
  name ? 260 : t === "longText" ? 280 : t === "number" || t === "date" ? 130 : 170;

/** A CRM property as a grid column: read-only and calculated properties are shown, never edited. */
function crmColumn(c: CrmColumn, nameKey: string): GridColumn {
  const { type, options } = crmPropertyType(c);
  return { key: c.name, label: c.label, type, options, readOnly: c.readOnly, width: width(type, c.name === nameKey) };
}

const UPDATED_AT: GridColumn = {
  key: "updatedAt",
  label: "Last updated",
  type: "datetime",
  readOnly: true,
  width: 200,
  // Not a HubSpot property name (each type has its own "last modified" property): no search sort.
  sortable: false,
};

/**
 * One CRM object type for the record grid, from its property definitions (`option` completed with
 * `withColumns`). Records are addressed by id; creates carry the type's unique property (contacts:
 * email) so a create whose answer is lost is looked up instead of sent twice.
 */
export function crmResource(option: CrmObjectTypeOption, properties: readonly CrmColumn[]): GridResource {
  const nameKey = option.nameProperty ?? "hs_object_id";
  const columns = properties.map((c) => crmColumn(c, nameKey));
  // Unique properties (contacts: email) are checked across the grid before submit, as campaign
  // names are; HubSpot compares them without case (Jane@X.com and jane@x.com are one contact).
  const unique = columns.filter((c) => !c.readOnly && properties.some((p) => p.name === c.key && p.hasUniqueValue));
  const normalize = (v: string) => v.trim().toLowerCase();
  if (!columns.some((c) => c.key === nameKey))
    columns.unshift({ key: nameKey, label: "Record ID", type: "text", readOnly: true, width: 140 });
  return {
    ...describedGrid(
      {
        type: "crm",
        objectType: option.objectType,
        ...(option.uniqueProperty ? { uniqueProperty: option.uniqueProperty } : {}),
      },
      nameKey,
    ),
    columns,
    defaultColumns: option.defaultColumns,
    trailingColumns: [UPDATED_AT],
    sortable: false,
    validate(state, loaded) {
      const issues = validateCells(columns, state);
      for (const c of unique) {
        for (const [rowKey, value] of duplicateValues(state, loaded, c.key, normalize)) {
          addIssue(
            issues,
            rowKey,
            c.key,
            `Another ${option.noun} in the grid already has ${c.label} “${value}”; it must be unique.`,
          );
        }
      }
      for (const c of Object.values(state.creates)) {
        if (!Object.values(c.values).some((v) => v !== ""))
          addIssue(issues, c.rowKey, nameKey, `Fill in at least one value of the new ${option.noun}.`);
      }
      return issues;
    },
  };
}
