import type { dryRunUploadRows, suggestUploadMapping } from "@/lib/uploads/actions";

// The upload as the page hands it to the wizard is built on the server (lib/uploads/upload-data.ts).
export type { CheckSummary, DryRun, UploadData } from "@/lib/uploads/upload-data";

type Data<A> = A extends (...args: never[]) => Promise<infer R>
  ? R extends { ok: true; data: infer D }
    ? D
    : never
  : never;
/** The target's columns, the automatic matches and mapping, and the saved templates as applied. */
export type MappingSuggestion = Data<typeof suggestUploadMapping>;

/** Settings as the check and dry-run actions take them (options before their defaults are applied). */
export type SettingsInput = Parameters<typeof dryRunUploadRows>[0]["settings"];

export const fmt = (n: number) => n.toLocaleString("en-US");
export const plural = (n: number, one: string, many = `${one}s`) => `${fmt(n)} ${n === 1 ? one : many}`;
