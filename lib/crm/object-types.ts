import { crmCustomTitle, customNoun, type CrmObjectTypeOption, STANDARD_CRM_OBJECT_TYPES } from "../resources/crm";
import { CrmObjectTypeSchema } from "../resources/ref";
import type { CrmColumn } from "./properties";

export { customNoun, STANDARD_CRM_OBJECT_TYPES, type CrmObjectTypeOption } from "../resources/crm";

/** What the sandbox seeds as its one custom object type. */
const SANDBOX_CUSTOM_OBJECT_TYPES = ["p_projects"];

function customCrmObjectType(objectType: string): CrmObjectTypeOption {
  return {
    objectType,
    title: crmCustomTitle(objectType),
    noun: customNoun(objectType),
    custom: true,
    defaultColumns: [],
  };
}

/**
 * The custom types of a CRM_CUSTOM_OBJECT_TYPES setting: unset means the sandbox's own (what it
 * seeds) or none with HubSpot, whose schemas API Batchboard does not read; "" means none. A
 * malformed entry throws: a typo should be seen at once, not become a type that never loads.
 */
function customObjectTypesFrom(setting: string | undefined, target: "sandbox" | "hubspot"): string[] {
  if (setting === undefined) return target === "sandbox" ? [...SANDBOX_CUSTOM_OBJECT_TYPES] : [];
  const entries = setting.split(/[\s,]+/).filter(Boolean);
  for (const e of entries) {
    if (!CrmObjectTypeSchema.safeParse(e).success)
      throw new Error(
        `CRM_CUSTOM_OBJECT_TYPES: "${e}" is not an object type HubSpot can address (p_projects, p123_cars, 2-123…)`,
      );
  }
  return entries;
}

/** Standard types first, then the custom ones; a name given twice (or a standard one) is offered once. */
export function offeredCrmObjectTypes(opts: {
  customObjectTypes: string | undefined;
  target: "sandbox" | "hubspot";
}): CrmObjectTypeOption[] {
  const out = STANDARD_CRM_OBJECT_TYPES.map((t) => ({ ...t, defaultColumns: [...t.defaultColumns] }));
  for (const t of customObjectTypesFrom(opts.customObjectTypes, opts.target)) {
    if (!out.some((o) => o.objectType.toLowerCase() === t.toLowerCase())) out.push(customCrmObjectType(t));
  }
  return out;
}

/** The offered entry for an object type (HubSpot's names are case-insensitive), or undefined. */
export function findCrmObjectType(
  offered: readonly CrmObjectTypeOption[],
  objectType: string,
): CrmObjectTypeOption | undefined {
  return offered.find((o) => o.objectType.toLowerCase() === objectType.toLowerCase());
}

const CUSTOM_DEFAULT_COLUMNS = 6;

/**
 * An entry completed from its type's columns (crmColumnsFor): custom types get the first writable
 * unique property as name and unique property (else the record id names them), and their first
 * writable properties as default columns; every type's defaults keep only columns the portal has.
 */
export function withColumns(
  option: CrmObjectTypeOption,
  columns: readonly Pick<CrmColumn, "name" | "hasUniqueValue" | "readOnly">[],
): CrmObjectTypeOption {
  const names = new Set(columns.map((c) => c.name));
  const unique = option.custom ? columns.find((c) => c.hasUniqueValue && !c.readOnly)?.name : option.uniqueProperty;
  const nameProperty = option.nameProperty ?? unique ?? "hs_object_id";
  const defaults = option.custom
    ? [nameProperty, ...columns.filter((c) => !c.readOnly && c.name !== nameProperty).map((c) => c.name)].slice(
        0,
        CUSTOM_DEFAULT_COLUMNS,
      )
    : option.defaultColumns.filter((n) => names.has(n));
  return { ...option, nameProperty, ...(unique ? { uniqueProperty: unique } : {}), defaultColumns: defaults };
}
