import type { PropertyDef, PropertyType } from "@/lib/properties/types";

/**
 * Shared shapes of the upload pipeline (issue 5): a file is parsed into string cells (parse/),
 * its columns are mapped to a resource's properties and its values converted (mapping/), and the
 * result becomes a durable job (jobs). Strings everywhere, as HubSpot stores every property and as
 * the grid does: a CSV cell as written; an XLSX cell as its value (a date cell as ISO 8601, a
 * formula as its cached result, a number in plain JS notation, a boolean as TRUE/FALSE).
 */

/** The column a file maps to the record id (update mode): a pseudo-property, never sent as one. */
export const RECORD_ID_KEY = "__id";

/** Hard limits of one upload. */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
export const MAX_UPLOAD_ROWS = 100_000;

export type { UploadKind } from "../db/values";

/** Why a file cannot be read; `message` is for the user and says what to do. Nothing is imported then. */
export type UploadErrorCode =
  "wrong_type" | "encoding" | "empty" | "too_large" | "too_many_rows" | "no_header" | "corrupt" | "busy";

// The parse pool is one per process (kept on globalThis) while Next bundles this module once per
// layer (route, page, action): `instanceof` goes by a registered symbol, not by the class object.
const UPLOAD_PARSE_ERROR = Symbol.for("batchboard.UploadParseError");

export class UploadParseError extends Error {
  readonly [UPLOAD_PARSE_ERROR] = true;
  constructor(
    readonly code: UploadErrorCode,
    message: string,
  ) {
    super(message);
  }
  static [Symbol.hasInstance](value: unknown): boolean {
    return (
      typeof value === "object" &&
      value !== null &&
      (value as { [UPLOAD_PARSE_ERROR]?: boolean })[UPLOAD_PARSE_ERROR] === true
    );
  }
}

/**
 * A property a file column can be mapped to, as the mapping and conversion step sees it: the shared
 * property shape (lib/properties/types.ts) plus the headers that also mean it.
 */
export type TargetColumnType = PropertyType;

export interface TargetColumn extends PropertyDef {
  /** Other headers that mean this property ("Campaign name", "Start"): matched like its label, after it. */
  synonyms?: readonly string[];
}
