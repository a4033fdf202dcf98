import { beforeEach, describe, expect, it } from "vitest";
import { CrmPropertyDefinitionSchema, CrmPropertyListSchema } from "../../lib/hubspot/schemas/crm";
import { OTHER_PORTAL, PORTAL, setupSandbox } from "./route-test-kit";

const P = "/crm/properties/2026-03";
let sb: ReturnType<typeof setupSandbox>;
let tok: string;
beforeEach(() => {
  sb = setupSandbox();
  tok = sb.token([
    "crm.schemas.contacts.read",
    "crm.objects.companies.read",
    "crm.objects.deals.write",
    "tickets",
    "crm.schemas.custom.read",
  ]);
});
const list = async (type: string) => {
  const r = await sb.call("GET", `${P}/${type}`, { token: tok });
  expect(r.status).toBe(200);
  return new Map(CrmPropertyListSchema.parse(r.body).results.map((p) => [p.name, p]));
};

describe("GET /crm/properties/2026-03/{objectType}", () => {
  it("describes contacts: unique email, read-only system fields, a calculated field, enumeration options", async () => {
    const props = await list("contacts");
    for (const n of [
      "email",
      "firstname",
      "lastname",
      "phone",
      "company",
      "jobtitle",
      "lifecyclestage",
      "hs_lead_status",
      "city",
      "country",
      "hs_object_id",
      "createdate",
      "lastmodifieddate",
    ]) {
      expect(props.has(n), n).toBe(true);
    }
    expect(props.get("email")).toMatchObject({
      hasUniqueValue: true,
      type: "string",
      modificationMetadata: { readOnlyValue: false },
    });
    expect(props.get("firstname")!.hasUniqueValue).toBe(false);
    for (const n of ["hs_object_id", "createdate", "lastmodifieddate"])
      expect(props.get(n)!.modificationMetadata!.readOnlyValue, n).toBe(true);
    const calc = [...props.values()].filter((p) => p.calculated);
    expect(calc.length).toBeGreaterThan(0);
    expect(calc.every((p) => p.modificationMetadata!.readOnlyValue)).toBe(true);
    const stage = props.get("lifecyclestage")!;
    expect(stage.type).toBe("enumeration");
    expect(stage.options.map((o) => o.value)).toContain("customer");
    expect(stage.options[0]).toEqual({ label: "Subscriber", value: "subscriber", hidden: false, displayOrder: 0 });
  });

  it("describes companies, deals, tickets and the custom object", async () => {
    const companies = await list("companies");
    expect(companies.get("domain")!.hasUniqueValue).toBe(true);
    expect(companies.get("industry")!.type).toBe("enumeration");
    expect(companies.get("numberofemployees")!.type).toBe("number");
    expect(companies.get("annualrevenue")!.type).toBe("number");
    const deals = await list("deals");
    expect(deals.get("amount")!.type).toBe("number");
    expect(deals.get("closedate")!.type).toBe("datetime");
    expect(deals.get("dealstage")!.options.map((o) => o.value)).toEqual(
      expect.arrayContaining(["closedwon", "closedlost"]),
    );
    const tickets = await list("tickets");
    for (const n of ["subject", "content", "hs_pipeline_stage", "hs_ticket_priority"])
      expect(tickets.has(n), n).toBe(true);
    const projects = await list("2-90000001");
    expect(projects.get("project_name")).toMatchObject({ hasUniqueValue: true, hubspotDefined: false });
    expect(projects.get("budget")!.type).toBe("number");
    expect(projects.get("status")!.options.map((o) => o.value)).toEqual(["planning", "active", "on_hold", "completed"]);
  });

  it("resolves ids and fully qualified names to the same definitions", async () => {
    expect([...(await list("0-1")).keys()]).toEqual([...(await list("contacts")).keys()]);
    expect([...(await list("0-3")).keys()]).toEqual([...(await list("deals")).keys()]);
    expect([...(await list(`p${PORTAL}_projects`)).keys()]).toEqual([...(await list("p_projects")).keys()]);
    expect((await sb.call("GET", `${P}/p${OTHER_PORTAL}_projects`, { token: tok })).status).toBe(400);
    expect((await sb.call("GET", `${P}/nonsense`, { token: tok })).body.message).toBe(
      "Unable to infer object type from: nonsense",
    );
  });

  it("filters by ?properties= and returns nothing for archived", async () => {
    const r = await sb.call("GET", `${P}/contacts?properties=email,firstname`, { token: tok });
    expect(r.body.results.map((p: any) => p.name).sort()).toEqual(["email", "firstname"]);
    expect((await sb.call("GET", `${P}/contacts?archived=true`, { token: tok })).body.results).toEqual([]);
  });

  it("needs a schema or object scope for the type", async () => {
    expect((await sb.call("GET", `${P}/contacts`)).status).toBe(401);
    const dealsOnly = sb.token(["crm.objects.deals.read"]);
    expect((await sb.call("GET", `${P}/deals`, { token: dealsOnly })).status).toBe(200);
    expect((await sb.call("GET", `${P}/contacts`, { token: dealsOnly })).status).toBe(403);
  });
});

describe("GET /crm/properties/2026-03/{objectType}/{propertyName}", () => {
  it("returns one definition, 404 for an unknown name", async () => {
    const r = await sb.call("GET", `${P}/contacts/hs_object_id`, { token: tok });
    expect(r.status).toBe(200);
    const def = CrmPropertyDefinitionSchema.parse(r.body);
    expect(def.modificationMetadata).toEqual({ archivable: false, readOnlyDefinition: true, readOnlyValue: true });
    const missing = await sb.call("GET", `${P}/contacts/shoe_size`, { token: tok });
    expect(missing.status).toBe(404);
    expect(missing.body.category).toBe("OBJECT_NOT_FOUND");
  });
});
