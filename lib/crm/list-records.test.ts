import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { sandboxKit, type SandboxKit, type StoredRecord } from "../../tests/support/sandbox-kit";
import { HubSpotApiError } from "../hubspot/http-client";
import { listCrmRecordsPage } from "./list-records";

const LIST = "/crm/objects/2026-03/contacts";
const SEARCH = `${LIST}/search`;

let kit: SandboxKit;
beforeAll(async () => {
  kit = await sandboxKit({ campaigns: 0, counts: { contacts: 150, p_projects: 7 } });
});
beforeEach(async () => kit.reset());
afterAll(async () => kit?.close());

/** A fetch that counts the requests whose path ends in `suffix` (a fault-answered one is not in the sandbox's log). */
function counting(suffix: string) {
  const seen = { n: 0 };
  const f: typeof fetch = (input, init) => {
    if (new URL(String(input)).pathname.endsWith(suffix)) seen.n++;
    return fetch(input, init);
  };
  return { seen, f };
}

describe("listCrmRecordsPage", () => {
  it("maps records with the properties asked for, and counts them with one tiny search on the first page", async () => {
    const stored = new Map((await kit.records("contacts")).map((r) => [r.id, r]));
    const first = await listCrmRecordsPage(kit.client(), {
      objectType: "contacts",
      properties: ["email", "firstname", "lifecyclestage"],
    });
    expect(first.total).toBe(150);
    expect(first.rows).toHaveLength(100);
    expect(first.nextAfter).toEqual(expect.any(String));
    for (const row of first.rows) {
      const s = stored.get(row.id) as StoredRecord & { createdAt: string };
      expect(row.properties).toMatchObject({
        email: s.properties.email,
        firstname: s.properties.firstname,
        lifecyclestage: s.properties.lifecyclestage,
      });
      expect(row.updatedAt).toBe(s.updatedAt);
      expect(row.createdAt).toBe(s.createdAt);
    }
    const [list] = await kit.requests(LIST, "GET");
    expect(list!.query).toMatchObject({ limit: "100", properties: "email,firstname,lifecyclestage" });
    const searches = await kit.requests(SEARCH);
    expect(searches).toHaveLength(1);
    expect(searches[0]!.requestBody).toMatchObject({ limit: 1 });
    expect(searches[0]!.requestBody).not.toHaveProperty("filterGroups");

    const second = await listCrmRecordsPage(kit.client(), {
      objectType: "contacts",
      properties: ["email"],
      after: first.nextAfter!,
    });
    expect(second.rows).toHaveLength(50);
    expect(second.nextAfter).toBeNull();
    expect(second.total).toBeNull(); // only the first page counts
    expect(await kit.requests(SEARCH)).toHaveLength(1);
    expect(new Set([...first.rows, ...second.rows].map((r) => r.id))).toEqual(new Set(stored.keys()));
  });

  it("counts custom object records too", async () => {
    const page = await listCrmRecordsPage(kit.client(), {
      objectType: "p_projects",
      properties: ["project_name", "status"],
    });
    expect(page.total).toBe(7);
    expect(page.rows).toHaveLength(7);
    expect(page.nextAfter).toBeNull();
    expect(page.rows.every((r) => typeof r.properties.project_name === "string")).toBe(true);
  });

  it.each([429, 500])(
    "still gives the page, without a total, when the search answers %i (and does not retry it)",
    async (status) => {
      await kit.faults({ method: "POST", path: SEARCH, status, times: 1 });
      const { seen, f } = counting("/search");
      const page = await listCrmRecordsPage(kit.client(f), { objectType: "contacts", properties: ["email"] });
      expect(page.total).toBeNull();
      expect(page.rows).toHaveLength(100);
      expect(page.nextAfter).toEqual(expect.any(String));
      expect(seen.n).toBe(1);
    },
  );

  it("fails when the list itself fails", async () => {
    await kit.faults({ method: "GET", path: LIST, status: 400, times: 1 });
    await expect(
      listCrmRecordsPage(kit.client(), { objectType: "contacts", properties: ["email"] }),
    ).rejects.toBeInstanceOf(HubSpotApiError);
  });
});
