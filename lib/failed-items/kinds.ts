import type { RowError } from "../batch/types";

/**
 * Kinds of error, as failed items are grouped: one group per resource and KIND (HubSpot's category,
 * its code and the property concerned), not per message, since messages quote values ("Another
 * campaign is already called “Spring”") and would make one group per value. Each kind says in plain
 * words what happened, and whether sending the rows again as they are can help: a value HubSpot
 * refused or a name already taken fails again, so "Retry" is offered only where the cause may pass.
 *
 * A failed row's CONFLICT is HubSpot's "already exists" (a name or unique value taken), not the
 * submission's conflict status (changed in HubSpot since you loaded it), so it is never labelled
 * "conflict" here.
 */
export interface ErrorKind {
  /** The group key: category|code|property. */
  key: string;
  label: string;
  /** What it means and what to do, in a sentence or two. */
  meaning: string;
  /** Whether sending the rows again unchanged may succeed. */
  retryable: boolean;
}

type KindSource = Pick<RowError, "category" | "code" | "property">;

export const kindKey = (e: KindSource) => [e.category || "UNKNOWN", e.code ?? "", e.property ?? ""].join("|");

/** How the group's resource names things: its name property (a campaign's hs_name) and its properties' labels. */
export interface KindWording {
  nameKey?: string;
  label?: (property: string) => string;
}

export function describeKind(key: string, wording: KindWording = {}): ErrorKind {
  const [category = "UNKNOWN", code = "", property = ""] = key.split("|");
  const propertyName = (p: string) => {
    const label = wording.label?.(p);
    return label && label !== p ? label.toLowerCase() : p;
  };
  const what = property ? ` (${propertyName(property)})` : "";
  const kind = (label: string, meaning: string, retryable: boolean): ErrorKind => ({ key, label, meaning, retryable });
  if (category === "CONFLICT" || /^DUPLICATE_(CAMPAIGN_NAME|UNIQUE_VALUE)$/.test(code)) {
    const taken =
      (property !== "" && property === wording.nameKey) || code === "DUPLICATE_CAMPAIGN_NAME"
        ? "name already taken"
        : `${property ? propertyName(property) : "unique value"} already taken`;
    return kind(
      `Already exists: ${taken}`,
      "HubSpot already has a record with this name or unique value, so nothing was created or changed. Rename the row, or dismiss it if the existing record is the one you meant.",
      false,
    );
  }
  if (code === "DUPLICATE_ROW")
    return kind(
      "Same record twice in one submission",
      "Only the first row for this record was sent. Dismiss these, or edit the record again.",
      false,
    );
  if (code === "ARCHIVE_NOT_SUPPORTED")
    return kind("Can't be archived from Batchboard", "Dismiss these; archive them in HubSpot if needed.", false);
  switch (category) {
    case "VALIDATION_ERROR":
      return kind(
        `Value refused by HubSpot${what}`,
        "HubSpot does not accept the value sent. Fix it in the grid (or the file) and submit again: sending it unchanged fails again.",
        false,
      );
    case "OBJECT_NOT_FOUND":
      return kind(
        "Record no longer exists",
        "It was deleted or archived in HubSpot. Dismiss these, or create the record again.",
        false,
      );
    case "RATE_LIMIT":
      return kind(
        "HubSpot was busy (rate limit)",
        "Nothing was changed. Retry: it passes once HubSpot has capacity again.",
        true,
      );
    case "NETWORK_ERROR":
      return kind("Could not reach HubSpot", "Nothing was changed. Retry once the connection works.", true);
    case "UNKNOWN_OUTCOME":
      return kind(
        "Not confirmed by HubSpot",
        "It may or may not have been saved. Retrying looks each record up first, so nothing is created twice.",
        true,
      );
    case "CANCELLED":
      return kind(
        "Not sent: cancelled",
        "The submission was cancelled before these were sent. Retry to send them.",
        true,
      );
    case "MISSING_SCOPES":
      return kind("Missing HubSpot permission", "Sign in again and grant the requested access, then retry.", true);
    case "EXPIRED_AUTHENTICATION":
    case "HTTP_401":
      return kind("HubSpot sign-in expired", "Sign in again, then retry.", true);
    case "INTERNAL_ERROR":
      return kind("HubSpot had a problem", "HubSpot failed several times in a row. Retry later.", true);
    default:
      return /^HTTP_5\d\d$/.test(category)
        ? kind("HubSpot had a problem", "HubSpot failed several times in a row. Retry later.", true)
        : kind(
            `HubSpot error ${category}${what}`,
            "HubSpot refused these rows for a reason Batchboard does not know: see each row's error. Retry if the cause has passed.",
            true,
          );
  }
}
