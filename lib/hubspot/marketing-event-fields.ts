import type { RowError } from "../batch/types";
import {
  eventWindowError,
  IsoDateTimeSchema,
  MarketingEventUrlSchema,
  type MarketingEventBatchUpdateItem,
  type MarketingEventDefault,
} from "./schemas/marketing-events";

/**
 * How a marketing event becomes a grid row, and a row's edits a batch-update input.
 *
 * A row holds flat string properties, like every other resource. Events are not flat: a few
 * standard fields sit at the top level and the portal's own properties in `customProperties`
 * ([{name, value}]). The mapping:
 *   - a key that is one of EVENT_FIELDS (eventName, eventType, …, startDateTime, endDateTime,
 *     eventCancelled) goes to that top-level field; eventCancelled takes "true"/"false";
 *   - a key that is a read-only field of the event (objectId, eventCompleted, counters, dates of
 *     the record) is refused: HubSpot sets them;
 *   - any other key is a custom property: `customProperties: [{ name: key, value }]`.
 * Reading goes the other way (`eventRowValues`): standard fields and custom properties side by
 * side in one record, so a custom property cannot be called like a standard field.
 *
 * No server-only import: the grid validates cells with the same rules (`eventFieldProblem`).
 */
type EventFieldKind = "text" | "url" | "datetime" | "bool";
export interface EventField {
  name: string;
  label: string;
  kind: EventFieldKind;
  /** Emptying the value is allowed (HubSpot keeps dates, the name and the flag set). */
  clearable: boolean;
}

export const EVENT_FIELDS: readonly EventField[] = [
  { name: "eventName", label: "Event name", kind: "text", clearable: false },
  { name: "eventType", label: "Event type", kind: "text", clearable: true },
  { name: "eventOrganizer", label: "Organizer", kind: "text", clearable: true },
  { name: "eventDescription", label: "Description", kind: "text", clearable: true },
  { name: "eventUrl", label: "Event URL", kind: "url", clearable: true },
  { name: "startDateTime", label: "Start date and time", kind: "datetime", clearable: false },
  { name: "endDateTime", label: "End date and time", kind: "datetime", clearable: false },
  { name: "eventCancelled", label: "Cancelled", kind: "bool", clearable: false },
];
const EVENT_FIELD_BY_NAME = new Map(EVENT_FIELDS.map((f) => [f.name, f]));

/** Fields HubSpot (or the event app) sets: shown in the grid, never written. */
const EVENT_READ_ONLY_FIELDS: ReadonlySet<string> = new Set([
  "objectId",
  "eventCompleted",
  "eventStatus",
  "eventStatusV2",
  "externalEventId",
  "externalAccountId",
  "appInfo",
  "registrants",
  "attendees",
  "cancellations",
  "noShows",
  "createdAt",
  "updatedAt",
  "customProperties",
]);

export const EVENT_READ_ONLY_LABELS: Record<string, string> = {
  objectId: "Event ID",
  eventCompleted: "Completed",
  eventStatus: "Status",
  eventStatusV2: "Status",
  externalEventId: "External event ID",
  externalAccountId: "External account",
  appInfo: "Event app",
  registrants: "Registrants",
  attendees: "Attendees",
  cancellations: "Cancellations",
  noShows: "No-shows",
  createdAt: "Created",
  updatedAt: "Last updated",
  customProperties: "Custom properties",
};
export const eventFieldLabel = (name: string) =>
  EVENT_FIELD_BY_NAME.get(name)?.label ?? EVENT_READ_ONLY_LABELS[name] ?? name;

const problem = (message: string, code: string, property: string): RowError => ({
  category: "VALIDATION_ERROR",
  message,
  code,
  property,
});

/** Why one cell cannot be sent as it is, or undefined. */
export function eventFieldProblem(name: string, value: string): RowError | undefined {
  if (EVENT_READ_ONLY_FIELDS.has(name))
    return problem(`${eventFieldLabel(name)} is set by HubSpot and can't be changed.`, "READ_ONLY_VALUE", name);
  const field = EVENT_FIELD_BY_NAME.get(name);
  if (!field) return undefined; // a custom property: HubSpot takes any string
  const l = field.label;
  if (value === "")
    return field.clearable
      ? undefined
      : problem(name === "eventName" ? "An event needs a name." : `${l} can't be empty.`, "REQUIRED_PROPERTY", name);
  switch (field.kind) {
    case "datetime":
      return IsoDateTimeSchema.safeParse(value).success
        ? undefined
        : problem(
            `${l} must be a date and time with a time zone, like 2026-03-31T09:00:00Z, not “${value}”.`,
            "INVALID_DATE_TIME",
            name,
          );
    case "url":
      return MarketingEventUrlSchema.safeParse(value).success
        ? undefined
        : problem(
            `${l} must be a full web address starting with https:// or http://, not “${value}”.`,
            "INVALID_URL",
            name,
          );
    case "bool":
      return /^(true|false)$/i.test(value)
        ? undefined
        : problem(`${l} must be true or false, not “${value}”.`, "INVALID_BOOLEAN", name);
    default:
      return undefined;
  }
}

export const endBeforeStartMessage = (start?: string, end?: string) =>
  `The event can't end before it starts${start && end ? ` (ends ${end}, starts ${start})` : ""}. Change the start or the end date.`;

/** Every problem of a row's edits, or undefined; end-before-start is checked when both dates are edited. */
export function eventRowProblem(props: Record<string, string>): RowError | undefined {
  for (const [name, value] of Object.entries(props)) {
    const p = eventFieldProblem(name, value);
    if (p) return p;
  }
  if (eventWindowError(props.startDateTime, props.endDateTime)) {
    return problem(endBeforeStartMessage(props.startDateTime, props.endDateTime), "END_BEFORE_START", "endDateTime");
  }
  return undefined;
}

/** A row's edits as one batch-update input (call `eventRowProblem` first). */
export function eventUpdateInput(objectId: string, props: Record<string, string>): MarketingEventBatchUpdateItem {
  const input: Record<string, unknown> = { objectId, customProperties: [] as { name: string; value: string }[] };
  for (const [name, value] of Object.entries(props)) {
    const field = EVENT_FIELD_BY_NAME.get(name);
    if (!field) (input.customProperties as { name: string; value: string }[]).push({ name, value });
    else input[name] = field.kind === "bool" ? value.toLowerCase() === "true" : value;
  }
  return input as MarketingEventBatchUpdateItem;
}

/** An event as a flat row: standard fields as strings (null when unset), then custom properties. */
export function eventRowValues(
  e: Pick<MarketingEventDefault, "customProperties"> & Record<string, unknown>,
): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const f of [...EVENT_FIELDS.map((x) => x.name), "eventCompleted"]) {
    const v = e[f];
    out[f] = v === undefined || v === null ? null : String(v);
  }
  for (const p of e.customProperties) out[p.name] = p.value;
  return out;
}
