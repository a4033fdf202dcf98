import type { GridColumn } from "@/components/grid/types";
import { timeZoneLabel } from "@/components/grid/values";
import { addIssue } from "@/components/records/edits/types";
import { describedGrid, type GridResource } from "@/components/records/resource";
import { validateCells } from "@/components/records/validate-cells";
import {
  endBeforeStartMessage,
  EVENT_FIELDS,
  eventFieldLabel,
  eventFieldProblem,
} from "@/lib/hubspot/marketing-event-fields";
import { eventFieldType, YES_NO } from "@/lib/properties/column-type";
import type { MarketingEventApiVersion } from "@/lib/resources/ref";

/** The fields HubSpot lets us write (marketing-event-fields.ts), as columns; date-times in the user's zone. */
function editableColumns(): GridColumn[] {
  const zone = timeZoneLabel();
  return EVENT_FIELDS.map((f) => ({
    key: f.name,
    label: f.kind === "datetime" ? `${f.label} (${zone})` : f.label,
    ...eventFieldType(f),
    width: f.name === "eventName" ? 300 : f.kind === "datetime" ? 170 : f.name === "eventDescription" ? 280 : 170,
  }));
}

/** Shown, never written: HubSpot or the event app sets them. */
const READ_ONLY: GridColumn[] = [
  {
    key: "eventCompleted",
    label: eventFieldLabel("eventCompleted"),
    type: "bool",
    options: YES_NO,
    readOnly: true,
    width: 120,
  },
  ...["registrants", "attendees", "cancellations", "noShows"].map((key): GridColumn => ({
    key,
    label: eventFieldLabel(key),
    type: "number",
    readOnly: true,
    width: 120,
  })),
  { key: "externalEventId", label: eventFieldLabel("externalEventId"), type: "text", readOnly: true, width: 160 },
];

const UPDATED_AT: GridColumn = {
  key: "updatedAt",
  label: "Last updated",
  type: "datetime",
  readOnly: true,
  width: 200,
};

const KNOWN = new Set([
  ...EVENT_FIELDS.map((f) => f.name),
  ...READ_ONLY.map((c) => c.key),
  "eventStatus",
  "updatedAt",
  "createdAt",
]);

/** Properties of loaded events that are not standard fields: the portal's custom event properties. */
export function customPropertyKeys(rows: readonly { properties: Record<string, unknown> }[]): string[] {
  const keys = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r.properties)) if (!KNOWN.has(k)) keys.add(k);
  return [...keys].sort();
}

/**
 * Marketing events for the record grid, on the chosen API version: updates only (events are
 * created by their event app), date-times shown and typed in the user's time zone and sent in UTC,
 * end after start checked against the stored dates when only one of them changes.
 */
export function eventResource(apiVersion: MarketingEventApiVersion, customKeys: readonly string[]): GridResource {
  const custom = customKeys.map((key): GridColumn => ({ key, label: key, type: "text", width: 170 }));
  const columns = [...editableColumns(), ...READ_ONLY, ...custom];
  return {
    ...describedGrid({ type: "marketing-events", apiVersion }),
    // One grid for both API versions: its version is picked on the page, not part of its title.
    title: "Marketing events",
    columns,
    defaultColumns: [
      "eventName",
      "eventType",
      "startDateTime",
      "endDateTime",
      "eventOrganizer",
      "eventUrl",
      "eventCancelled",
      "registrants",
      ...customKeys,
    ],
    trailingColumns: [UPDATED_AT],
    sortable: false,
    validate(state, _loaded, baseOf) {
      const issues = validateCells(columns, state);
      for (const u of Object.values(state.updates)) {
        if (u.edits.eventName === "") addIssue(issues, u.id, "eventName", "An event needs a name.");
        // The same URL rule as HubSpot's (and the adapter's precheck), worded the same way.
        if (u.edits.eventUrl) {
          const p = eventFieldProblem("eventUrl", u.edits.eventUrl);
          if (p) addIssue(issues, u.id, "eventUrl", p.message);
        }
        for (const k of ["startDateTime", "endDateTime"])
          if (u.edits[k] === "") addIssue(issues, u.id, k, `${eventFieldLabel(k)} can't be emptied; HubSpot keeps it.`);
        if (!("startDateTime" in u.edits) && !("endDateTime" in u.edits)) continue;
        const base = baseOf(u.id)?.properties;
        const start = u.edits.startDateTime ?? base?.startDateTime ?? undefined;
        const end = u.edits.endDateTime ?? base?.endDateTime ?? undefined;
        if (start && end && Date.parse(end) < Date.parse(start)) {
          addIssue(
            issues,
            u.id,
            "endDateTime" in u.edits ? "endDateTime" : "startDateTime",
            endBeforeStartMessage(start, end),
          );
        }
      }
      return issues;
    },
  };
}
