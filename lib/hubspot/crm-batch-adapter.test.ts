import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunBatchOptions } from "../batch/engine";
import { byStatus, sandboxKit, type SandboxKit, loseFirstAnswer } from "../../tests/support/sandbox-kit";
import type { RowError, RowOperation, RowOutcome } from "../batch/types";
import { crmBatchAdapter, type CrmAdapterOptions } from "./crm-batch-adapter";
import { crmRequestError } from "./crm-batch-errors";
import { listCrmProperties } from "./crm-properties";

/**
 * What only CRM records do, against the sandbox: addressing by a unique property, creates matched
 * by objectWriteTraceId, lost creates looked up by unique value (or refused without one), duplicate
 * rows caught before HubSpot sees them, and HubSpot's property errors in plain words.
 */
type Contact = { id: string; updatedAt: string; properties: Record<string, string | null> };
const CONTACTS = "/crm/objects/2026-03/contacts";

let kit: SandboxKit;
beforeAll(async () => {
  kit = await sandboxKit({ campaigns: 0, counts: { contacts: 20, deals: 5 } });
});
afterAll(async () => kit?.close());
beforeEach(async () => kit.reset());

const run = (opts: CrmAdapterOptions, ops: RowOperation[], extra: Partial<RunBatchOptions> = {}) =>
  kit.run(crmBatchAdapter(opts), ops, extra);
const contacts = () => kit.records<Contact>("contacts");
const inputs = async (path: string) =>
  (await kit.requests(path)).map((c) => ({
    status: c.status,
    query: c.query,
    body: c.requestBody as { inputs: Record<string, unknown>[]; idProperty?: string },
  }));
const errorOf = (o: RowOutcome | undefined) => (o as Extract<RowOutcome, { status: "failed" }>).error;

const byEmail = { objectType: "contacts", idProperty: "email" };

describe("contacts addressed by email (idProperty)", () => {
  it("updates by email in any case; saved records carry HubSpot's id; unknown emails fail as not found", async () => {
    const [a, b] = await contacts();
    const outcomes = await run(byEmail, [
      {
        rowKey: "a",
        kind: "update",
        id: ` ${a!.properties.email!.toUpperCase()} `,
        properties: { jobtitle: "Chief Listener" },
      },
      { rowKey: "b", kind: "update", id: b!.properties.email!, properties: { jobtitle: "Head of Things" } },
      { rowKey: "x", kind: "update", id: "nobody@nowhere.example", properties: { jobtitle: "?" } },
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(["saved", "saved", "failed"]);
    expect(outcomes[0]).toMatchObject({ record: { id: a!.id, properties: { jobtitle: "Chief Listener" } } });
    expect(errorOf(outcomes[2])).toMatchObject({
      category: "OBJECT_NOT_FOUND",
      property: "email",
      message: "No contact with email “nobody@nowhere.example” exists in HubSpot.",
    });
    // Emails are resolved to record ids by batch read (which takes idProperty), then updated by id
    // (real HubSpot refuses batch/update by email); the unknown email is never sent.
    const [resolve] = await inputs(`${CONTACTS}/batch/read`);
    expect(resolve!.body).toMatchObject({ idProperty: "email", properties: ["email"] });
    const [call] = await inputs(`${CONTACTS}/batch/update`);
    expect(call!.body.inputs.map((i) => [i.id, i.idProperty, i.objectWriteTraceId])).toEqual([
      [a!.id, undefined, "a"],
      [b!.id, undefined, "b"],
    ]);
    const stored = new Map((await contacts()).map((c) => [c.id, c]));
    expect(stored.get(a!.id)!.properties.jobtitle).toBe("Chief Listener");
    expect(stored.get(b!.id)!.properties.jobtitle).toBe("Head of Things");
  });

  it("the conflict check reads by email too", async () => {
    const [a] = await contacts();
    await run(byEmail, [
      { rowKey: "them", kind: "update", id: a!.properties.email!, properties: { jobtitle: "Theirs" } },
    ]);
    const [o] = await run(byEmail, [
      {
        rowKey: "me",
        kind: "update",
        id: a!.properties.email!.toUpperCase(),
        properties: { jobtitle: "Mine" },
        baseline: { updatedAt: a!.updatedAt, values: a!.properties },
      },
    ]);
    expect(o).toMatchObject({ status: "conflict", current: { id: a!.id, properties: { jobtitle: "Theirs" } } });
    const reads = await inputs(`${CONTACTS}/batch/read`);
    expect(reads.map((r) => r.body)).toContainEqual(
      expect.objectContaining({ idProperty: "email", properties: ["jobtitle", "email"] }),
    );
  });
});

describe("a portal that refuses batch/update by email (sandbox strict.idPropertyUpdate, as real HubSpot)", () => {
  it("updates by email still save every row, by record id; an unknown email is not found, never created", async () => {
    await kit.control("POST", "/__sandbox/config", { strict: { idPropertyUpdate: true } });
    try {
      const [a, b] = await contacts();
      const before = (await contacts()).length;
      const outcomes = await run(byEmail, [
        { rowKey: "a", kind: "update", id: a!.properties.email!.toUpperCase(), properties: { jobtitle: "Strict A" } },
        { rowKey: "b", kind: "update", id: b!.properties.email!, properties: { jobtitle: "Strict B" } },
        { rowKey: "x", kind: "update", id: "stranger@nowhere.example", properties: { jobtitle: "?" } },
      ]);
      expect(outcomes.map((o) => o.status)).toEqual(["saved", "saved", "failed"]);
      expect(errorOf(outcomes[2])).toMatchObject({ category: "OBJECT_NOT_FOUND" });
      const after = await contacts();
      expect(after).toHaveLength(before);
      expect(after.find((c) => c.id === a!.id)!.properties.jobtitle).toBe("Strict A");
    } finally {
      await kit.control("POST", "/__sandbox/config", { strict: { idPropertyUpdate: false } });
    }
  });
});

describe("a whole batch create refused with one 409 (as real HubSpot answers an existing email)", () => {
  it("isolates the inputs that really collide: each gets its own existing record; the others are created once", async () => {
    const all = await contacts();
    const [x, y] = [all[3]!, all[6]!];
    const ops: RowOperation[] = [
      { rowKey: "n0", kind: "create", properties: { email: "fresh0@example.com", firstname: "Fresh" } },
      { rowKey: "x", kind: "create", properties: { email: x.properties.email!.toUpperCase(), firstname: "Dup X" } },
      { rowKey: "n1", kind: "create", properties: { email: "fresh1@example.com", firstname: "Fresh" } },
      { rowKey: "y", kind: "create", properties: { email: y.properties.email!, firstname: "Dup Y" } },
    ];
    // HubSpot names only the first existing record, and writes nothing.
    const body = {
      status: "error",
      category: "CONFLICT",
      message: `Contact already exists. Existing ID: ${x.id}`,
      correlationId: "c0ffee",
    };
    await kit.faults({ method: "POST", path: `${CONTACTS}/batch/create`, status: 409, body });
    const outcomes = new Map(
      (await run({ objectType: "contacts", uniqueProperty: "email" }, ops)).map((o) => [o.rowKey, o]),
    );
    expect([...outcomes.values()].map((o) => `${o.rowKey}:${o.status}`)).toEqual([
      "n0:saved",
      "x:failed",
      "n1:saved",
      "y:failed",
    ]);
    expect(errorOf(outcomes.get("x"))).toMatchObject({
      category: "CONFLICT",
      message: `A contact with email “${x.properties.email!.toUpperCase()}” already exists in HubSpot (record ${x.id}).`,
    });
    expect(errorOf(outcomes.get("y"))!.message).toBe(
      `A contact with email “${y.properties.email}” already exists in HubSpot (record ${y.id}).`,
    );
    const after = await contacts();
    expect(after).toHaveLength(all.length + 2);
    for (const e of ["fresh0@example.com", "fresh1@example.com"])
      expect(after.filter((c) => c.properties.email === e)).toHaveLength(1);
  });
});

describe("creates", () => {
  it("map unordered results back by trace id (150 rows → 100 + 50); per-row errors leave the rest created", async () => {
    const [existing] = await contacts();
    const ops: RowOperation[] = Array.from({ length: 150 }, (_, i) => ({
      rowKey: `new-${i}`,
      kind: "create",
      properties: { email: `new${i}@example.com`, firstname: `New ${i}` },
    }));
    ops[10] = { rowKey: "new-10", kind: "create", properties: { email: "not-an-email", firstname: "Bad" } };
    ops[20] = {
      rowKey: "new-20",
      kind: "create",
      properties: { email: existing!.properties.email!, firstname: "Again" },
    };
    const outcomes = await run({ objectType: "contacts" }, ops);

    expect(byStatus(outcomes)).toEqual({ saved: 148, failed: 2 });
    expect(errorOf(outcomes[10])).toMatchObject({
      code: "INVALID_EMAIL",
      property: "email",
      message: "“not-an-email” is not a valid email address.",
    });
    expect(errorOf(outcomes[20])).toMatchObject({
      category: "CONFLICT",
      property: "email",
      message: `A contact with email “${existing!.properties.email}” already exists in HubSpot (record ${existing!.id}).`,
    });
    const calls = await inputs(`${CONTACTS}/batch/create`);
    expect(calls.map((c) => c.body.inputs.length)).toEqual([100, 50]);
    expect(calls.flatMap((c) => c.body.inputs.map((i) => i.objectWriteTraceId))).toEqual(ops.map((o) => o.rowKey));
    const stored = new Map((await contacts()).map((c) => [c.id, c]));
    outcomes.forEach((o, i) => {
      if (o.status !== "saved") return;
      expect(stored.get(o.record.id)!.properties).toMatchObject({
        email: `new${i}@example.com`,
        firstname: `New ${i}`,
      });
    });
  });

  it("two creates with one email (any case) in a submission: the second fails before sending", async () => {
    const outcomes = await run({ objectType: "contacts", uniqueProperty: "email" }, [
      { rowKey: "a", kind: "create", properties: { email: "twin@example.com" } },
      { rowKey: "b", kind: "create", properties: { email: " TWIN@example.com" } },
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(["saved", "failed"]);
    expect(errorOf(outcomes[1])).toMatchObject({ code: "DUPLICATE_ROW" });
    expect((await inputs(`${CONTACTS}/batch/create`)).map((c) => c.body.inputs.length)).toEqual([1]);
  });

  it("a lost answer (502) is looked up by email before any resend; each contact created once", async () => {
    const ops: RowOperation[] = Array.from({ length: 5 }, (_, i) => ({
      rowKey: `c${i}`,
      kind: "create",
      properties: { email: `lost${i}@example.com` },
    }));
    await kit.faults({ method: "POST", path: `${CONTACTS}/batch/create`, status: 502, times: 1 });
    const outcomes = await run({ objectType: "contacts", idProperty: "email" }, ops);
    expect(byStatus(outcomes)).toEqual({ saved: 5 });
    expect((await inputs(`${CONTACTS}/batch/create`)).map((c) => c.status)).toEqual([502, 201]);
    expect((await inputs(`${CONTACTS}/batch/read`))[0]!.body).toMatchObject({
      idProperty: "email",
      inputs: ops.map((o) => ({ id: (o.properties as { email: string }).email })),
    });
    const emails = (await contacts()).map((c) => c.properties.email);
    for (let i = 0; i < 5; i++) expect(emails.filter((e) => e === `lost${i}@example.com`)).toHaveLength(1);
  });

  it("created but the answer lost: found by email, never resent", async () => {
    const losing = loseFirstAnswer("/batch/create");
    const ops: RowOperation[] = [0, 1, 2].map((i) => ({
      rowKey: `c${i}`,
      kind: "create",
      properties: { email: `applied${i}@example.com`, firstname: `A${i}` },
    }));
    const outcomes = await run({ objectType: "contacts", uniqueProperty: "email" }, ops, {
      client: kit.client(losing),
    });
    expect(byStatus(outcomes)).toEqual({ saved: 3 });
    expect(outcomes[1]).toMatchObject({ record: { properties: { email: "applied1@example.com", firstname: "A1" } } });
    expect(await inputs(`${CONTACTS}/batch/create`)).toHaveLength(1);
  });

  it("without a unique property (deals), a lost answer fails as UNKNOWN_OUTCOME rather than risk a duplicate", async () => {
    await kit.faults({ method: "POST", path: "/crm/objects/2026-03/deals/batch/create", status: 503, times: 1 });
    const outcomes = await run({ objectType: "deals" }, [
      { rowKey: "d", kind: "create", properties: { dealname: "Maybe" } },
    ]);
    expect(errorOf(outcomes[0])).toMatchObject({ category: "UNKNOWN_OUTCOME" });
    expect(await inputs("/crm/objects/2026-03/deals/batch/create")).toHaveLength(1);
  });
});

describe("duplicate rows for one record", () => {
  it("are flagged before sending, by id and by email in any case: HubSpot never sees them (no 400)", async () => {
    const [a, b] = await contacts();
    const byId = await run({ objectType: "contacts" }, [
      { rowKey: "1", kind: "update", id: a!.id, properties: { jobtitle: "one" } },
      { rowKey: "2", kind: "update", id: ` ${a!.id}`, properties: { jobtitle: "two" } },
    ]);
    const byEmail = await run({ objectType: "contacts", idProperty: "email" }, [
      { rowKey: "3", kind: "update", id: b!.properties.email!, properties: { jobtitle: "three" } },
      { rowKey: "4", kind: "update", id: b!.properties.email!.toUpperCase(), properties: { jobtitle: "four" } },
    ]);
    expect([...byId, ...byEmail].map((o) => o.status)).toEqual(["saved", "failed", "saved", "failed"]);
    expect(errorOf(byEmail[1])).toMatchObject({ code: "DUPLICATE_ROW" });
    const calls = await inputs(`${CONTACTS}/batch/update`);
    expect(calls.map((c) => [c.status, c.body.inputs.length])).toEqual([
      [200, 1],
      [200, 1],
    ]);
  });
});

describe("HubSpot's property errors, readable", () => {
  it("use the type's labels and options when the adapter has its definitions", async () => {
    const definitions = (await listCrmProperties(kit.client(), "contacts")).map((c) => c.definition);
    const [a, b, c] = await contacts();
    const outcomes = await run({ objectType: "contacts", definitions }, [
      { rowKey: "opt", kind: "update", id: a!.id, properties: { lifecyclestage: "Lead", createdate: "2026-01-01" } },
      { rowKey: "prop", kind: "update", id: b!.id, properties: { favourite_colour: "teal" } },
      { rowKey: "ok", kind: "update", id: c!.id, properties: { hs_email_optout: "true" } },
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(["failed", "failed", "saved"]);
    expect(errorOf(outcomes[0])).toMatchObject({
      code: "INVALID_OPTION",
      property: "lifecyclestage",
      message:
        "“Lead” is not a valid lifecycle stage. Choose one of: Subscriber, Lead, Marketing Qualified Lead, Sales Qualified Lead, Opportunity, Customer, Evangelist, Other. Create Date is set by HubSpot and can't be changed.",
    });
    expect(errorOf(outcomes[1])).toMatchObject({
      code: "PROPERTY_DOESNT_EXIST",
      message: "HubSpot has no contact property “favourite_colour”.",
    });
  });

  it("whole-request errors (no trace ids, 409) are worded the same way", () => {
    const describe = crmRequestError({ noun: "contact" });
    const invalid = describe(
      400,
      {
        category: "VALIDATION_ERROR",
        message:
          'Property values were not valid: [{"isValid":false,"message":"Email address x@ is invalid","error":"INVALID_EMAIL","name":"email"}]',
      },
      "x",
    );
    expect(invalid).toMatchObject<Partial<RowError>>({
      category: "VALIDATION_ERROR",
      code: "INVALID_EMAIL",
      property: "email",
      message: "“x@” is not a valid email address.",
    });
    const conflict = describe(
      409,
      { category: "CONFLICT", message: "Contact already exists. Existing ID: 42", context: {} },
      "x",
    );
    expect(conflict.message).toBe("A contact with the same unique value already exists in HubSpot (record 42).");
    expect(describe(403, { category: "MISSING_SCOPES", message: "no" }, "x").message).toMatch(
      /change contacts in this portal\. Reconnect HubSpot/,
    );
  });
});
