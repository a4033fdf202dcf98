/**
 * What a dry run finds, as the upload stores it (a JSON column: lib/db/schema.ts types it from here,
 * so this file imports types only, never the services that use the database).
 */
import type { CreateSample, DiffLine, ExistingRow } from "./plan";

export interface DryRunSummary {
  creates: number;
  updates: number;
  unchanged: number;
  invalid: number;
  /** The first 100 rows whose record does not exist, and how many there are. */
  notFound: { row: number; key: string }[];
  notFoundCount: number;
  /** The first 100 create rows whose name or unique value HubSpot already has (left out), and how many. */
  exists?: ExistingRow[];
  existsCount?: number;
  /** The first rows to be created, as they will be sent. */
  createSample?: CreateSample[];
  sample: DiffLine[];
  /** The draft submission holding the operations; "Run" starts it. */
  submissionId: string;
}

/** What the upload stores of its dry run while it runs as a job, and after. */
export type DryRunState =
  | { state: "running"; read: number; total: number }
  | ({ state: "done" } & DryRunSummary)
  | { state: "failed"; code: string; message: string };
