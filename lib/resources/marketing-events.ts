import type { ResourceDescriptor } from "./descriptor";
import type { ResourceRef } from "./ref";

type Ref = Extract<ResourceRef, { type: "marketing-events" }>;

/** Marketing events, per API version: updated by id only, since their event app creates them. */
export const describeMarketingEvents = (ref: Ref): ResourceDescriptor => ({
  name: "marketing-events",
  key: `marketing-events:${ref.apiVersion}`,
  pickerLabel: `Marketing events (${ref.apiVersion})`,
  title: ref.apiVersion === "v3" ? "Marketing events (v3 API)" : "Marketing events",
  noun: "event",
  nounPlural: "events",
  gridPath: "/marketing-events",
  nameKey: "eventName",
  canCreate: false,
  whyNoCreate: "Marketing events are created by their event app",
  updatesByProperty: false,
  addressedByValue: false,
  idLabel: "Event ID",
  synonyms: {
    eventName: ["Name", "Event", "Title"],
    startDateTime: ["Start", "Starts", "Start date", "Start time", "Begin"],
    endDateTime: ["End", "Ends", "End date", "End time", "Finish"],
  },
  keyedBy: () => ref,
  revertRef: ref,
  sameResource: (other) => other.type === "marketing-events" && other.apiVersion === ref.apiVersion,
});
