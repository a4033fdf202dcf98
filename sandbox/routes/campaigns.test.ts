import { beforeEach, describe, expect, it } from "vitest";
import {
  CampaignBatchReadResponseSchema,
  CampaignBatchResponseSchema,
  CampaignListResponseSchema,
  CampaignSchema,
} from "../../lib/hubspot/schemas/campaigns";
import { BatchItemErrorSchema, HubSpotErrorSchema } from "../../lib/hubspot/schemas/errors";
import { createSandbox } from "../server";
import { client } from "../testing/app";

const BASE = "/marketing/campaigns/2026-03";
let api: ReturnType<typeof client>;
let ctl: ReturnType<typeof client>;

beforeEach(async () => {
  const { app } = createSandbox({
    counts: { campaigns: 230, marketingEvents: 0, contacts: 0, companies: 0, deals: 0 },
  });
  ctl = client(app);
  const tok = await ctl("POST", "/__sandbox/tokens", {
    scopes: ["marketing.campaigns.read", "marketing.campaigns.write"],
  });
  api = client(app, tok.body.access_token);
});

async function firstIds(n: number): Promise<string[]> {
  const r = await api("GET", `${BASE}?limit=${n}`);
  return r.body.results.map((x: { id: string }) => x.id);
}

describe("list", () => {
  it("pages through every campaign with after/limit and reports the total", async () => {
    const seen = new Set<string>();
    let after: string | undefined;
    let pages = 0;
    do {
      const r = await api("GET", `${BASE}?limit=100${after ? `&after=${after}` : ""}`);
      expect(r.status).toBe(200);
      const body = CampaignListResponseSchema.parse(r.body);
      expect(body.total).toBe(230);
      body.results.forEach((c) => seen.add(c.id));
      after = body.paging?.next?.after;
      if (after) expect(body.paging!.next!.link).toContain(`after=${after}`);
      pages++;
    } while (after);
    expect(pages).toBe(3);
    expect(seen.size).toBe(230);
  });

  it("defaults to 50 per page, max 100", async () => {
    expect((await api("GET", BASE)).body.results).toHaveLength(50);
    expect((await api("GET", `${BASE}?limit=101`)).status).toBe(400);
    expect((await api("GET", `${BASE}?after=abc`)).status).toBe(400);
  });

  it("sorts by hs_name ascending and descending, and by createdAt", async () => {
    const names = async (sort: string) =>
      (await api("GET", `${BASE}?limit=100&sort=${sort}&properties=hs_name`)).body.results.map(
        (c: any) => c.properties.hs_name as string,
      );
    const asc = await names("hs_name");
    const collator = new Intl.Collator("en", { sensitivity: "base", numeric: true });
    expect(asc).toEqual([...asc].sort(collator.compare));
    const desc = await names("-hs_name");
    expect(desc[0]! >= desc[99]!).toBe(true);
    expect(desc).toEqual([...desc].sort((a, b) => collator.compare(b, a)));
    const created = (await api("GET", `${BASE}?limit=100&sort=-createdAt`)).body.results.map((c: any) =>
      Date.parse(c.createdAt),
    );
    expect(created).toEqual([...created].sort((a, b) => b - a));
    expect((await api("GET", `${BASE}?sort=bogus`)).status).toBe(400);
  });

  it("filters by name (contains, case-insensitive) and returns only the requested properties", async () => {
    await api("POST", `${BASE}/batch/create`, {
      inputs: [
        { properties: { hs_name: "Zebra Special Launch" } },
        { properties: { hs_name: "zebra special webinar" } },
      ],
    });
    const r = await api("GET", `${BASE}?name=ZEBRA%20special&properties=hs_name,hs_notes`);
    expect(r.body.total).toBe(2);
    for (const c of r.body.results) expect(Object.keys(c.properties).sort()).toEqual(["hs_name", "hs_notes"]);
    const d = await api("GET", `${BASE}?limit=1`);
    expect(Object.keys(d.body.results[0].properties)).toContain("hs_name");
  });
});

describe("read", () => {
  it("reads one campaign with the properties asked for, 404 for unknown", async () => {
    const [id] = await firstIds(1);
    const r = await api("GET", `${BASE}/${id}?properties=hs_currency_code`);
    expect(r.status).toBe(200);
    expect(Object.keys(r.body.properties)).toEqual(["hs_currency_code"]);
    expect(CampaignSchema.safeParse(r.body).success).toBe(true);
    const missing = await api("GET", `${BASE}/00000000-0000-4000-a000-000000000000`);
    expect(missing.status).toBe(404);
    expect(missing.body.category).toBe("OBJECT_NOT_FOUND");
  });

  it("batch-reads, ignores duplicate ids and reports unknown ids in a 207", async () => {
    const ids = await firstIds(3);
    const ok = await api("POST", `${BASE}/batch/read?properties=hs_name`, {
      inputs: [...ids, ids[0]].map((id) => ({ id })),
    });
    expect(ok.status).toBe(200);
    expect(
      CampaignBatchReadResponseSchema.parse(ok.body)
        .results.map((c) => c.id)
        .sort(),
    ).toEqual([...ids].sort());
    const partial = await api("POST", `${BASE}/batch/read`, {
      inputs: [{ id: ids[0] }, { id: "nope-1" }, { id: "nope-2" }],
    });
    expect(partial.status).toBe(207);
    expect(partial.body.numErrors).toBe(1);
    expect(partial.body.errors[0].context.ids).toEqual(["nope-1", "nope-2"]);
    expect(partial.body.results[0].properties).toEqual({}); // no properties asked → empty map (spec)
  });
});

describe("create", () => {
  it("creates one campaign (201, Location, full properties, defaults)", async () => {
    const r = await api("POST", BASE, {
      properties: { hs_name: "Solo", hs_start_date: "2026-04-01", hs_goal: "ignored" },
    });
    expect(r.status).toBe(201);
    expect(r.headers.get("location")).toContain(`${BASE}/${r.body.id}`);
    expect(r.body.properties.hs_name).toBe("Solo");
    expect(r.body.properties.hs_notes).toBeNull();
    expect(r.body.properties).not.toHaveProperty("hs_goal");
    expect(r.body.businessUnits).toEqual([{ id: 0 }]);
    expect((await api("POST", BASE, { properties: { hs_name: "solo " } })).status).toBe(409);
    expect((await api("POST", BASE, { properties: { hs_notes: "no name" } })).status).toBe(400);
  });

  it("batch-creates with results in no guaranteed order", async () => {
    const names = Array.from({ length: 50 }, (_, i) => `Batch ${String(i).padStart(2, "0")}`);
    let reordered = false;
    for (let attempt = 0; attempt < 3 && !reordered; attempt++) {
      const r = await api("POST", `${BASE}/batch/create`, {
        inputs: names.map((n) => ({ properties: { hs_name: `${n} try${attempt}` } })),
      });
      expect(r.status).toBe(201);
      const body = CampaignBatchResponseSchema.parse(r.body);
      expect(body.status).toBe("COMPLETE");
      const got = body.results.map((c) => c.properties.hs_name);
      expect([...got].sort()).toEqual(names.map((n) => `${n} try${attempt}`));
      reordered = got.join() !== names.map((n) => `${n} try${attempt}`).join();
    }
    expect(reordered).toBe(true);
  });

  it("rejects more than 50 inputs as a whole (400), writing nothing", async () => {
    const r = await api("POST", `${BASE}/batch/create`, {
      inputs: Array.from({ length: 51 }, (_, i) => ({ properties: { hs_name: `Big ${i}` } })),
    });
    expect(r.status).toBe(400);
    expect(HubSpotErrorSchema.parse(r.body).category).toBe("VALIDATION_ERROR");
    expect((await api("GET", `${BASE}?name=Big`)).body.total).toBe(0);
  });

  it("rejects malformed bodies as a whole", async () => {
    expect((await api("POST", `${BASE}/batch/create`, "{not json")).status).toBe(400);
    expect((await api("POST", `${BASE}/batch/create`, { nope: [] })).status).toBe(400);
    expect((await api("POST", `${BASE}/batch/create`, { inputs: [{ properties: { hs_name: 5 } }] })).status).toBe(400);
  });

  it("reports per-input errors in a 207: duplicates (existing and in-batch), date-times, read-only, missing name", async () => {
    const existing = (await api("GET", `${BASE}?limit=1&properties=hs_name`)).body.results[0].properties.hs_name;
    const r = await api("POST", `${BASE}/batch/create`, {
      inputs: [
        { properties: { hs_name: "Fresh one" } },
        { properties: { hs_name: "FRESH ONE" } },
        { properties: { hs_name: existing } },
        { properties: { hs_name: "Dated", hs_start_date: "2026-03-01T09:00:00.000Z" } },
        { properties: { hs_name: "Owned", hs_owner: "123" } },
        { properties: { hs_notes: "nameless" } },
        { properties: { hs_name: "Backwards", hs_start_date: "2026-03-02", hs_end_date: "2026-03-01" } },
      ],
    });
    expect(r.status).toBe(207);
    expect(r.body.results.map((c: any) => c.properties.hs_name)).toEqual(["Fresh one"]);
    expect(r.body.numErrors).toBe(6);
    for (const e of r.body.errors) expect(BatchItemErrorSchema.safeParse(e).success).toBe(true);
    const byName = (n: string) => r.body.errors.find((e: any) => e.context.name?.[0] === n);
    expect(byName("FRESH ONE").errors[0].code).toBe("DUPLICATE_CAMPAIGN_NAME");
    expect(byName(existing).errors[0].code).toBe("DUPLICATE_CAMPAIGN_NAME");
    expect(byName("Dated").errors[0]).toMatchObject({ code: "INVALID_DATE_PROPERTY", in: "hs_start_date" });
    expect(byName("Owned").errors[0].code).toBe("READ_ONLY_VALUE");
    expect(byName("Backwards").errors[0].code).toBe("END_DATE_BEFORE_START_DATE");
    expect(r.body.errors.find((e: any) => !e.context.name).errors[0].code).toBe("REQUIRED_PROPERTY");
  });
});

describe("update", () => {
  it('updates a batch, bumps updatedAt strictly, returns full campaigns, and "" resets', async () => {
    const ids = await firstIds(3);
    const before = (await api("POST", `${BASE}/batch/read?properties=hs_name`, { inputs: ids.map((id) => ({ id })) }))
      .body.results;
    const r = await api("POST", `${BASE}/batch/update`, {
      inputs: ids.map((id, i) => ({
        id,
        properties: { hs_notes: i === 0 ? "" : `note ${i}`, hs_campaign_status: "paused" },
      })),
    });
    expect(r.status).toBe(200);
    const results = CampaignBatchResponseSchema.parse(r.body).results;
    expect(results.map((c) => c.id)).toEqual(ids);
    expect(results[0]!.properties.hs_notes).toBeNull();
    expect(results[1]!.properties.hs_notes).toBe("note 1");
    expect(Object.keys(results[0]!.properties)).toContain("hs_currency_code");
    const stamps = results.map((c) => Date.parse(c.updatedAt));
    expect(stamps[0]! < stamps[1]! && stamps[1]! < stamps[2]!).toBe(true);
    for (const b of before)
      expect(Date.parse(results.find((c) => c.id === b.id)!.updatedAt)).toBeGreaterThan(Date.parse(b.updatedAt));
    expect(r.body.results[0].updatedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });

  it("reports unknown ids and invalid values per input (207) and applies the rest", async () => {
    const ids = await firstIds(3);
    const r = await api("POST", `${BASE}/batch/update`, {
      inputs: [
        { id: ids[0], properties: { hs_audience: "Updated audience" } },
        { id: "missing-a", properties: { hs_notes: "x" } },
        { id: ids[1], properties: { hs_end_date: "2026-01-01T00:00:00Z" } },
        { id: ids[2], properties: { hs_budget_items_sum_amount: "10" } },
        { id: "missing-b", properties: { hs_notes: "x" } },
      ],
    });
    expect(r.status).toBe(207);
    expect(r.body.results.map((c: any) => c.id)).toEqual([ids[0]]);
    const notFound = r.body.errors.find((e: any) => e.category === "OBJECT_NOT_FOUND");
    expect(notFound.context.ids).toEqual(["missing-a", "missing-b"]);
    const dated = r.body.errors.find((e: any) => e.context.ids?.[0] === ids[1]);
    expect(dated.errors[0].code).toBe("INVALID_DATE_PROPERTY");
    expect(r.body.errors.find((e: any) => e.context.ids?.[0] === ids[2]).errors[0].code).toBe("READ_ONLY_VALUE");
    const after = await api("GET", `${BASE}/${ids[0]}?properties=hs_audience`);
    expect(after.body.properties.hs_audience).toBe("Updated audience");
  });

  it("rejects renaming to a name another campaign has, but allows keeping one's own", async () => {
    const list = (await api("GET", `${BASE}?limit=2&properties=hs_name`)).body.results;
    const r = await api("POST", `${BASE}/batch/update`, {
      inputs: [
        { id: list[0].id, properties: { hs_name: list[1].properties.hs_name.toUpperCase() } },
        { id: list[1].id, properties: { hs_name: list[1].properties.hs_name } },
      ],
    });
    expect(r.status).toBe(207);
    expect(r.body.errors[0]).toMatchObject({ category: "CONFLICT", context: { ids: [list[0].id] } });
    expect(r.body.results.map((c: any) => c.id)).toEqual([list[1].id]);
  });

  it("rejects duplicate ids and more than 50 inputs as a whole", async () => {
    const [id] = await firstIds(1);
    expect(
      (
        await api("POST", `${BASE}/batch/update`, {
          inputs: [
            { id, properties: {} },
            { id, properties: {} },
          ],
        })
      ).status,
    ).toBe(400);
    const many = Array.from({ length: 51 }, (_, i) => ({ id: `x${i}`, properties: { hs_notes: "n" } }));
    expect((await api("POST", `${BASE}/batch/update`, { inputs: many })).status).toBe(400);
    expect((await api("POST", `${BASE}/batch/update`, { inputs: [{ properties: {} }] })).status).toBe(400);
  });

  it("PATCH updates one campaign; read-only → 400; unknown → 404", async () => {
    const [id] = await firstIds(1);
    const r = await api("PATCH", `${BASE}/${id}`, {
      properties: { hs_start_date: "2026-01-01", hs_end_date: "2026-02-01" },
    });
    expect(r.status).toBe(200);
    expect(r.body.properties).toMatchObject({ hs_start_date: "2026-01-01", hs_end_date: "2026-02-01" });
    const bad = await api("PATCH", `${BASE}/${id}`, { properties: { hs_end_date: "2025-12-31" } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].code).toBe("END_DATE_BEFORE_START_DATE");
    expect((await api("PATCH", `${BASE}/${id}`, { properties: { hs_object_id: "1" } })).status).toBe(400);
    expect((await api("PATCH", `${BASE}/nope`, { properties: { hs_notes: "x" } })).status).toBe(404);
  });
});

describe("archive", () => {
  it("archives a batch (204, unknown ids included) and frees the names", async () => {
    const list = (await api("GET", `${BASE}?limit=2&properties=hs_name`)).body.results;
    const r = await api("POST", `${BASE}/batch/archive`, { inputs: [{ id: list[0].id }, { id: "unknown" }] });
    expect(r.status).toBe(204);
    expect((await api("GET", `${BASE}/${list[0].id}`)).status).toBe(404);
    expect((await api("GET", BASE)).body.total).toBe(229);
    expect((await api("POST", BASE, { properties: { hs_name: list[0].properties.hs_name } })).status).toBe(201);
    expect((await api("DELETE", `${BASE}/${list[1].id}`)).status).toBe(204);
    expect((await api("DELETE", `${BASE}/${list[1].id}`)).status).toBe(204);
    expect(
      (await api("POST", `${BASE}/batch/archive`, { inputs: Array.from({ length: 51 }, (_, i) => ({ id: `x${i}` })) }))
        .status,
    ).toBe(400);
  });
});

describe("scopes", () => {
  it("reads with the read scope only, but writes need the write scope", async () => {
    const { app } = createSandbox({ counts: { campaigns: 5 } });
    const tok = await client(app)("POST", "/__sandbox/tokens", { scopes: ["marketing.campaigns.read"] });
    const ro = client(app, tok.body.access_token);
    expect((await ro("GET", BASE)).status).toBe(200);
    const w = await ro("POST", `${BASE}/batch/create`, { inputs: [] });
    expect(w.status).toBe(403);
    expect(w.body.category).toBe("MISSING_SCOPES");
    expect(w.body.errors[0].context.requiredGranularScopes).toEqual(["marketing.campaigns.write"]);
  });
});
