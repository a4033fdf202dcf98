import type { RowError } from "../batch/types";
import type { ErrorDetail } from "./schemas/errors";

/**
 * A whole-request HubSpot error (a 400 for one row left alone after splitting, 401/403 for every
 * row) as every adapter shows it: HubSpot's category, code and body kept; the sentence explains
 * what to do. `friendly` lets a resource word a 400 about one of its own fields.
 */
export function batchRequestError(
  noun: string,
  plural: string,
  status: number,
  body: unknown,
  fallback: string,
  friendly?: (b: { message: string; errors: ErrorDetail[] }) => string | undefined,
): RowError {
  const b = (body ?? {}) as { category?: string; message?: string; errors?: ErrorDetail[] };
  const category = b.category ?? `HTTP_${status}`;
  const hubspotMessage = b.message ?? fallback;
  let message = `HubSpot rejected this ${noun}: ${hubspotMessage}`;
  if (category === "MISSING_SCOPES")
    message = `Batchboard is not allowed to change ${plural} in this portal. Reconnect HubSpot and grant the ${noun} scopes.`;
  else if (status === 401) message = "The HubSpot connection has expired. Sign in again, then resubmit.";
  else message = friendly?.({ message: hubspotMessage, errors: b.errors ?? [] }) ?? message;
  return { category, message, code: b.errors?.[0]?.code, property: b.errors?.[0]?.in, raw: body };
}
