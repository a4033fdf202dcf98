import type { ResourceDescriptor } from "./descriptor";
import type { ResourceRef } from "./ref";

type Ref = Extract<ResourceRef, { type: "campaigns" }>;

/** Campaigns: named by hs_name, which is unique per portal, so a create is found again by its name. */
export const describeCampaigns = (ref: Ref): ResourceDescriptor => ({
  name: "campaigns",
  key: "campaigns",
  pickerLabel: "Campaigns",
  title: "Campaigns",
  noun: "campaign",
  nounPlural: "campaigns",
  gridPath: "/campaigns",
  nameKey: "hs_name",
  uniqueKey: "hs_name",
  canCreate: true,
  updatesByProperty: false,
  addressedByValue: false,
  idLabel: "Campaign ID",
  legacyStorage: { edits: "batchboard:campaign-edits:v1", columns: "batchboard:campaign-columns:v1" },
  // A campaign export says "Campaign name" (closer to "Campaign ID" letter by letter); a plan says "Start" and "End".
  synonyms: {
    hs_name: ["Campaign name", "Campaign", "Campaign title", "Title"],
    hs_start_date: ["Start", "Starts", "Start on", "Begin"],
    hs_end_date: ["End", "Ends", "End on", "Finish"],
    hs_campaign_status: ["Campaign status"],
  },
  keyedBy: () => ref,
  revertRef: ref,
  sameResource: (other) => other.type === "campaigns",
});
