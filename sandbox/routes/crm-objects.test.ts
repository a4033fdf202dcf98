import { beforeEach, describe, expect, it } from "vitest";
import {
  CrmBatchResponseSchema,
  CrmBatchUpsertResponseSchema,
  CrmObjectPageSchema,
  CrmObjectSchema,
} from "../../lib/hubspot/schemas/crm";
import { PORTAL, setupSandbox } from "./route-test-kit";

const C = "/crm/objects/2026-03/contacts";
const CONTACT_RW = ["crm.objects.contacts.read", "crm.objects.contacts.write"];

let sb: ReturnType<typeof setupSandbox>;
let tok: string;
beforeEach(() => {
  sb = setupSandbox();
  tok = sb.token([
    ...CONTACT_RW,
    "crm.objects.companies.write",
    "crm.objects.deals.write",
    "tickets",
    "crm.objects.custom.write",
  ]);
});

const contact = async (id: string) =>
  (await sb.call("GET", `${C}/${id}?properties=email,firstname,lifecyclestage,jobtitle`, { token: tok })).body;

describe("list and read", () => {
  it("lists contacts with default properties and pages with after without overlap", async () => {
    const first = await sb.call("GET", `${C}?limit=100`, { token: tok });
    expect(first.status).toBe(200);
    const page = CrmObjectPageSchema.parse(first.body);
    expect(page.results).toHaveLength(100);
    expect(Object.keys(page.results[0]!.properties).sort()).toEqual([
      "createdate",
      "email",
      "firstname",
      "hs_object_id",
      "lastmodifieddate",
      "lastname",
    ]);
    const seen = new Set(page.results.map((r) => r.id));
    let after = page.paging?.next?.after;
    while (after) {
      const next = CrmObjectPageSchema.parse(
        (await sb.call("GET", `${C}?limit=100&after=${after}`, { token: tok })).body,
      );
      for (const r of next.results) {
        expect(seen.has(r.id)).toBe(false);
        seen.add(r.id);
      }
      after = next.paging?.next?.after;
    }
    expect(seen.size).toBe(300);
  });

  it("returns requested properties (plus the system ones) and null for unset values", async () => {
    const r = await sb.call("GET", `${C}?limit=5&properties=jobtitle,hs_lead_status,not_a_property`, { token: tok });
    const props = r.body.results[0].properties;
    expect(Object.keys(props).sort()).toEqual([
      "createdate",
      "hs_lead_status",
      "hs_object_id",
      "jobtitle",
      "lastmodifieddate",
    ]);
    expect(
      r.body.results.some((o: any) => o.properties.hs_lead_status === null) ||
        r.body.results.every((o: any) => typeof o.properties.hs_lead_status === "string"),
    ).toBe(true);
  });

  it("reads one by id and by idProperty=email, 404 otherwise", async () => {
    const one = await sb.call("GET", `${C}/10000007`, { token: tok });
    expect(one.status).toBe(200);
    CrmObjectSchema.parse(one.body);
    const byEmail = await sb.call(
      "GET",
      `${C}/${encodeURIComponent(one.body.properties.email.toUpperCase())}?idProperty=email`,
      { token: tok },
    );
    expect(byEmail.body.id).toBe("10000007");
    const missing = await sb.call("GET", `${C}/999`, { token: tok });
    expect(missing.status).toBe(404);
    expect(missing.body.category).toBe("OBJECT_NOT_FOUND");
    const notUnique = await sb.call("GET", `${C}/Zoe?idProperty=firstname`, { token: tok });
    expect(notUnique.status).toBe(400);
  });

  it("addresses object types by name, id and custom fully qualified name", async () => {
    for (const t of ["companies", "0-2"])
      expect((await sb.call("GET", `/crm/objects/2026-03/${t}?limit=1`, { token: tok })).body.results[0].id).toBe(
        "20000001",
      );
    for (const t of ["2-90000001", "p_projects", `p${PORTAL}_projects`]) {
      const r = await sb.call("GET", `/crm/objects/2026-03/${t}?limit=100&properties=project_name`, { token: tok });
      expect(r.status).toBe(200);
      expect(r.body.results).toHaveLength(12);
      expect(r.body.results[0].properties.project_name).toBeTruthy();
    }
    expect((await sb.call("GET", `/crm/objects/2026-03/tickets?limit=100`, { token: tok })).body.results).toHaveLength(
      25,
    );
    const unknown = await sb.call("GET", "/crm/objects/2026-03/widgets", { token: tok });
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toBe("Unable to infer object type from: widgets");
    expect((await sb.call("GET", "/crm/objects/2026-03/p20260399_projects", { token: tok })).status).toBe(400);
  });
});

describe("scopes", () => {
  it("needs a token, accepts read or write scope for reads and only write for writes", async () => {
    expect((await sb.call("GET", C)).status).toBe(401);
    const readOnly = sb.token(["crm.objects.contacts.read"]);
    const writeOnly = sb.token(["crm.objects.contacts.write"]);
    expect((await sb.call("GET", C, { token: readOnly })).status).toBe(200);
    expect((await sb.call("GET", C, { token: writeOnly })).status).toBe(200);
    const body = { inputs: [{ id: "10000001", properties: { firstname: "A" } }] };
    const denied = await sb.call("POST", `${C}/batch/update`, { token: readOnly, body });
    expect(denied.status).toBe(403);
    expect(denied.body.category).toBe("MISSING_SCOPES");
    expect((await sb.call("POST", `${C}/batch/update`, { token: writeOnly, body })).status).toBe(200);
    // contacts scopes do not open companies; tickets use the single `tickets` scope
    expect((await sb.call("GET", "/crm/objects/2026-03/companies", { token: readOnly })).status).toBe(403);
    expect((await sb.call("GET", "/crm/objects/2026-03/0-5", { token: sb.token(["tickets"]) })).status).toBe(200);
    expect(
      (await sb.call("GET", "/crm/objects/2026-03/2-90000001", { token: sb.token(["crm.objects.custom.read"]) }))
        .status,
    ).toBe(200);
    expect(
      (
        await sb.call("POST", "/crm/objects/2026-03/2-90000001/batch/create", {
          token: sb.token(["crm.objects.custom.read"]),
          body: { inputs: [] },
        })
      ).status,
    ).toBe(403);
  });
});

describe("batch update: whole-request vs multi-status", () => {
  it("without objectWriteTraceId one invalid input fails the whole batch with 400 and writes nothing", async () => {
    const before = await contact("10000002");
    const r = await sb.call("POST", `${C}/batch/update`, {
      token: tok,
      body: {
        inputs: [
          { id: "10000001", properties: { lifecyclestage: "champion" } },
          { id: "10000002", properties: { jobtitle: "Should not be written" } },
        ],
      },
    });
    expect(r.status).toBe(400);
    expect(r.body.category).toBe("VALIDATION_ERROR");
    expect(r.body.message).toMatch(/^Property values were not valid: \[/);
    const listed = JSON.parse(r.body.message.replace("Property values were not valid: ", ""));
    expect(listed[0]).toMatchObject({ isValid: false, error: "INVALID_OPTION", name: "lifecyclestage" });
    expect(await contact("10000002")).toEqual(before);
  });

  it("with a trace id per input writes the valid inputs and answers 207 naming the failed trace id", async () => {
    const r = await sb.call("POST", `${C}/batch/update`, {
      token: tok,
      body: {
        inputs: [
          { id: "10000001", properties: { lifecyclestage: "champion" }, objectWriteTraceId: "row-1" },
          { id: "10000002", properties: { jobtitle: "Written" }, objectWriteTraceId: "row-2" },
        ],
      },
    });
    expect(r.status).toBe(207);
    const body = CrmBatchResponseSchema.parse(r.body);
    expect(body.numErrors).toBe(1);
    expect(body.errors![0]!.category).toBe("VALIDATION_ERROR");
    expect(body.errors![0]!.context.objectWriteTraceId).toEqual(["row-1"]);
    expect(body.results.map((o) => [o.id, o.objectWriteTraceId])).toEqual([["10000002", "row-2"]]);
    expect((await contact("10000002")).properties.jobtitle).toBe("Written");
    expect((await contact("10000001")).properties.lifecyclestage).not.toBe("champion");
  });

  it("reports unknown ids as one OBJECT_NOT_FOUND error with context.ids and still writes the rest", async () => {
    const r = await sb.call("POST", `${C}/batch/update`, {
      token: tok,
      body: {
        inputs: [
          { id: "10000003", properties: { jobtitle: "Found" } },
          { id: "42", properties: { jobtitle: "x" } },
          { id: "43", properties: {} },
        ],
      },
    });
    expect(r.status).toBe(207);
    expect(r.body.errors).toHaveLength(1);
    expect(r.body.errors[0].category).toBe("OBJECT_NOT_FOUND");
    expect(r.body.errors[0].context.ids).toEqual(["42", "43"]);
    expect((await contact("10000003")).properties.jobtitle).toBe("Found");
  });

  it("rejects duplicate ids in one batch with 400 and writes nothing", async () => {
    const r = await sb.call("POST", `${C}/batch/update`, {
      token: tok,
      body: {
        inputs: [
          { id: "10000004", properties: { jobtitle: "A" } },
          { id: "10000005", properties: { jobtitle: "B" } },
          { id: "10000004", properties: { jobtitle: "C" } },
        ],
      },
    });
    expect(r.status).toBe(400);
    expect(r.body.category).toBe("VALIDATION_ERROR");
    expect(r.body.message).toContain("Duplicate IDs found in batch input");
    expect(r.body.context.ids).toEqual(["10000004"]);
    expect((await contact("10000005")).properties.jobtitle).not.toBe("B");
  });

  it("accepts 100 inputs and rejects 101", async () => {
    const inputs = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ id: String(10000001 + i), properties: { jobtitle: `T${i}` } }));
    const ok = await sb.call("POST", `${C}/batch/update`, { token: tok, body: { inputs: inputs(100) } });
    expect(ok.status).toBe(200);
    expect(ok.body.results).toHaveLength(100);
    const tooMany = await sb.call("POST", `${C}/batch/update`, { token: tok, body: { inputs: inputs(101) } });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.message).toContain("at most 100 inputs");
  });

  it("updates by idProperty=email and bumps updatedAt and lastmodifieddate", async () => {
    const before = await contact("10000009");
    const r = await sb.call("POST", `${C}/batch/update`, {
      token: tok,
      body: {
        inputs: [{ id: before.properties.email.toUpperCase(), idProperty: "email", properties: { jobtitle: "CMO" } }],
      },
    });
    expect(r.status).toBe(200);
    expect(r.body.results[0].id).toBe("10000009");
    const after = (await sb.call("GET", `${C}/10000009?properties=jobtitle`, { token: tok })).body;
    expect(after.properties.jobtitle).toBe("CMO");
    expect(Date.parse(after.updatedAt)).toBeGreaterThan(Date.parse(before.updatedAt));
    expect(after.properties.lastmodifieddate).toBe(after.updatedAt);
  });

  it("returns results in an order unrelated to the inputs", async () => {
    const ids = Array.from({ length: 10 }, (_, i) => String(10000011 + i));
    const r = await sb.call("POST", `${C}/batch/update`, {
      token: tok,
      body: { inputs: ids.map((id) => ({ id, properties: { jobtitle: "Shuffled" } })) },
    });
    const got = r.body.results.map((o: any) => o.id);
    expect(got).not.toEqual(ids);
    expect([...got].sort()).toEqual(ids);
  });
});

describe("property validation", () => {
  const update = (type: string, id: string, properties: Record<string, unknown>) =>
    sb.call("POST", `/crm/objects/2026-03/${type}/batch/update`, {
      token: tok,
      body: { inputs: [{ id, properties, objectWriteTraceId: "t" }] },
    });
  const code = (r: any) =>
    JSON.parse(r.body.errors[0].message.replace("Property values were not valid: ", ""))[0].error;

  it.each([
    ["contacts", "10000001", { favourite_colour: "blue" }, "PROPERTY_DOESNT_EXIST"],
    ["contacts", "10000001", { hs_lead_status: "MAYBE" }, "INVALID_OPTION"],
    ["contacts", "10000001", { email: "not-an-email" }, "INVALID_EMAIL"],
    ["contacts", "10000001", { createdate: "2026-01-01T00:00:00Z" }, "READ_ONLY_VALUE"],
    ["contacts", "10000001", { num_associated_deals: "3" }, "READ_ONLY_VALUE"],
    ["contacts", "10000001", { lifecyclestage: "lead " }, "LEADING_TRAILING_WHITESPACE"],
    ["companies", "20000001", { numberofemployees: "12.5" }, "INVALID_INTEGER"],
    ["deals", "30000001", { amount: "a lot" }, "INVALID_DECIMAL"],
    ["deals", "30000001", { closedate: "next week" }, "INVALID_DATE"],
    ["p_projects", "50000001", { status: "cancelled" }, "INVALID_OPTION"],
  ])("%s %o -> %s", async (type, id, props, expected) => {
    const r = await update(type, id, props);
    expect(r.status).toBe(207);
    expect(code(r)).toBe(expected);
  });

  it("accepts and normalizes valid typed values", async () => {
    const r = await update("deals", "30000001", { amount: 1250.5, closedate: 1767225600000, dealstage: "closedwon" });
    expect(r.status).toBe(200);
    expect(r.body.results[0].properties).toMatchObject({
      amount: "1250.5",
      closedate: "2026-01-01T00:00:00.000Z",
      dealstage: "closedwon",
    });
  });
});

describe("unique values", () => {
  it("rejects an email already in use: 409 without trace ids (nothing written), 207 CONFLICT with them", async () => {
    const taken = (await contact("10000001")).properties.email;
    const inputs = [{ properties: { email: taken } }, { properties: { email: "new.person@example.org" } }];
    const r = await sb.call("POST", `${C}/batch/create`, { token: tok, body: { inputs } });
    expect(r.status).toBe(409);
    expect(r.body.category).toBe("CONFLICT");
    expect(r.body.message).toBe("Contact already exists. Existing ID: 10000001");
    expect((await sb.call("GET", `${C}/new.person@example.org?idProperty=email`, { token: tok })).status).toBe(404);

    const traced = inputs.map((i, n) => ({ ...i, objectWriteTraceId: `c${n}` }));
    const m = await sb.call("POST", `${C}/batch/create`, { token: tok, body: { inputs: traced } });
    expect(m.status).toBe(207);
    expect(m.body.errors[0]).toMatchObject({
      category: "CONFLICT",
      context: { objectWriteTraceId: ["c0"], existingId: ["10000001"] },
    });
    expect(m.body.results[0].properties.email).toBe("new.person@example.org");
  });

  it("rejects the same unique value twice in one batch", async () => {
    const r = await sb.call("POST", "/crm/objects/2026-03/companies/batch/create", {
      token: tok,
      body: {
        inputs: [
          { properties: { name: "A", domain: "same.example" } },
          { properties: { name: "B", domain: "SAME.example" } },
        ],
      },
    });
    expect(r.status).toBe(409);
  });
});

describe("batch create, read, upsert", () => {
  it("creates with new ids and echoes objectWriteTraceId (201)", async () => {
    const r = await sb.call("POST", `${C}/batch/create`, {
      token: tok,
      body: {
        inputs: [
          { properties: { email: "a@new.example", firstname: "A" }, objectWriteTraceId: "a", associations: [] },
          { properties: { email: "b@new.example" }, objectWriteTraceId: "b" },
        ],
      },
    });
    expect(r.status).toBe(201);
    const body = CrmBatchResponseSchema.parse(r.body);
    const byTrace = Object.fromEntries(body.results.map((o) => [o.objectWriteTraceId, o]));
    expect(byTrace.a!.properties.email).toBe("a@new.example");
    expect(Number(byTrace.b!.id)).toBeGreaterThan(10000300);
  });

  it("batch reads by id and by email; unknown ids give 207 with context.ids", async () => {
    const r = await sb.call("POST", `${C}/batch/read`, {
      token: tok,
      body: { inputs: [{ id: "10000001" }, { id: "10000002" }, { id: "5" }], properties: ["jobtitle"] },
    });
    expect(r.status).toBe(207);
    expect(r.body.results).toHaveLength(2);
    expect(r.body.results[0].properties).toHaveProperty("jobtitle");
    expect(r.body.errors[0]).toMatchObject({ category: "OBJECT_NOT_FOUND", context: { ids: ["5"] } });
    const email = (await contact("10000002")).properties.email;
    const byEmail = await sb.call("POST", `${C}/batch/read`, {
      token: tok,
      body: { idProperty: "email", inputs: [{ id: email }], properties: [] },
    });
    expect(byEmail.status).toBe(200);
    expect(byEmail.body.results[0].id).toBe("10000002");
  });

  it("upserts by email: updates existing (new=false), creates missing (new=true)", async () => {
    const email = (await contact("10000010")).properties.email;
    const r = await sb.call("POST", `${C}/batch/upsert`, {
      token: tok,
      body: {
        inputs: [
          { id: email, idProperty: "email", properties: { jobtitle: "Upserted" } },
          { id: "fresh@up.example", idProperty: "email", properties: { firstname: "Fresh" } },
        ],
      },
    });
    expect(r.status).toBe(200);
    const body = CrmBatchUpsertResponseSchema.parse(r.body);
    const existing = body.results.find((o) => o.id === "10000010")!;
    const created = body.results.find((o) => o.id !== "10000010")!;
    expect(existing.new).toBe(false);
    expect(created.new).toBe(true);
    expect(created.properties.email).toBe("fresh@up.example");
    expect(
      (await sb.call("POST", `${C}/batch/upsert`, { token: tok, body: { inputs: [{ id: "1", properties: {} }] } }))
        .status,
    ).toBe(400);
  });

  it("archives records so they leave the list and free their email", async () => {
    const email = (await contact("10000020")).properties.email;
    expect(
      (await sb.call("POST", `${C}/batch/archive`, { token: tok, body: { inputs: [{ id: "10000020" }] } })).status,
    ).toBe(204);
    expect((await sb.call("GET", `${C}/10000020`, { token: tok })).status).toBe(404);
    expect((await sb.call("GET", `${C}/10000020?archived=true`, { token: tok })).body.archived).toBe(true);
    expect(
      (await sb.call("POST", `${C}/batch/create`, { token: tok, body: { inputs: [{ properties: { email } }] } }))
        .status,
    ).toBe(201);
  });
});
