import type { RowError } from "../batch/types";
import { batchRequestError } from "./batch-request-error";
import { endBeforeStartMessage, eventFieldLabel, eventFieldProblem } from "./marketing-event-fields";
import type { BatchItemError } from "./schemas/errors";

/**
 * HubSpot's marketing-event errors as sentences a marketer understands. HubSpot words them for
 * developers ("endDateTime … is before startDateTime …", "Invalid eventUrl …") and gives no code,
 * so the message is recognised; anything else is passed on, prefixed, with the raw error kept.
 */
const NOUN = "marketing event";

const eventNotFound = (raw: unknown): RowError => ({
  category: "OBJECT_NOT_FOUND",
  code: "OBJECT_NOT_FOUND",
  message: "This marketing event no longer exists in HubSpot (it was deleted since you loaded it).",
  raw,
});

function friendly(
  hubspotMessage: string,
  props: Record<string, string>,
): Pick<RowError, "message" | "code" | "property"> {
  const window = /endDateTime (\S+) is before startDateTime (\S+)/.exec(hubspotMessage);
  if (window)
    return {
      message: endBeforeStartMessage(window[2], window[1]),
      code: "END_BEFORE_START",
      property: props.endDateTime !== undefined ? "endDateTime" : "startDateTime",
    };
  const url = /Invalid eventUrl "(.*)"/.exec(hubspotMessage);
  if (url) return { ...eventFieldProblem("eventUrl", url[1] ?? "")!, property: "eventUrl" };
  return { message: `HubSpot rejected this ${NOUN}: ${hubspotMessage}` };
}

/** A per-input error of a 207 response, for the row it names (`context.ids`). */
export function eventItemError(err: BatchItemError, props: Record<string, string>): RowError {
  if (err.category === "OBJECT_NOT_FOUND") return eventNotFound(err);
  return { category: err.category, ...friendly(err.message, props), raw: err };
}

/**
 * A whole-request error. HubSpot's JSON reader rejects a batch whose dates are not ISO date-times
 * (errors[].in like "inputs.0.startDateTime"): worded for the field, though precheck stops most.
 */
export function eventRequestError(status: number, body: unknown, fallback: string): RowError {
  return batchRequestError(NOUN, "marketing events", status, body, fallback, ({ errors }) => {
    const field = errors
      .map((e) => /(?:^|\.)(\w+)$/.exec(e.in ?? "")?.[1])
      .find((f) => f && f !== "inputs" && f !== "body");
    if (!field) return undefined;
    return `HubSpot could not read ${eventFieldLabel(field)}${field.endsWith("DateTime") ? ": use a date and time like 2026-03-31T09:00:00Z" : ""}.`;
  });
}
