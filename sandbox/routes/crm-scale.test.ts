import { beforeAll, describe, expect, it } from "vitest";
import { eachRecord, typeStore } from "./crm-store";
import { CRM_TYPES } from "./crm-types";
import { OTHER_PORTAL, PORTAL, setupSandbox } from "./route-test-kit";

/*
 * A portal of 200,000 contacts in the compact store: reset bounds, id-GT paging past the
 * 10,000 cap (how the app reads a whole view), exact totals, and writes over seeded rows.
 */
const S = "/crm/objects/2026-03/contacts/search";
const N = 200_000;
const ID_BASE = CRM_TYPES[0]!.idBase;
let sb: ReturnType<typeof setupSandbox>;
let read: string;
let write: string;
beforeAll(async () => {
  sb = setupSandbox({ counts: { contacts: 0, companies: 0, deals: 0 } });
  const r = await sb.call("POST", "/__sandbox/reset", {
    body: { portalId: PORTAL, contacts: N, companies: 5000, deals: 0 },
  });
  expect(r.status).toBe(200);
  read = sb.token(["crm.objects.contacts.read"]);
  write = sb.token(["crm.objects.contacts.write"]);
});
const search = (body: unknown) => sb.call("POST", S, { token: read, body });
const germany = { propertyName: "country", operator: "EQ", value: "Germany" };

describe("reset bounds", () => {
  it("accepts 1,000,000 contacts and 200,000 companies and deals; refuses more with a 400 naming the field", async () => {
    // Another portal: records are built on its first request, so accepting costs nothing here.
    const ok = await sb.call("POST", "/__sandbox/reset", {
      body: { portalId: OTHER_PORTAL, contacts: 1_000_000, companies: 200_000, deals: 200_000 },
    });
    expect(ok.status).toBe(200);
    for (const [field, n] of [
      ["contacts", 1_000_001],
      ["companies", 200_001],
      ["deals", 200_001],
      ["campaigns", 200_001],
    ] as const) {
      const r = await sb.call("POST", "/__sandbox/reset", { body: { portalId: OTHER_PORTAL, [field]: n } });
      expect(r.status).toBe(400);
      expect(r.body.category).toBe("VALIDATION_ERROR");
      expect(r.body.errors).toContainEqual(
        expect.objectContaining({ in: field, message: expect.stringMatching(/at most/) }),
      );
    }
  });
});

describe("200,000 contacts", () => {
  it("seeds them all with unique emails", () => {
    const ts = typeStore(sb.ctx.portalById(PORTAL)!, CRM_TYPES[0]!);
    let n = 0;
    const emails = new Set<string>();
    for (const rec of eachRecord(ts)) {
      n++;
      emails.add(rec.properties.email!.toLowerCase());
    }
    expect(n).toBe(N);
    expect(emails.size).toBe(N);
  });

  it("id-GT paging past the 10,000 cap reads every match once, and totals match a direct count", async () => {
    const ts = typeStore(sb.ctx.portalById(PORTAL)!, CRM_TYPES[0]!);
    const expected = [...eachRecord(ts)].filter((r) => r.properties.country === "Germany").map((r) => r.id);
    expect(expected.length).toBeGreaterThan(10_000);
    const first = await search({ filterGroups: [{ filters: [germany] }], limit: 1 });
    expect(first.body.total).toBe(expected.length);

    const seen: string[] = [];
    let last = 0;
    for (;;) {
      const r = await search({
        filterGroups: [{ filters: [germany, { propertyName: "hs_object_id", operator: "GT", value: String(last) }] }],
        sorts: [{ propertyName: "hs_object_id", direction: "ASCENDING" }],
        limit: 200,
      });
      expect(r.status).toBe(200);
      expect(r.body.total).toBe(expected.length - seen.length);
      if (r.body.results.length === 0) break;
      for (const x of r.body.results) seen.push(x.id);
      last = Number(r.body.results.at(-1).id);
    }
    expect(seen).toEqual(expected);
  });

  it("pages descending by id and by a text sort past the first page without repeats", async () => {
    const desc = await search({ sorts: ["-hs_object_id"], limit: 3 });
    expect(desc.body.results.map((r: any) => Number(r.id))).toEqual([
      ID_BASE + N - 1,
      ID_BASE + N - 2,
      ID_BASE + N - 3,
    ]);
    const ids = new Set<string>();
    for (const after of ["0", "200", "400"]) {
      const r = await search({ sorts: ["lastname"], limit: 200, after, properties: ["lastname"] });
      expect(r.body.total).toBe(N);
      for (const x of r.body.results) ids.add(x.id);
    }
    expect(ids.size).toBe(600);
  });

  it("writes over seeded rows: read at once, searchable after the index delay, archived ones gone, emails stay unique", async () => {
    const target = String(ID_BASE + 123_456);
    await sb.call("POST", "/__sandbox/config", { body: { searchIndexDelayMs: 200 } });
    const upd = await sb.call("POST", "/crm/objects/2026-03/contacts/batch/update", {
      token: write,
      body: { inputs: [{ id: target, properties: { jobtitle: "Chief Scale Officer", country: "Iceland" } }] },
    });
    expect(upd.status).toBe(200);
    const got = await sb.call("GET", `/crm/objects/2026-03/contacts/${target}?properties=jobtitle,email`, {
      token: read,
    });
    expect(got.body.properties.jobtitle).toBe("Chief Scale Officer");
    const iceland = { filterGroups: [{ filters: [{ propertyName: "country", operator: "EQ", value: "Iceland" }] }] };
    expect((await search(iceland)).body.total).toBe(0);
    await new Promise((r) => setTimeout(r, 250));
    const found = await search(iceland);
    expect(found.body.total).toBe(1);
    expect(found.body.results[0].id).toBe(target);
    await sb.call("POST", "/__sandbox/config", { body: { searchIndexDelayMs: 0 } });

    // A seeded email is taken: creating it again conflicts; upsert by it updates the seeded row.
    const email = got.body.properties.email as string;
    const dup = await sb.call("POST", "/crm/objects/2026-03/contacts", {
      token: write,
      body: { properties: { email: email.toUpperCase() } },
    });
    expect(dup.status).toBe(409);
    expect(dup.body.message).toContain(target);
    const up = await sb.call("POST", "/crm/objects/2026-03/contacts/batch/upsert", {
      token: write,
      body: { inputs: [{ id: email, idProperty: "email", properties: { firstname: "Upserted" } }] },
    });
    expect(up.body.results[0]).toMatchObject({ id: target, new: false });

    const created = await sb.call("POST", "/crm/objects/2026-03/contacts", {
      token: write,
      body: { properties: { email: "scale-new@example.com", country: "Iceland" } },
    });
    expect(Number(created.body.id)).toBe(ID_BASE + N);
    await sb.call("DELETE", `/crm/objects/2026-03/contacts/${target}`, { token: write });
    const after = await search({ ...iceland, sorts: ["-hs_object_id"] });
    expect(after.body.results.map((r: any) => r.id)).toEqual([created.body.id]);
    expect((await search({ limit: 1 })).body.total).toBe(N);
  });
});
