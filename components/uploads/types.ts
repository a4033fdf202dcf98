import type { dryRunUploadRows, suggestUploadMapping } from "@/lib/uploads/actions";
import type { ConversionOptions } from "@/lib/uploads/mapping/schemas";
import type { UploadMode, ValidationSummary } from "@/lib/uploads/mapping/validate-rows";
import type { DryRunSummary } from "@/lib/uploads/service";
import type { ResourceRef } from "@/lib/resources/ref";

/** The check's answer as the action gives it (without every invalid row number). */
export type CheckSummary = Omit<ValidationSummary, "invalidRows">;

/** A dry run as stored with the upload, which also knows how many rows were not found in all. */
export type DryRun = DryRunSummary & { notFoundCount?: number };

type Data<A> = A extends (...args: never[]) => Promise<infer R> ? (R extends { ok: true; data: infer D } ? D : never) : never;
/** The target's columns, the automatic matches and mapping, and the saved templates as applied. */
export type MappingSuggestion = Data<typeof suggestUploadMapping>;

/** Settings as the check and dry-run actions take them (options before their defaults are applied). */
export type SettingsInput = Parameters<typeof dryRunUploadRows>[0]["settings"];

/** An upload as the page hands it to the wizard: plain data, with what earlier visits decided. */
export interface UploadData {
  id: string;
  fileName: string;
  kind: string;
  sheets: string[];
  sheet: string | null;
  headers: string[];
  rowCount: number;
  target: ResourceRef | null;
  mode: UploadMode | null;
  mapping: Record<string, string> | null;
  options: ConversionOptions | null;
  keyColumn?: string;
  validation: CheckSummary | null;
  dryRun: DryRun | null;
  /** A dry run is running as a job (the page resumes following it after a reload). */
  dryRunPending: boolean;
  /** The submission the dry run prepared, and whether it has been started. */
  submission: { id: string; state: string } | null;
}

export const fmt = (n: number) => n.toLocaleString("en-US");
export const plural = (n: number, one: string, many = `${one}s`) => `${fmt(n)} ${n === 1 ? one : many}`;
