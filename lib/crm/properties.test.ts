import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sandboxKit, type SandboxKit } from "../../tests/support/sandbox-kit";
import { crmColumnsFor } from "./properties";

let kit: SandboxKit;
beforeAll(async () => {
  kit = await sandboxKit({ campaigns: 0 });
});
afterAll(async () => kit?.close());

/** The real property list, with `jobtitle` and one lifecycle option marked hidden (the sandbox seeds none). */
const hidingSome: typeof fetch = async (input, init) => {
  const res = await fetch(input, init);
  if (!String(input).includes("/crm/properties/")) return res;
  const body = (await res.json()) as {
    results: { name: string; hidden: boolean; options: { value: string; hidden: boolean }[] }[];
  };
  for (const p of body.results) {
    if (p.name === "jobtitle") p.hidden = true;
    for (const o of p.options) if (o.value === "lead") o.hidden = true;
  }
  return new Response(JSON.stringify(body), { status: res.status, headers: { "content-type": "application/json" } });
};

describe("crmColumnsFor", () => {
  it("gives plain columns in HubSpot's order, with read-only, calculated and unique flags and options", async () => {
    const cols = await crmColumnsFor(kit.client(), "contacts");
    expect(cols.map((c) => c.name).slice(0, 4)).toEqual(["email", "firstname", "lastname", "phone"]);
    const by = new Map(cols.map((c) => [c.name, c]));
    expect(by.get("email")).toEqual({
      name: "email",
      label: "Email",
      type: "string",
      fieldType: "text",
      groupName: "contactinformation",
      description: "A contact's email address",
      options: [],
      readOnly: false,
      calculated: false,
      hasUniqueValue: true,
      hidden: false,
    });
    expect(by.get("createdate")).toMatchObject({ readOnly: true, calculated: false });
    expect(by.get("num_associated_deals")).toMatchObject({ readOnly: true, calculated: true });
    expect(by.get("lifecyclestage")!.options.slice(0, 2)).toEqual([
      { label: "Subscriber", value: "subscriber" },
      { label: "Lead", value: "lead" },
    ]);
    // Serialisable as a server action's answer: no definition, survives JSON unchanged.
    expect(cols.some((c) => "definition" in c)).toBe(false);
    expect(JSON.parse(JSON.stringify(cols))).toEqual(cols);
  });

  it("leaves hidden properties and hidden options out", async () => {
    const cols = await crmColumnsFor(kit.client(hidingSome), "contacts");
    expect(cols.map((c) => c.name)).not.toContain("jobtitle");
    expect(cols.map((c) => c.name)).toContain("city");
    expect(cols.find((c) => c.name === "lifecyclestage")!.options.map((o) => o.value)).not.toContain("lead");
  });

  it("reads a custom object's columns", async () => {
    const cols = await crmColumnsFor(kit.client(), "p_projects");
    expect(cols.find((c) => c.name === "project_name")).toMatchObject({ hasUniqueValue: true, readOnly: false });
    expect(cols.find((c) => c.name === "status")!.options.map((o) => o.value)).toEqual([
      "planning",
      "active",
      "on_hold",
      "completed",
    ]);
  });
});
