import "server-only";
import type { Actor } from "../auth/actor";
import { crmColumnsFor } from "../crm/properties";
import { clientForConnection } from "../auth/client-for-connection";
import { EVENT_FIELDS } from "../hubspot/marketing-event-fields";
import { CAMPAIGN_PROPERTIES } from "../hubspot/schemas/campaign-properties";
import { campaignProperty, crmPropertyType, eventFieldType } from "../properties/column-type";
import type { ResourceRef } from "../resources/ref";
import { RECORD_ID_KEY, type TargetColumn } from "./types";

export { RECORD_ID_KEY };

/**
 * Headers people write for a property that neither its name nor its label matches: a campaign
 * export says "Campaign name" (which is closer to "Campaign ID" letter by letter), a plan says
 * "Start" and "End".
 */
const SYNONYMS: Record<string, Record<string, readonly string[]>> = {
  campaigns: {
    hs_name: ["Campaign name", "Campaign", "Campaign title", "Title"],
    hs_start_date: ["Start", "Starts", "Start on", "Begin"],
    hs_end_date: ["End", "Ends", "End on", "Finish"],
    hs_campaign_status: ["Campaign status"],
  },
  "marketing-events": {
    eventName: ["Name", "Event", "Title"],
    startDateTime: ["Start", "Starts", "Start date", "Start time", "Begin"],
    endDateTime: ["End", "Ends", "End date", "End time", "Finish"],
  },
};
const withSynonyms = (type: string) => (c: TargetColumn): TargetColumn => {
  const synonyms = SYNONYMS[type]?.[c.key];
  return synonyms ? { ...c, synonyms } : c;
};

/**
 * What a file's columns can be mapped to for a resource: its writable and read-only properties,
 * plus the record id for updates. The same property definitions the grid uses, so an upload is
 * checked by the same rules as an edit.
 */
export async function targetColumns(ref: ResourceRef, actor: Actor): Promise<TargetColumn[]> {
  if (ref.type === "campaigns") {
    return [
      { key: RECORD_ID_KEY, label: "Campaign ID", type: "text" },
      ...CAMPAIGN_PROPERTIES.filter((p) => !p.deprecated).map((p): TargetColumn => ({
        key: p.name, label: p.label, ...campaignProperty(p), options: p.options, readOnly: p.readOnly, requiredOnCreate: p.requiredOnCreate,
      })).map(withSynonyms(ref.type)),
    ];
  }
  if (ref.type === "marketing-events") {
    return [
      { key: RECORD_ID_KEY, label: "Event ID", type: "text" },
      ...EVENT_FIELDS.map((f): TargetColumn => ({
        key: f.name, label: f.label, ...eventFieldType(f),
      })).map(withSynonyms(ref.type)),
    ];
  }
  const columns = await crmColumnsFor(clientForConnection(actor.connection), ref.objectType);
  return [
    { key: RECORD_ID_KEY, label: "Record ID", type: "text" },
    ...columns.filter((c) => c.name !== "hs_object_id").map((c): TargetColumn => ({ key: c.name, label: c.label, options: c.options, ...crmPropertyType(c), readOnly: c.readOnly })),
  ];
}
