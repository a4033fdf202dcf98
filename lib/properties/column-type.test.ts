import { describe, expect, it } from "vitest";
import { EVENT_FIELDS } from "@/lib/hubspot/marketing-event-fields";
import { CAMPAIGN_PROPERTY_BY_NAME } from "@/lib/hubspot/schemas/campaign-properties";
import { campaignProperty, crmPropertyType, eventFieldType, YES_NO } from "./column-type";

/** Issue 13, item 3: one mapping from HubSpot's property types, for the grid and the uploads alike. */
describe("HubSpot property type → property type", () => {
  const crm = (type: string, fieldType: string, options: { value: string; label: string }[] = []) =>
    crmPropertyType({ type, fieldType, options });

  it("reads CRM properties by type and field type; every yes/no is bool with its labels or Yes/No", () => {
    expect(crm("number", "number")).toEqual({ type: "number" });
    expect(crm("datetime", "date")).toEqual({ type: "datetime" });
    expect(crm("string", "textarea")).toEqual({ type: "longText" });
    expect(crm("string", "text")).toEqual({ type: "text" });
    expect(crm("enumeration", "checkbox", [{ value: "a", label: "A" }])).toEqual({
      type: "multi",
      options: [{ value: "a", label: "A" }],
    });
    expect(crm("enumeration", "select", [{ value: "a", label: "A" }])).toEqual({
      type: "enum",
      options: [{ value: "a", label: "A" }],
    });
    expect(crm("bool", "booleancheckbox")).toEqual({ type: "bool", options: YES_NO });
    expect(crm("enumeration", "booleancheckbox")).toEqual({ type: "bool", options: YES_NO });
    const ja = [
      { value: "true", label: "Ja" },
      { value: "false", label: "Nein" },
    ];
    expect(crm("bool", "booleancheckbox", ja)).toEqual({ type: "bool", options: ja });
  });

  it("reads campaign properties with their own length limit", () => {
    expect(campaignProperty(CAMPAIGN_PROPERTY_BY_NAME.get("hs_name")!)).toEqual({ type: "text", maxLength: 256 });
    expect(campaignProperty(CAMPAIGN_PROPERTY_BY_NAME.get("hs_notes")!)).toMatchObject({ type: "longText" });
    expect(campaignProperty(CAMPAIGN_PROPERTY_BY_NAME.get("hs_campaign_status")!)).toEqual({ type: "enum" });
    expect(campaignProperty(CAMPAIGN_PROPERTY_BY_NAME.get("hs_business_unit_ids")!)).toEqual({ type: "multi" });
  });

  it("reads event fields: the URL is text that must be a web address, Cancelled a yes/no", () => {
    const byName = new Map(EVENT_FIELDS.map((f) => [f.name, eventFieldType(f)]));
    expect(byName.get("eventUrl")).toEqual({ type: "text", url: true });
    expect(byName.get("eventCancelled")).toEqual({ type: "bool", options: YES_NO });
    expect(byName.get("startDateTime")).toEqual({ type: "datetime" });
    expect(byName.get("eventDescription")).toEqual({ type: "longText" });
  });
});
