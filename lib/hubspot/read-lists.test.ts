import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sandboxKit, type SandboxKit } from "../../tests/support/sandbox-kit";
import { listCrmObjects, searchCrmObjects } from "./crm-objects";
import { listCrmProperties } from "./crm-properties";
import { listMarketingEvents } from "./marketing-events";
import { searchRequester } from "./search-requester";

/** The read side the grids page through: events (both versions), CRM records, search, property definitions. */
let kit: SandboxKit;
beforeAll(async () => {
  kit = await sandboxKit({ campaigns: 0, counts: { marketingEvents: 130, contacts: 150 } });
});
afterAll(async () => kit?.close());

describe("listMarketingEvents", () => {
  it.each(["2026-03", "v3"] as const)("pages through every event (%s)", async (apiVersion) => {
    const seen: string[] = [];
    let after: string | undefined;
    do {
      const page = await listMarketingEvents(kit.client(), { apiVersion, after });
      seen.push(...page.results.map((e) => e.objectId));
      after = page.paging?.next?.after;
    } while (after);
    expect(seen).toHaveLength(130);
    expect(new Set(seen).size).toBe(130);
    const path = apiVersion === "v3" ? "/marketing/marketing-events/v3" : "/marketing/marketing-events/2026-03";
    expect((await kit.requests(path, "GET")).map((r) => r.query.limit)).toEqual(["100", "100"]);
  });
});

describe("CRM records", () => {
  it("listCrmObjects pages with the properties asked for", async () => {
    const first = await listCrmObjects(kit.client(), "contacts", { properties: ["email", "lifecyclestage"] });
    expect(first.results).toHaveLength(100);
    expect(Object.keys(first.results[0]!.properties)).toEqual(
      expect.arrayContaining(["email", "lifecyclestage", "hs_object_id"]),
    );
    const second = await listCrmObjects(kit.client(), "contacts", { after: first.paging!.next!.after, limit: 500 });
    expect(second.results).toHaveLength(50);
    expect(second.paging).toBeUndefined();
  });

  it("searchCrmObjects filters and sorts", async () => {
    const [c] = await kit.records("contacts");
    const search = searchRequester(kit.client(), { search: kit.limiter(5), portal: kit.limiter() });
    const res = await searchCrmObjects(search, "contacts", {
      filterGroups: [{ filters: [{ propertyName: "email", operator: "EQ", value: c!.properties.email! }] }],
      properties: ["email"],
    });
    expect(res.total).toBe(1);
    expect(res.results[0]!.id).toBe(c!.id);
  });
});

describe("listCrmProperties", () => {
  it("gives the grid labels, types, visible options, read-only and unique flags", async () => {
    const cols = new Map((await listCrmProperties(kit.client(), "contacts")).map((c) => [c.name, c]));
    expect(cols.get("email")).toMatchObject({ label: "Email", type: "string", hasUniqueValue: true, readOnly: false });
    expect(cols.get("createdate")).toMatchObject({ type: "datetime", readOnly: true, calculated: false });
    expect(cols.get("num_associated_deals")).toMatchObject({ readOnly: true, calculated: true });
    expect(cols.get("lifecyclestage")!.options.slice(0, 2)).toEqual([
      { label: "Subscriber", value: "subscriber" },
      { label: "Lead", value: "lead" },
    ]);
    const projects = await listCrmProperties(kit.client(), "p_projects");
    expect(projects.find((p) => p.name === "project_name")).toMatchObject({ hasUniqueValue: true, readOnly: false });
  });
});
