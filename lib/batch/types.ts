/**
 * The batch engine's contract, shared by grid submissions, uploads, retries and reverts.
 * A submission is a list of row operations; the engine returns one outcome per row, always.
 */

/** Property values as HubSpot takes them: strings; "" resets a property. */
export type PropertyValues = Record<string, string>;

/** What the user saw when they started editing a row: used to detect edits made in HubSpot since. */
export interface RowBaseline {
  updatedAt: string;
  values: Record<string, string | null>;
  /**
   * An instant on HubSpot's clock such that every change to the record NOT reflected in `values` is
   * stamped after it, so a record whose `updatedAt` is not after `asOf` is exactly what was loaded.
   * Usually the load time: HubSpot's time (lower bound from its `Date` headers) taken before the read,
   * less a lag margin when the read was a search, or the record's own `updatedAt` when that is later
   * (`as-of.ts`, lib/hubspot/load-time.ts: CRM windows, uploads, reverts, bulk edits). Campaigns'
   * grid uses the newest `updatedAt` it had seen among the loaded records; a saved row its own new
   * `updatedAt`. Lets the engine check many rows with one scan of the records changed since the
   * oldest asOf instead of batch reads (see `conflicts.ts`). Absent: the row is checked with a batch
   * read just before its write.
   */
  asOf?: string;
}

/**
 * `label` names the row for people (history, failed items): the record's name when the grid knew it.
 * `archive` removes a record (a revert archives the records a submission created): its `properties`
 * are empty, and with a `baseline` (not forced) a record changed since `baseline.updatedAt` is a
 * conflict and stays.
 */
export type RowOperation =
  | {
      rowKey: string;
      kind: "update";
      id: string;
      properties: PropertyValues;
      baseline?: RowBaseline;
      force?: boolean;
      label?: string;
    }
  | { rowKey: string; kind: "create"; properties: PropertyValues; label?: string }
  | {
      rowKey: string;
      kind: "archive";
      id: string;
      properties: PropertyValues;
      baseline?: RowBaseline;
      force?: boolean;
      label?: string;
    };

export interface RowError {
  /** HubSpot's category (VALIDATION_ERROR, OBJECT_NOT_FOUND, RATE_LIMIT, …) or the engine's own (NETWORK_ERROR). */
  category: string;
  /** A sentence a marketer understands. */
  message: string;
  /** Machine code when HubSpot gives one (INVALID_DATE_PROPERTY, DUPLICATE_CAMPAIGN_NAME, …). */
  code?: string;
  /** The property the error is about, when known. */
  property?: string;
  /** HubSpot's error object, untouched, for the "raw error" view. */
  raw?: unknown;
}

export interface SavedRecord {
  id: string;
  updatedAt: string;
  properties: Record<string, string | null>;
}

export type RowOutcome =
  | { rowKey: string; status: "saved"; record: SavedRecord }
  | { rowKey: string; status: "failed"; error: RowError }
  /** Changed in HubSpot since it was loaded: nothing was written; `current` is HubSpot's version now. */
  | { rowKey: string; status: "conflict"; current: SavedRecord };

export type RowStatus = "pending" | "saving" | RowOutcome["status"];
