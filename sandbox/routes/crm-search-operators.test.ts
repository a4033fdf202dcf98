import { beforeAll, describe, expect, it } from "vitest";
import { PORTAL, setupSandbox } from "./route-test-kit";

/*
 * Every search operator against the seeded contacts, each count checked against a plain
 * JavaScript count over GET /__sandbox/records (a path that shares nothing with the search's
 * column tests).
 */
const S = "/crm/objects/2026-03/contacts/search";
let sb: ReturnType<typeof setupSandbox>;
let tok: string;
let all: { id: string; properties: Record<string, string | null> }[];
beforeAll(async () => {
  sb = setupSandbox({ counts: { contacts: 6000, companies: 400, deals: 0 } });
  tok = sb.token(["crm.objects.contacts.read", "crm.objects.contacts.write"]);
  all = await sb.records("contacts", PORTAL);
});
const total = async (...filters: Record<string, unknown>[]) => {
  const r = await sb.call("POST", S, { token: tok, body: { filterGroups: [{ filters }], limit: 1 } });
  expect(r.status).toBe(200);
  return r.body.total as number;
};
const count = (pred: (p: Record<string, string | null>, id: number) => boolean) =>
  all.filter((c) => pred(c.properties, Number(c.id))).length;
const has = (v: string | null | undefined): v is string => v !== null && v !== undefined && v !== "";

describe("search operators over the seeded contacts", () => {
  it("seeds filterable variety: 'lead AND Germany' matches a few percent", async () => {
    const n = await total(
      { propertyName: "lifecyclestage", operator: "EQ", value: "lead" },
      { propertyName: "country", operator: "EQ", value: "germany" },
    );
    expect(n).toBe(count((p) => p.lifecyclestage === "lead" && p.country === "Germany"));
    expect(n / all.length).toBeGreaterThan(0.02);
    expect(n / all.length).toBeLessThan(0.08);
    expect(new Set(all.map((c) => c.properties.lifecyclestage)).size).toBe(8);
    expect(count((p) => !has(p.jobtitle))).toBeGreaterThan(0);
    expect(count((p) => has(p.company) && p.company.endsWith(" Ltd."))).toBeGreaterThan(0);
  });

  it("compares hs_object_id and number properties numerically", async () => {
    // As strings "10000001" < "9999999"; as numbers every id is greater.
    expect(await total({ propertyName: "hs_object_id", operator: "GT", value: "9999999" })).toBe(all.length);
    const mid = Number(all[2500]!.id);
    expect(await total({ propertyName: "hs_object_id", operator: "GTE", value: String(mid) })).toBe(
      count((_, id) => id >= mid),
    );
    expect(await total({ propertyName: "hs_object_id", operator: "LT", value: String(mid) })).toBe(2500);
    const visits = (p: Record<string, string | null>) => Number(p.hs_analytics_num_visits);
    expect(await total({ propertyName: "hs_analytics_num_visits", operator: "GT", value: "99" })).toBe(
      count((p) => has(p.hs_analytics_num_visits) && visits(p) > 99),
    );
    expect(await total({ propertyName: "hs_analytics_num_visits", operator: "LTE", value: "9" })).toBe(
      count((p) => has(p.hs_analytics_num_visits) && visits(p) <= 9),
    );
    expect(
      await total({ propertyName: "hs_analytics_num_visits", operator: "BETWEEN", value: "10", highValue: "20" }),
    ).toBe(count((p) => has(p.hs_analytics_num_visits) && visits(p) >= 10 && visits(p) <= 20));
    expect(await total({ propertyName: "hs_analytics_num_visits", operator: "NEQ", value: "5" })).toBe(
      count((p) => !has(p.hs_analytics_num_visits) || visits(p) !== 5),
    );
  });

  it("compares dates as epoch ms, given as ms strings or ISO dates", async () => {
    const cut = Date.UTC(2025, 0, 1);
    const after = count((p) => has(p.notes_last_contacted) && Date.parse(p.notes_last_contacted) > cut);
    expect(after).toBeGreaterThan(0);
    expect(await total({ propertyName: "notes_last_contacted", operator: "GT", value: String(cut) })).toBe(after);
    expect(await total({ propertyName: "notes_last_contacted", operator: "GT", value: "2025-01-01T00:00:00Z" })).toBe(
      after,
    );
    const lo = Date.UTC(2024, 0, 1);
    expect(
      await total({ propertyName: "createdate", operator: "BETWEEN", value: String(lo), highValue: String(cut) }),
    ).toBe(count((p) => Date.parse(p.createdate!) >= lo && Date.parse(p.createdate!) <= cut));
  });

  it("IN / NOT_IN on enumerations, and on a multi-checkbox each option counts", async () => {
    expect(await total({ propertyName: "lifecyclestage", operator: "IN", values: ["lead", "customer"] })).toBe(
      count((p) => ["lead", "customer"].includes(p.lifecyclestage!)),
    );
    expect(await total({ propertyName: "lifecyclestage", operator: "NOT_IN", values: ["lead", "customer"] })).toBe(
      count((p) => !["lead", "customer"].includes(p.lifecyclestage!)),
    );
    const roles = (p: Record<string, string | null>) => (p.hs_buying_role ?? "").split(";");
    const champions = count((p) => roles(p).includes("CHAMPION"));
    expect(count((p) => roles(p).length > 1 && roles(p).includes("CHAMPION"))).toBeGreaterThan(0);
    expect(await total({ propertyName: "hs_buying_role", operator: "IN", values: ["CHAMPION"] })).toBe(champions);
    expect(await total({ propertyName: "hs_buying_role", operator: "NOT_IN", values: ["CHAMPION"] })).toBe(
      all.length - champions,
    );
  });

  it("CONTAINS_TOKEN with *ltd*, ltd* and ltd; NOT_CONTAINS_TOKEN", async () => {
    const ltd = count((p) => has(p.company) && p.company.toLowerCase().includes("ltd"));
    expect(ltd).toBeGreaterThan(0);
    for (const value of ["*ltd*", "ltd*", "LTD", "ltd."])
      expect(await total({ propertyName: "company", operator: "CONTAINS_TOKEN", value })).toBe(ltd);
    expect(await total({ propertyName: "company", operator: "NOT_CONTAINS_TOKEN", value: "ltd" })).toBe(
      all.length - ltd,
    );
  });

  it("HAS_PROPERTY and NOT_HAS_PROPERTY", async () => {
    const titled = count((p) => has(p.jobtitle));
    expect(await total({ propertyName: "jobtitle", operator: "HAS_PROPERTY" })).toBe(titled);
    expect(await total({ propertyName: "jobtitle", operator: "NOT_HAS_PROPERTY" })).toBe(all.length - titled);
  });

  it("sorts by a text property (unset last) and by a number descending", async () => {
    const titles = all.map((c) => c.properties.jobtitle).filter(has);
    const from = titles.length - 100; // the page where set values end and unset ones begin
    const r = await sb.call("POST", S, {
      token: tok,
      body: {
        sorts: [{ propertyName: "jobtitle", direction: "ASCENDING" }],
        limit: 200,
        after: String(from),
        properties: ["jobtitle"],
      },
    });
    const lower = (a: string, b: string) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1);
    const want = [...titles.sort(lower), ...Array<null>(all.length - titles.length).fill(null)].slice(from, from + 200);
    expect(r.body.results.map((x: any) => x.properties.jobtitle)).toEqual(want);
    expect(want.at(-1)).toBeNull();
    expect(want[0]).not.toBeNull();
    const byNum = await sb.call("POST", S, {
      token: tok,
      body: { sorts: ["-hs_analytics_num_visits"], limit: 50, properties: ["hs_analytics_num_visits"] },
    });
    const got = byNum.body.results.map((x: any) => Number(x.properties.hs_analytics_num_visits));
    const top = all
      .filter((c) => has(c.properties.hs_analytics_num_visits))
      .map((c) => Number(c.properties.hs_analytics_num_visits))
      .sort((a, b) => b - a)
      .slice(0, 50);
    expect(got).toEqual(top);
  });
});
