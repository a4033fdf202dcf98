/**
 * Whether a value is one HubSpot stores for a property: the form every reader (convert.ts) writes.
 * The grid keeps text it cannot read as typed (so the cell can say what is wrong), and checks its
 * pending values with this; since the converter reads every stored form in every format, the
 * grid rejects exactly the text the converter rejects (components/records/property-accepts.test.ts proves it).
 */
import { readDateTime } from "./dates";
import { MAX_TEXT_LENGTH, textRuleProblem } from "./rules";
import { readNumber } from "./numbers";
import type { PropertyDef } from "./types";

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
let currencies: Set<string> | undefined;

function isCalendarDate(v: string): boolean {
  const m = DATE.exec(v);
  if (!m) return false;
  const d = new Date(0);
  d.setUTCFullYear(+m[1]!, +m[2]! - 1, +m[3]!);
  return d.getUTCFullYear() === +m[1]! && d.getUTCMonth() === +m[2]! - 1 && d.getUTCDate() === +m[3]!;
}

const isOption = (p: PropertyDef, v: string) => !p.options?.length || p.options.some((o) => o.value === v);

/** `value` (non-empty) as stored: a number in plain notation, YYYY-MM-DD, an ISO instant, an option's value… */
export function isStoredValue(p: PropertyDef, value: string): boolean {
  switch (p.type) {
    case "text":
    case "longText":
      return value.length <= MAX_TEXT_LENGTH && textRuleProblem(p, value) === null;
    case "number":
      return readNumber(value, ".") !== null;
    case "currency":
      return p.options?.length
        ? isOption(p, value)
        : (currencies ??= new Set(Intl.supportedValuesOf("currency"))).has(value);
    case "date":
      return isCalendarDate(value);
    case "datetime":
      return ISO_DATE_TIME.test(value) && readDateTime(value, "ISO", ".", "UTC").ok;
    case "enum":
      return isOption(p, value);
    case "multi":
      return value.split(";").every((v) => v === "" || isOption(p, v));
    case "bool":
      return value === "true" || value === "false" || isOption(p, value);
  }
}
