/**
 * A bulk edit, described once: what to do to one property of every record of a view. One schema for
 * the form, the server action, the stored row and the dry-run job; pure transforms (no HubSpot, no
 * server) so the browser and tests use them as they are.
 */
import { z } from "zod";
import { MAX_TEXT_LENGTH, textRuleProblem } from "../properties/rules";
import { isStoredValue } from "../properties/stored-value";
import type { PropertyDef, PropertyType } from "../properties/types";

const Property = z.string().min(1).max(100);
const MAX_FIND_CHARS = 1_000;

export const CASES = ["upper", "lower", "title"] as const;
export type TextCase = (typeof CASES)[number];

export const BulkEditSchema = z.discriminatedUnion("kind", [
  /** Set the property to one stored value (an option's value, YYYY-MM-DD, a plain number…). */
  z.object({ kind: z.literal("set"), property: Property, value: z.string().min(1).max(MAX_TEXT_LENGTH) }),
  /** Empty the property ("" resets a property in HubSpot). */
  z.object({ kind: z.literal("clear"), property: Property }),
  /** Plain text (no patterns), every occurrence. */
  z.object({
    kind: z.literal("replace"),
    property: Property,
    find: z.string().min(1, "Say what to find").max(MAX_FIND_CHARS),
    replace: z.string().max(MAX_FIND_CHARS),
    matchCase: z.boolean(),
  }),
  /** Spaces at both ends removed, runs of spaces inside made one. */
  z.object({ kind: z.literal("trim"), property: Property }),
  z.object({ kind: z.literal("case"), property: Property, to: z.enum(CASES) }),
]);
export type BulkEdit = z.infer<typeof BulkEditSchema>;
export type BulkEditKind = BulkEdit["kind"];

/** The kinds that rewrite text: only text properties take them. */
const TEXT_ONLY: readonly BulkEditKind[] = ["replace", "trim", "case"];
const TEXT_TYPES: readonly PropertyType[] = ["text", "longText"];

/** Why this edit cannot be applied to this property at all (read-only, wrong type, a refused value), or null. */
export function editProblem(edit: BulkEdit, def: PropertyDef | undefined): string | null {
  if (!def) return `There is no property “${edit.property}”.`;
  if (def.readOnly) return `${def.label} is read-only: HubSpot sets it.`;
  if (TEXT_ONLY.includes(edit.kind) && !TEXT_TYPES.includes(def.type))
    return `${def.label} is not a text property: find and replace, trim and change case work on text only.`;
  if (edit.kind === "set" && !isStoredValue(def, edit.value)) return valueProblem(def, edit.value);
  return null;
}

function valueProblem(def: PropertyDef, value: string): string {
  const rule = TEXT_TYPES.includes(def.type) ? textRuleProblem(def, value) : null;
  if (rule) return rule;
  if (def.options?.length) return `“${value}” is not one of the options of ${def.label}.`;
  const form: Partial<Record<PropertyType, string>> = {
    number: "a number such as 1234.5",
    currency: "a currency code such as EUR",
    date: "a date as YYYY-MM-DD",
    datetime: "a date and time such as 2026-03-01T09:30:00Z",
  };
  return form[def.type]
    ? `${def.label} takes ${form[def.type]}, not “${value}”.`
    : `“${value.slice(0, 80)}” is not a value ${def.label} takes.`;
}

/** What the edit does to one record's value. */
export type EditOutcome =
  | { status: "change"; value: string }
  /** The record already holds the value: not sent. */
  | { status: "same" }
  /** The new value breaks the property's rules (too long…): not sent, counted as "cannot change". */
  | { status: "refused"; reason: string };

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const titleCase = (s: string) => s.toLowerCase().replace(/(^|[\s\-/])(\p{L})/gu, (_, sep, c) => sep + c.toUpperCase());

/** The new text, before any check (missing values are ""). */
export function transformValue(edit: BulkEdit, old: string): string {
  switch (edit.kind) {
    case "set":
      return edit.value;
    case "clear":
      return "";
    case "replace":
      // A function replacement: "$&" and "$1" in the user's text stay literal.
      return old.replace(new RegExp(escapeRegExp(edit.find), edit.matchCase ? "g" : "gi"), () => edit.replace);
    case "trim":
      return old.trim().replace(/[ \t\u00a0]{2,}/g, " ");
    case "case":
      return edit.to === "upper" ? old.toUpperCase() : edit.to === "lower" ? old.toLowerCase() : titleCase(old);
  }
}

/** Applies the edit to one record's current value, checked by the property's rules. */
export function applyEdit(edit: BulkEdit, def: PropertyDef, old: string | null | undefined): EditOutcome {
  const before = old ?? "";
  const after = transformValue(edit, before);
  if (after === before) return { status: "same" };
  if (after !== "" && !isStoredValue(def, after)) return { status: "refused", reason: valueProblem(def, after) };
  return { status: "change", value: after };
}

/** The edit in words, for the dry-run page and history ("Set Lifecycle stage to Lead"). */
export function describeEdit(edit: BulkEdit, label: string, show: (v: string) => string = (v) => v): string {
  switch (edit.kind) {
    case "set":
      return `Set ${label} to “${show(edit.value)}”`;
    case "clear":
      return `Clear ${label}`;
    case "replace":
      return `Replace “${edit.find}” with “${edit.replace}” in ${label}${edit.matchCase ? " (match case)" : ""}`;
    case "trim":
      return `Trim spaces in ${label}`;
    case "case":
      return `Change ${label} to ${edit.to === "upper" ? "UPPER CASE" : edit.to === "lower" ? "lower case" : "Title Case"}`;
  }
}
