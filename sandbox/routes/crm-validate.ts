/*
 * Property value validation against the portal's property definitions, with HubSpot's error
 * codes (PROPERTY_DOESNT_EXIST, READ_ONLY_VALUE, INVALID_OPTION, INVALID_INTEGER,
 * INVALID_DECIMAL, INVALID_EMAIL, INVALID_DATE, LEADING_TRAILING_WHITESPACE) and the
 * "Property values were not valid: [...]" message, whose JSON array lists the failures.
 * Values are also normalized as HubSpot stores them (dates as YYYY-MM-DD, date-times as ISO).
 */
import type { CrmPropertyDefinition } from "../../lib/hubspot/schemas/crm";
import { INTEGER_PROPERTIES } from "./crm-property-defs";

export interface PropertyError {
  isValid: false;
  message: string;
  error: string;
  name: string;
  localizedErrorMessage: string;
  portalId: number;
}

type Raw = string | number | boolean | null;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DECIMAL = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;
const INTEGER = /^[-+]?\d+$/;

/** Date values: YYYY-MM-DD, or epoch ms at midnight UTC (HubSpot's documented date format). */
function normDate(v: string): string | undefined {
  if (/^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v))) return v;
  if (INTEGER.test(v) && Number(v) % 86_400_000 === 0) return new Date(Number(v)).toISOString().slice(0, 10);
  return undefined;
}
/** Date-time values: ISO 8601 or epoch ms; stored as ISO with milliseconds, as HubSpot returns them. */
function normDateTime(v: string): string | undefined {
  if (INTEGER.test(v)) return new Date(Number(v)).toISOString();
  if (/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(v) && !Number.isNaN(Date.parse(v)))
    return new Date(v).toISOString();
  return undefined;
}

/** Check one value; returns [normalized value] or [undefined, error code, message]. */
function check(def: CrmPropertyDefinition, v: string): [string] | [undefined, string, string] {
  if (def.calculated || def.modificationMetadata?.readOnlyValue) {
    return [undefined, "READ_ONLY_VALUE", `"${def.name}" is a read only property; its value cannot be set.`];
  }
  if (v === "") return [""]; // clearing a value is always allowed
  const structured = def.type !== "string" && def.type !== "phone_number";
  if (structured && v !== v.trim())
    return [undefined, "LEADING_TRAILING_WHITESPACE", `"${v}" includes leading or trailing whitespace.`];
  switch (def.type) {
    case "enumeration":
    case "bool": {
      const allowed = def.options.map((o) => o.value);
      // Multi-select checkboxes store several options separated by ";".
      const parts = def.fieldType === "checkbox" ? v.split(";") : [v];
      const bad = parts.find((p) => !allowed.includes(def.type === "bool" ? p.toLowerCase() : p));
      if (bad !== undefined)
        return [undefined, "INVALID_OPTION", `"${bad}" was not one of the allowed options: [${allowed.join(", ")}]`];
      return [def.type === "bool" ? v.toLowerCase() : v];
    }
    case "number":
      if (INTEGER_PROPERTIES.has(def.name) && !INTEGER.test(v))
        return [undefined, "INVALID_INTEGER", `"${v}" is not a valid integer value for property "${def.name}"`];
      if (!DECIMAL.test(v))
        return [undefined, "INVALID_DECIMAL", `"${v}" is not a valid number value for property "${def.name}"`];
      return [v];
    case "date": {
      const d = normDate(v);
      return d
        ? [d]
        : [
            undefined,
            "INVALID_DATE",
            `"${v}" is not a valid date. Use YYYY-MM-DD or a UTC-midnight timestamp in milliseconds`,
          ];
    }
    case "datetime": {
      const d = normDateTime(v);
      return d
        ? [d]
        : [undefined, "INVALID_DATE", `"${v}" is not a valid date-time. Use ISO 8601 or a timestamp in milliseconds`];
    }
    default:
      if (def.textDisplayHint === "email" && !EMAIL.test(v))
        return [undefined, "INVALID_EMAIL", `Email address ${v} is invalid`];
      return [v];
  }
}

/** Validate and normalize a property map. `values` holds only the valid entries. */
export function validateProperties(
  defs: Map<string, CrmPropertyDefinition>,
  input: Record<string, Raw>,
  portalId: number,
) {
  const values: Record<string, string> = {};
  const errors: PropertyError[] = [];
  for (const [name, raw] of Object.entries(input)) {
    const v = raw === null ? "" : String(raw);
    const def = defs.get(name);
    const res: [string] | [undefined, string, string] = def
      ? check(def, v)
      : [undefined, "PROPERTY_DOESNT_EXIST", `Property "${name}" does not exist`];
    if (res[0] !== undefined) values[name] = res[0];
    else
      errors.push({ isValid: false, message: res[2]!, error: res[1]!, name, localizedErrorMessage: res[2]!, portalId });
  }
  return { values, errors };
}

export const propertyErrorsMessage = (errors: PropertyError[]) =>
  `Property values were not valid: ${JSON.stringify(errors)}`;
