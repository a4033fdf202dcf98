import { describe as group, expect, it } from "vitest";
import { keyCandidates, modesFor, onlyUpdatesNote, optionOf, targetOptions } from "@/components/uploads/target-options";
import { editStorageKey } from "@/components/records/edits/persist";
import { STANDARD_CRM_OBJECT_TYPES } from "@/lib/crm/object-types";
import { describeKind, kindKey } from "@/lib/failed-items/kinds";
import { gridTakeBack } from "@/lib/submissions/grid-take-back";
import { uploadRef, uploadWriteRef } from "@/lib/uploads/plan";
import { revertRef } from "@/lib/reverts/service";
import { RECORD_ID_KEY } from "@/lib/uploads/types";
import type { ResourceRef } from "./ref";
import {
  describe,
  FIXED_REFS,
  gridPathFor,
  IMPLICIT_UNIQUE_KEYS,
  parseStoredRef,
  resourceName,
  resourceTitle,
} from "./registry";

const campaigns: ResourceRef = { type: "campaigns" };
const events: ResourceRef = { type: "marketing-events", apiVersion: "v3" };
const contacts: ResourceRef = { type: "crm", objectType: "contacts" };
const projects: ResourceRef = { type: "crm", objectType: "p_projects" };

group("resource registry (issue 13, item 2)", () => {
  it("describes every resource in one place: names, words, grid paths", () => {
    expect([campaigns, events, contacts, projects].map(resourceName)).toEqual([
      "campaigns",
      "marketing-events",
      "crm:contacts",
      "crm:p_projects",
    ]);
    expect(
      [campaigns, events, { type: "marketing-events", apiVersion: "2026-03" } as ResourceRef, contacts, projects].map(
        resourceTitle,
      ),
    ).toEqual(["Campaigns", "Marketing events (v3 API)", "Marketing events", "Contacts", "Projects"]);
    expect([campaigns, events, contacts, projects].map((r) => describe(r).noun)).toEqual([
      "campaign",
      "event",
      "contact",
      "project",
    ]);
    expect(gridPathFor({ type: "crm", objectType: "2-123" })).toBe("/crm/2-123");
    expect(describe(campaigns)).toMatchObject({
      nameKey: "hs_name",
      uniqueKey: "hs_name",
      canCreate: true,
      idLabel: "Campaign ID",
    });
    expect(describe(events)).toMatchObject({ nameKey: "eventName", canCreate: false, idLabel: "Event ID" });
  });

  it("keeps a CRM type's standard words and finds its unique key in the ref", () => {
    for (const t of STANDARD_CRM_OBJECT_TYPES)
      expect(describe({ type: "crm", objectType: t.objectType })).toMatchObject({ title: t.title, noun: t.noun });
    expect(describe({ ...contacts, uniqueProperty: "email" }).uniqueKey).toBe("email");
    expect(IMPLICIT_UNIQUE_KEYS).toEqual({ campaigns: "hs_name" });
    expect(editStorageKey("campaigns", 7, "u1")).toBe("batchboard:campaign-edits:v1:7:u1");
    expect(editStorageKey("crm:contacts", 7, "u1")).toBe("batchboard:edits:v1:crm:contacts:7:u1");
  });

  it("reads submissions stored before refs existed as campaigns, and refuses others", () => {
    expect(parseStoredRef("campaigns", null)).toEqual(campaigns);
    expect(parseStoredRef("crm:contacts", contacts)).toEqual(contacts);
    expect(() => parseStoredRef("marketing-events", null)).toThrow(/no usable resource ref/);
  });

  it("gives uploads, reverts and take-backs their refs from the descriptor", () => {
    expect(uploadRef(campaigns, "upsert", "hs_name")).toEqual(campaigns);
    expect(uploadRef(contacts, "update", "email")).toEqual({
      ...contacts,
      idProperty: "email",
      uniqueProperty: "email",
    });
    expect(uploadRef(contacts, "create", "email")).toEqual({ ...contacts, uniqueProperty: "email" });
    expect(uploadRef(contacts, "update", RECORD_ID_KEY)).toEqual(contacts);
    // Read by email, written by the ids that read found.
    expect(uploadWriteRef(contacts, "update", "email")).toEqual({ ...contacts, uniqueProperty: "email" });
    expect(uploadWriteRef(contacts, "create", "email")).toEqual(uploadRef(contacts, "create", "email"));
    expect(uploadWriteRef(campaigns, "update", "hs_name")).toEqual(campaigns);
    expect(revertRef({ ...contacts, idProperty: "email", uniqueProperty: "email" })).toEqual(contacts);
    expect(revertRef(events)).toEqual(events);
    const row = {
      submissionId: "s1",
      rowKey: "r1",
      kind: "update" as const,
      recordId: "7",
      label: null,
      sent: {},
      baseline: null,
      error: null,
    };
    expect(gridTakeBack({ ...contacts, idProperty: "email" }, [row]).skipped).toBe(1);
    expect(gridTakeBack(contacts, [row])).toMatchObject({
      resourceKey: "crm:contacts",
      path: "/crm/contacts",
      skipped: 0,
    });
  });

  it("builds the upload picker from the registry: fixed refs, then CRM types", () => {
    const options = targetOptions(STANDARD_CRM_OBJECT_TYPES.slice(0, 1));
    expect(options.map((o) => [o.value, o.label, o.uniqueProperty])).toEqual([
      ["campaigns", "Campaigns", "hs_name"],
      ["marketing-events:2026-03", "Marketing events (2026-03)", undefined],
      ["marketing-events:v3", "Marketing events (v3)", undefined],
      ["crm:contacts", "Contacts", "email"],
    ]);
    expect(options.slice(0, FIXED_REFS.length).map((o) => o.ref)).toEqual(FIXED_REFS);
    expect(optionOf(options, { ...contacts, objectType: "CONTACTS", idProperty: "email" })?.value).toBe("crm:contacts");
    expect(optionOf(options, events)?.value).toBe("marketing-events:v3");
    expect(modesFor(options[1])).toEqual(["update"]);
    expect(onlyUpdatesNote(options[1])).toBe(
      "Marketing events are created by their event app, so a file can only update them.",
    );
    expect(onlyUpdatesNote(options[0])).toBeUndefined();
    expect(modesFor(options[0])).toEqual(["create", "update", "upsert"]);
    const columns = [
      { key: RECORD_ID_KEY, label: "ID", type: "text" as const },
      { key: "hs_name", label: "Name", type: "text" as const },
    ];
    const mapped = new Set([RECORD_ID_KEY, "hs_name"]);
    expect(keyCandidates(options[0]!, "upsert", columns, mapped, RECORD_ID_KEY).map((c) => c.key)).toEqual(["hs_name"]);
    expect(keyCandidates(options[0]!, "update", columns, mapped, RECORD_ID_KEY).map((c) => c.key)).toEqual([
      RECORD_ID_KEY,
    ]);
    expect(keyCandidates(options[3]!, "update", columns, mapped, RECORD_ID_KEY).map((c) => c.key)).toEqual([
      RECORD_ID_KEY,
      "hs_name",
    ]);
  });

  it("words a failed-item kind by its resource's name key, not a hard-coded hs_name", () => {
    const taken = kindKey({ category: "CONFLICT", code: "DUPLICATE_UNIQUE_VALUE", property: "eventName" });
    expect(describeKind(taken, { nameKey: describe(events).nameKey }).label).toBe("Already exists: name already taken");
    expect(describeKind(taken).label).toBe("Already exists: eventName already taken");
  });
});
