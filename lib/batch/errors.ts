import type { RowError } from "./types";

/**
 * The engine's own row errors: problems of the transport or of the submission itself, which no
 * adapter knows about. Messages are written for a marketer; `raw` keeps the technical detail.
 */
export const rowErrors = {
  rateLimited: (raw?: unknown): RowError => ({
    category: "RATE_LIMIT",
    message:
      "HubSpot is busy (rate limit) and kept refusing this row after several tries. Nothing was changed: submit it again in a minute.",
    raw,
  }),
  /** HubSpot asked to wait for long (daily limit) and no job could pause for it. */
  limitReached: (until: Date, raw?: unknown): RowError => ({
    category: "RATE_LIMIT",
    message: `HubSpot's API limit for this portal is used up until about ${until.toISOString().slice(0, 16).replace("T", " ")} UTC. Nothing was changed: submit it again after that.`,
    code: "DAILY_LIMIT",
    raw,
  }),
  serverError: (status: number, raw?: unknown): RowError => ({
    category: "INTERNAL_ERROR",
    message: `HubSpot had a problem (HTTP ${status}) and kept failing after several tries. Nothing was changed: submit it again later.`,
    code: `HTTP_${status}`,
    raw,
  }),
  network: (err: unknown): RowError => ({
    category: "NETWORK_ERROR",
    message: "Could not reach HubSpot after several tries. Nothing was changed: check the connection and submit again.",
    raw: describe(err),
  }),
  /** A create whose answer was lost and whose existence could not be checked: never resent blindly. */
  unknownOutcome: (noun: string, raw?: unknown): RowError => ({
    category: "UNKNOWN_OUTCOME",
    message: `HubSpot did not confirm whether this ${noun} was created, and checking failed. Reload before submitting it again, so it is not created twice.`,
    code: "UNKNOWN_OUTCOME",
    raw,
  }),
  notReported: (noun: string, raw?: unknown): RowError => ({
    category: "UNKNOWN_OUTCOME",
    message: `HubSpot's answer did not mention this ${noun}. Reload to see whether it was saved.`,
    code: "NOT_IN_RESPONSE",
    raw,
  }),
  notFound: (noun: string, id: string): RowError => ({
    category: "OBJECT_NOT_FOUND",
    message: `This ${noun} no longer exists in HubSpot (it was deleted or archived since you loaded it).`,
    code: "OBJECT_NOT_FOUND",
    raw: { id },
  }),
  duplicateRow: (noun: string, what: string): RowError => ({
    category: "VALIDATION_ERROR",
    message: `This ${noun} appears more than once in the submission (${what}); only the first row was sent.`,
    code: "DUPLICATE_ROW",
  }),
  cannotArchive: (noun: string): RowError => ({
    category: "VALIDATION_ERROR",
    message: `A ${noun} can't be archived from Batchboard.`,
    code: "ARCHIVE_NOT_SUPPORTED",
  }),
  cancelled: (): RowError => ({
    category: "CANCELLED",
    message: "Not sent: the submission was cancelled.",
    code: "CANCELLED",
  }),
  unexpected: (err: unknown): RowError => ({
    category: "INTERNAL_ERROR",
    message: "Something went wrong while sending this row. It may not have been saved: reload to check.",
    raw: describe(err),
  }),
};

function describe(err: unknown) {
  return err instanceof Error
    ? { name: err.name, message: err.message, cause: String((err as { cause?: unknown }).cause ?? "") || undefined }
    : err;
}
