import type { CrmObjectTypeOption } from "@/lib/crm/object-types";
import type { ResourceRef } from "@/lib/resources/ref";
import { describe, FIXED_REFS } from "@/lib/resources/registry";
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

export const MODE_LABELS: Record<UploadMode, string> = {
  create: "Create",
  update: "Update",
  upsert: "Create or update (upsert)",
};

const option = (ref: ResourceRef, label?: string, uniqueProperty?: string): TargetOption => {
  const d = describe(ref);
  const unique = uniqueProperty ?? d.uniqueKey;
  return { value: d.key, label: label ?? d.pickerLabel, ref, ...(unique ? { uniqueProperty: unique } : {}) };
};

/** Campaigns, both marketing-event API versions (the registry's fixed refs), then every CRM type the dashboard offers. */
export function targetOptions(crmTypes: readonly CrmObjectTypeOption[]): TargetOption[] {
  return [
    ...FIXED_REFS.map((ref) => option(ref)),
    // A CRM type's unique property is known from its columns (withColumns), not from the bare ref.
    ...crmTypes.map((t) => option({ type: "crm", objectType: t.objectType }, t.title, t.uniqueProperty)),
  ];
}

/** The option a stored ref stands for (a stored ref may carry idProperty; only the resource counts). */
export function optionOf(options: readonly TargetOption[], ref: ResourceRef | null): TargetOption | undefined {
  if (!ref) return undefined;
  return options.find((o) => describe(o.ref).sameResource(ref));
}

/** Resources that cannot be created here (marketing events: their event app does) are only updated. */
export const modesFor = (target: TargetOption | undefined): UploadMode[] =>
  target && !describe(target.ref).canCreate ? ["update"] : ["create", "update", "upsert"];

/** Said under the picker when the target cannot be created: why a file can only update it. */
export function onlyUpdatesNote(target: TargetOption | undefined): string | undefined {
  const why = target && describe(target.ref).whyNoCreate;
  return why && `${why}, so a file can only update them.`;
}

/**
 * Which mapped columns can identify a row's record. Campaigns and events are updated by id only;
 * CRM records by id or any mapped property (email, domain…): the descriptor's updatesByProperty.
 * Upserts need a natural key to create by: a campaign's name (its unique key), a CRM property; never the record id.
 */
export function keyCandidates(
  target: TargetOption,
  mode: UploadMode,
  columns: readonly TargetColumn[],
  mapped: ReadonlySet<string>,
  recordIdKey: string,
): TargetColumn[] {
  const used = columns.filter((c) => mapped.has(c.key));
  if (mode === "create") return [];
  if (!describe(target.ref).updatesByProperty)
    return used.filter((c) => (mode === "update" ? c.key === recordIdKey : c.key === target.uniqueProperty));
  return mode === "update" ? used : used.filter((c) => c.key !== recordIdKey);
}

/** The record id when mapped, else the type's unique property (email, domain, a campaign's name). */
export function defaultKey(
  target: TargetOption,
  candidates: readonly TargetColumn[],
  recordIdKey: string,
): string | undefined {
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
