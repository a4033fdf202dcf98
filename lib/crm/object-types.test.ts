import { afterEach, beforeAll, afterAll, describe, expect, it, vi } from "vitest";
import { sandboxKit, type SandboxKit } from "../../tests/support/sandbox-kit";
import { defaultPropertyDefinitions } from "../../sandbox/routes/crm-property-defs";
import { customNoun, offeredCrmObjectTypes, withColumns } from "./object-types";
import { crmColumnsFor } from "./properties";

const types = (l: { objectType: string }[]) => l.map((t) => t.objectType);

describe("offeredCrmObjectTypes", () => {
  it("offers the standard types, plus p_projects with the sandbox when nothing is configured", () => {
    const offered = offeredCrmObjectTypes({ customObjectTypes: undefined, target: "sandbox" });
    expect(types(offered)).toEqual(["contacts", "companies", "deals", "tickets", "p_projects"]);
    expect(offered.find((t) => t.objectType === "p_projects")).toEqual({
      objectType: "p_projects",
      title: "Projects",
      noun: "project",
      custom: true,
      defaultColumns: [],
    });
    expect(offered[0]).toMatchObject({
      title: "Contacts",
      noun: "contact",
      nameProperty: "email",
      uniqueProperty: "email",
    });
    expect(offered[1]).toMatchObject({ noun: "company", nameProperty: "name", uniqueProperty: "domain" });
    expect(offered[2]).toMatchObject({ nameProperty: "dealname" });
    expect(offered[2]).not.toHaveProperty("uniqueProperty");
  });

  it("offers no custom type with HubSpot unless configured, and exactly the configured ones when set", () => {
    expect(types(offeredCrmObjectTypes({ customObjectTypes: undefined, target: "hubspot" }))).toEqual([
      "contacts",
      "companies",
      "deals",
      "tickets",
    ]);
    expect(types(offeredCrmObjectTypes({ customObjectTypes: "", target: "sandbox" }))).toHaveLength(4);
    const set = offeredCrmObjectTypes({
      customObjectTypes: " p123_cars, 2-456 ,contacts,p123_cars",
      target: "sandbox",
    });
    expect(types(set)).toEqual(["contacts", "companies", "deals", "tickets", "p123_cars", "2-456"]);
    expect(set.slice(4).map((t) => [t.title, t.noun])).toEqual([
      ["Cars", "car"],
      ["2-456", "record"],
    ]);
  });

  it("refuses a malformed entry", () => {
    expect(() => offeredCrmObjectTypes({ customObjectTypes: "p_projects,bad/type", target: "hubspot" })).toThrow(
      /bad\/type/,
    );
  });

  it("singularises custom nouns", () => {
    expect(["p_companies", "p1_boxes", "p_glass", "p_service_tickets"].map(customNoun)).toEqual([
      "company",
      "box",
      "glass",
      "service ticket",
    ]);
  });
});

describe("withColumns (against the sandbox's property definitions)", () => {
  let kit: SandboxKit;
  beforeAll(async () => {
    kit = await sandboxKit({ campaigns: 0 });
  });
  afterAll(async () => kit?.close());

  it("names a custom type by its writable unique property, with its first writable columns as defaults", async () => {
    const [projects] = offeredCrmObjectTypes({ customObjectTypes: "p_projects", target: "hubspot" }).slice(4);
    const done = withColumns(projects!, await crmColumnsFor(kit.client(), "p_projects"));
    expect(done).toMatchObject({ nameProperty: "project_name", uniqueProperty: "project_name" });
    expect(done.defaultColumns).toEqual(["project_name", "budget", "status", "start_date", "project_manager"]);
  });

  it("falls back to the record id when a custom type has no writable unique property", () => {
    const done = withColumns(offeredCrmObjectTypes({ customObjectTypes: "p_x", target: "hubspot" })[4]!, [
      { name: "hs_object_id", hasUniqueValue: true, readOnly: true },
      { name: "title", hasUniqueValue: false, readOnly: false },
    ]);
    expect(done).toMatchObject({ nameProperty: "hs_object_id", defaultColumns: ["hs_object_id", "title"] });
    expect(done).not.toHaveProperty("uniqueProperty");
  });

  // Straight from the sandbox's definitions: its token lacks the `tickets` scope, and this is about names only.
  it.each(["contacts", "companies", "deals", "tickets"])(
    "keeps every default column of %s (all defined by the sandbox)",
    (objectType) => {
      const option = offeredCrmObjectTypes({ customObjectTypes: "", target: "sandbox" }).find(
        (t) => t.objectType === objectType,
      )!;
      const cols = defaultPropertyDefinitions()
        .get(objectType)!
        .map((d) => ({
          name: d.name,
          hasUniqueValue: !!d.hasUniqueValue,
          readOnly: !!d.modificationMetadata?.readOnlyValue,
        }));
      expect(withColumns(option, cols).defaultColumns).toEqual(option.defaultColumns);
      expect(cols.map((c) => c.name)).toContain(option.nameProperty);
      if (option.uniqueProperty)
        expect(cols.find((c) => c.name === option.uniqueProperty)).toMatchObject({
          hasUniqueValue: true,
          readOnly: false,
        });
    },
  );
});

describe("crmObjectTypes and the action inputs (from the environment)", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });
  const load = async (vars: Record<string, string | undefined>) => {
    vi.resetModules();
    vi.stubEnv("HUBSPOT_CLIENT_ID", vars.HUBSPOT_CLIENT_ID ?? "");
    vi.stubEnv("HUBSPOT_CLIENT_SECRET", vars.HUBSPOT_CLIENT_SECRET ?? "");
    vi.stubEnv("CRM_CUSTOM_OBJECT_TYPES", vars.CRM_CUSTOM_OBJECT_TYPES);
    return { ...(await import("./offered-types")), ...(await import("./inputs")) };
  };

  it("defaults to the sandbox's p_projects", async () => {
    const { crmObjectTypes } = await load({});
    expect(types(crmObjectTypes())).toEqual(["contacts", "companies", "deals", "tickets", "p_projects"]);
  });

  it("takes CRM_CUSTOM_OBJECT_TYPES as given, with HubSpot too", async () => {
    const { crmObjectTypes } = await load({
      HUBSPOT_CLIENT_ID: "id",
      HUBSPOT_CLIENT_SECRET: "secret",
      CRM_CUSTOM_OBJECT_TYPES: "p_projects,p123_cars",
    });
    expect(types(crmObjectTypes())).toEqual(["contacts", "companies", "deals", "tickets", "p_projects", "p123_cars"]);
  });

  it("accepts only offered object types, at most 300 property names, bounded positions and anchors, a real time zone", async () => {
    const { CrmWindowInputSchema, CrmColumnsInputSchema } = await load({ CRM_CUSTOM_OBJECT_TYPES: "p123_cars" });
    const w = (o: Record<string, unknown>) =>
      CrmWindowInputSchema.safeParse({ query: { filters: [] }, timeZone: "Europe/Berlin", start: 0, ...o }).success;
    expect(w({ objectType: "Contacts", properties: ["email"] })).toBe(true);
    expect(w({ objectType: "p123_cars", properties: [], start: 40_000, totalHint: 250_000 })).toBe(true);
    expect(CrmColumnsInputSchema.safeParse({ objectType: "p_projects" }).success).toBe(false); // well-formed, not offered
    expect(CrmColumnsInputSchema.safeParse({ objectType: "contacts/../x" }).success).toBe(false);
    const names = (n: number) => Array.from({ length: n }, (_, i) => `p${i}`);
    expect(w({ objectType: "deals", properties: names(300) })).toBe(true);
    expect(w({ objectType: "deals", properties: names(301) })).toBe(false);
    expect(w({ objectType: "deals", properties: ["email,phone"] })).toBe(false);
    expect(w({ objectType: "deals", properties: [], timeZone: "Mars/Olympus" })).toBe(false);
    expect(w({ objectType: "deals", properties: [], start: -1 })).toBe(false);
    expect(w({ objectType: "deals", properties: [], start: 1.5 })).toBe(false);
    expect(w({ objectType: "deals", properties: [], start: 100_000_001 })).toBe(false);
    const anchors = (n: number) => Array.from({ length: n }, (_, i) => ({ position: i, id: String(i + 1) }));
    expect(w({ objectType: "deals", properties: [], anchors: anchors(20) })).toBe(true);
    expect(w({ objectType: "deals", properties: [], anchors: anchors(21) })).toBe(false);
    expect(w({ objectType: "deals", properties: [], anchors: [{ position: 0, id: "1 OR 1" }] })).toBe(false);
    expect(w({ objectType: "deals", properties: [], query: { filters: [], sort: "a b" } })).toBe(false);
  });
});
