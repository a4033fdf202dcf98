import type { CrmObjectTypeOption } from "@/lib/crm/object-types";
import type { ResourceRef } from "@/lib/resources/ref";
import type { UploadMode } from "@/lib/uploads/mapping/validate-rows";
import type { TargetColumn } from "@/lib/uploads/types";

/** One entry of the "Import into" select: its value in the form, its label, the ref it stands for. */
export interface TargetOption {
  value: string;
  label: string;
  ref: ResourceRef;
  /** The property a created record can be found by (contacts: email), for keys and lost creates. */
  uniqueProperty?: string;
}

export const MODE_LABELS: Record<UploadMode, string> = { create: "Create", update: "Update", upsert: "Create or update (upsert)" };

/** Campaigns, both marketing-event API versions, then every CRM type the dashboard offers. */
export function targetOptions(crmTypes: readonly CrmObjectTypeOption[]): TargetOption[] {
  return [
    { value: "campaigns", label: "Campaigns", ref: { type: "campaigns" }, uniqueProperty: "hs_name" },
    { value: "marketing-events:2026-03", label: "Marketing events (2026-03)", ref: { type: "marketing-events", apiVersion: "2026-03" } },
    { value: "marketing-events:v3", label: "Marketing events (v3)", ref: { type: "marketing-events", apiVersion: "v3" } },
    ...crmTypes.map((t): TargetOption => ({ value: `crm:${t.objectType}`, label: t.title, ref: { type: "crm", objectType: t.objectType }, uniqueProperty: t.uniqueProperty })),
  ];
}

/** The option a stored ref stands for (a stored ref may carry idProperty; only the resource counts). */
export function optionOf(options: readonly TargetOption[], ref: ResourceRef | null): TargetOption | undefined {
  if (!ref) return undefined;
  return options.find((o) => o.ref.type === ref.type && (ref.type !== "marketing-events" || (o.ref.type === "marketing-events" && o.ref.apiVersion === ref.apiVersion))
    && (ref.type !== "crm" || (o.ref.type === "crm" && o.ref.objectType.toLowerCase() === ref.objectType.toLowerCase())));
}

/** Marketing events are created by their event app, so an upload can only update them. */
export const modesFor = (target: TargetOption | undefined): UploadMode[] =>
  target?.ref.type === "marketing-events" ? ["update"] : ["create", "update", "upsert"];

/**
 * Which mapped columns can identify a row's record. Campaigns and events are updated by id only;
 * CRM records by id or any mapped property (email, domain…). Upserts need a natural key to create
 * by: a campaign's name, a CRM property; never the record id.
 */
export function keyCandidates(target: TargetOption, mode: UploadMode, columns: readonly TargetColumn[], mapped: ReadonlySet<string>, recordIdKey: string): TargetColumn[] {
  const used = columns.filter((c) => mapped.has(c.key));
  if (mode === "create") return [];
  if (target.ref.type !== "crm") return used.filter((c) => (mode === "update" ? c.key === recordIdKey : c.key === "hs_name"));
  return mode === "update" ? used : used.filter((c) => c.key !== recordIdKey);
}

/** The record id when mapped, else the type's unique property (email, domain, a campaign's name). */
export function defaultKey(target: TargetOption, candidates: readonly TargetColumn[], recordIdKey: string): string | undefined {
  const has = (k: string | undefined) => k !== undefined && candidates.some((c) => c.key === k);
  if (has(recordIdKey)) return recordIdKey;
  if (has(target.uniqueProperty)) return target.uniqueProperty;
  return candidates.length === 1 ? candidates[0]!.key : undefined;
}

/**
 * The key a create sends: the unique property when mapped, so duplicates in the file are caught
 * and a create whose answer is lost is looked up rather than sent twice.
 */
export const createKey = (target: TargetOption, mapped: ReadonlySet<string>) =>
  target.uniqueProperty && mapped.has(target.uniqueProperty) ? target.uniqueProperty : undefined;
