import type { RowError } from "../batch/types";
import { batchRequestError } from "./batch-request-error";
import { CAMPAIGN_PROPERTY_BY_NAME, CAMPAIGN_STATUS_OPTIONS } from "./schemas/campaign-properties";
import type { BatchItemError, ErrorDetail } from "./schemas/errors";

/**
 * HubSpot's campaign errors as sentences a marketer understands. HubSpot's own messages name
 * internal property names ("hs_start_date") and formats; the grid shows these instead, and keeps
 * HubSpot's category, code, property and the untouched error object for the "raw error" view.
 */
const label = (property?: string) =>
  (property && CAMPAIGN_PROPERTY_BY_NAME.get(property)?.label) || property || "A value";

/** One reason → one sentence. `props`: the row's values as sent, to quote the bad value. */
function friendlyCampaignMessage(
  code: string | undefined,
  property: string | undefined,
  props: Record<string, string>,
  hubspotMessage: string,
): string {
  const value = property ? props[property] : undefined;
  const l = label(property);
  switch (code) {
    case "INVALID_DATE_PROPERTY":
      return value && /^\d{4}-\d{2}-\d{2}T/.test(value)
        ? `${l} must be a date like 2026-03-31, not a date and time`
        : `${l} must be a date like 2026-03-31${value ? `, not “${value}”` : ""}`;
    case "END_DATE_BEFORE_START_DATE":
      return "End date can't be before the start date";
    case "DUPLICATE_CAMPAIGN_NAME":
      return `Another campaign is already called “${(props.hs_name ?? "").trim()}”`;
    case "INVALID_OPTION":
      return `“${value}” is not a valid ${l.toLowerCase()}. Choose one of: ${CAMPAIGN_STATUS_OPTIONS.map((o) => o.label).join(", ")}`;
    case "INVALID_CURRENCY_CODE":
      return `“${value}” is not a currency code such as USD or EUR`;
    case "MAX_LENGTH_EXCEEDED": {
      const max = property ? CAMPAIGN_PROPERTY_BY_NAME.get(property)?.maxLength : undefined;
      return `${l} is too long${max ? ` (at most ${max.toLocaleString("en-US")} characters)` : ""}`;
    }
    case "REQUIRED_PROPERTY":
      return property === "hs_name" ? "A campaign needs a name" : `${l} can't be empty`;
    case "READ_ONLY_VALUE":
      return `${l} is set by HubSpot and can't be changed`;
    case "PROPERTY_DOESNT_EXIST":
      return `HubSpot has no campaign property “${property}”`;
    case "INVALID_PROPERTY_VALUE":
      return property === "hs_business_unit_ids"
        ? `${l} must be business unit ids separated by semicolons, like 0;12`
        : `${l}: ${hubspotMessage}`;
    default:
      return `HubSpot rejected this campaign: ${hubspotMessage}`;
  }
}

const codeOf = (e: { subCategory?: unknown; errors?: ErrorDetail[] }) =>
  (typeof e.subCategory === "string" ? e.subCategory : undefined) ?? e.errors?.[0]?.code;

/** A per-input error of a 207 response, for the row it names. */
export function campaignItemError(err: BatchItemError, props: Record<string, string>): RowError {
  const details = err.errors.length
    ? err.errors
    : [{ message: err.message, code: codeOf(err), in: err.context.propertyName?.[0] }];
  const sentences = details.map((d) =>
    friendlyCampaignMessage(d.code ?? codeOf(err), d.in ?? d.context?.propertyName?.[0], props, d.message),
  );
  return {
    category: err.category,
    message: [...new Set(sentences)].map((s) => (s.endsWith(".") ? s : `${s}.`)).join(" "),
    code: codeOf(err),
    property: details[0]?.in ?? err.context.propertyName?.[0],
    raw: err,
  };
}

/** A whole-request error (400 for a single row after splitting, 401/403 for every row). */
export function campaignRequestError(status: number, body: unknown, fallback: string): RowError {
  return batchRequestError("campaign", "campaigns", status, body, fallback);
}
