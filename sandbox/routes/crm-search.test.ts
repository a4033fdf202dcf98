import { beforeEach, describe, expect, it } from "vitest";
import { CrmSearchResponseSchema } from "../../lib/hubspot/schemas/crm";
import { eachRecord, typeStore } from "./crm-store";
import { CRM_TYPES } from "./crm-types";
import { PORTAL, setupSandbox } from "./route-test-kit";

const S = (type = "contacts") => `/crm/objects/2026-03/${type}/search`;
let sb: ReturnType<typeof setupSandbox>;
let tok: string;
let all: any[];
beforeEach(async () => {
  sb = setupSandbox();
  tok = sb.token(["crm.objects.contacts.read", "crm.objects.deals.read", "crm.objects.companies.read"]);
  all = await sb.records("contacts");
});
const search = (body: unknown, type?: string) => sb.call("POST", S(type), { token: tok, body });

describe("search", () => {
  it("filters with EQ (case-insensitive), NEQ and IN, reporting total", async () => {
    const target = all[17];
    const eq = await search({
      filterGroups: [
        { filters: [{ propertyName: "email", operator: "EQ", value: target.properties.email.toUpperCase() }] },
      ],
    });
    expect(eq.status).toBe(200);
    const body = CrmSearchResponseSchema.parse(eq.body);
    expect(body.total).toBe(1);
    expect(body.results[0]!.id).toBe(target.id);

    const customers = all.filter((c) => c.properties.lifecyclestage === "customer").length;
    const neq = await search({
      filterGroups: [{ filters: [{ propertyName: "lifecyclestage", operator: "NEQ", value: "customer" }] }],
    });
    expect(neq.body.total).toBe(all.length - customers);
    const inOp = await search({
      filterGroups: [{ filters: [{ propertyName: "lifecyclestage", operator: "IN", values: ["customer", "lead"] }] }],
    });
    expect(inOp.body.total).toBe(all.filter((c) => ["customer", "lead"].includes(c.properties.lifecyclestage)).length);
  });

  it("ORs filter groups, ANDs filters, compares numbers numerically (GT/LT) and tokens", async () => {
    const deals = await sb.records("deals");
    const big = deals.filter(
      (d) => Number(d.properties.amount) > 100000 && Number(d.properties.amount) < 400000,
    ).length;
    const r = await search(
      {
        filterGroups: [
          {
            filters: [
              { propertyName: "amount", operator: "GT", value: "100000" },
              { propertyName: "amount", operator: "LT", value: "400000" },
            ],
          },
        ],
      },
      "deals",
    );
    expect(r.body.total).toBe(big);
    expect(big).toBeGreaterThan(0);

    const token = all[3].properties.email.split("@")[1];
    const tokenHits = all.filter((c) => c.properties.email.endsWith(`@${token}`)).length;
    const ct = await search({
      filterGroups: [{ filters: [{ propertyName: "email", operator: "CONTAINS_TOKEN", value: `*@${token}` }] }],
    });
    expect(ct.body.total).toBe(tokenHits);

    const or = await search({
      filterGroups: [
        { filters: [{ propertyName: "lifecyclestage", operator: "EQ", value: "customer" }] },
        { filters: [{ propertyName: "lifecyclestage", operator: "EQ", value: "lead" }] },
      ],
    });
    expect(or.body.total).toBe(all.filter((c) => ["customer", "lead"].includes(c.properties.lifecyclestage)).length);
  });

  it("sorts, pages with after, applies query and returns requested properties", async () => {
    const p1 = await search({
      sorts: [{ propertyName: "createdate", direction: "DESCENDING" }],
      limit: 50,
      properties: ["jobtitle"],
    });
    const p2 = await search({
      sorts: ["-createdate"],
      limit: 50,
      after: p1.body.paging.next.after,
      properties: ["jobtitle"],
    });
    const dates = [...p1.body.results, ...p2.body.results].map((r: any) => Date.parse(r.properties.createdate));
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
    expect(new Set([...p1.body.results, ...p2.body.results].map((r: any) => r.id)).size).toBe(100);
    expect(p1.body.results[0].properties).toHaveProperty("jobtitle");

    const name = all[5].properties.lastname;
    const q = await search({ query: name, limit: 200 });
    expect(q.body.total).toBe(
      all.filter((c) =>
        [
          c.properties.firstname,
          c.properties.lastname,
          c.properties.email,
          c.properties.company,
          c.properties.phone,
        ].some((v) => v?.toLowerCase().includes(name.toLowerCase())),
      ).length,
    );
  });

  it("rejects limit over 200 and unknown filter properties with 400", async () => {
    expect((await search({ limit: 201 })).status).toBe(400);
    expect((await search({ limit: 200 })).body.results).toHaveLength(200);
    const bad = await search({
      filterGroups: [{ filters: [{ propertyName: "shoe_size", operator: "EQ", value: "9" }] }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.category).toBe("VALIDATION_ERROR");
  });

  it("is limited to 5 requests per second per portal: the 6th gets 429", async () => {
    const limited = setupSandbox({ config: { searchPerSecond: 5 } });
    const t = limited.token(["crm.objects.contacts.read"]);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await limited.call("POST", S(), { token: t, body: { limit: 1 } })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const other = limited.token(["crm.objects.contacts.read"], 20260302);
    expect((await limited.call("POST", S(), { token: other, body: { limit: 1 } })).status).toBe(200);
    expect((await limited.call("GET", "/crm/objects/2026-03/contacts?limit=1", { token: t })).status).toBe(200);
  });
});

describe("seeding", () => {
  it("is deterministic per seed and restored by reset", async () => {
    const again = setupSandbox();
    expect(await again.records("contacts")).toEqual(all);
    expect(await again.records("p_projects")).toEqual(await sb.records("p_projects"));
    const other = setupSandbox({ seed: 2 });
    expect((await other.records("contacts")).map((c) => c.properties.email)).not.toEqual(
      all.map((c) => c.properties.email),
    );

    await sb.call("POST", "/crm/objects/2026-03/contacts/batch/update", {
      token: sb.token(["crm.objects.contacts.write"]),
      body: { inputs: [{ id: all[0].id, properties: { firstname: "Changed" } }] },
    });
    expect((await sb.records("contacts"))[0].properties.firstname).toBe("Changed");
    expect((await sb.call("POST", "/__sandbox/reset", { body: { seed: 1 } })).status).toBe(200);
    expect(await sb.records("contacts")).toEqual(all);
  });

  it("seeds realistic data: unique emails and domains, valid stages, counts from SeedCounts", async () => {
    expect(all).toHaveLength(300);
    expect(new Set(all.map((c) => c.properties.email.toLowerCase())).size).toBe(300);
    for (const c of all) expect(c.properties.email).toMatch(/^[a-z.]+\d*@[a-z0-9.-]+\.[a-z]+$/);
    const companies = await sb.records("companies");
    expect(companies).toHaveLength(50);
    expect(new Set(companies.map((c) => c.properties.domain)).size).toBe(50);
    const deals = await sb.records("deals");
    expect(deals.every((d) => Number(d.properties.amount) > 0 && d.properties.pipeline === "default")).toBe(true);
    expect(new Set(deals.map((d) => d.properties.dealstage)).size).toBeGreaterThan(3);
  });

  it("seeds 20,000 contacts in well under a second", async () => {
    const big = setupSandbox({ counts: { contacts: 20_000 } });
    const started = performance.now();
    const r = await big.call("GET", "/crm/objects/2026-03/contacts?limit=1", {
      token: big.token(["crm.objects.contacts.read"], PORTAL),
    });
    expect(performance.now() - started).toBeLessThan(900);
    expect(r.status).toBe(200);
    const contacts = [...eachRecord(typeStore(big.ctx.portalById(PORTAL)!, CRM_TYPES[0]!))];
    expect(contacts).toHaveLength(20_000);
    expect(new Set(contacts.map((c) => c.properties.email)).size).toBe(20_000);
  });
});
