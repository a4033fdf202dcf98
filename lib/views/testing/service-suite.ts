/**
 * The saved-views service below the UI, shared by service.test.ts (PGlite) and service.pg.test.ts
 * (PostgreSQL, where concurrent saves really run in parallel). The calling file prepares the
 * environment (tests/support/access-token.suite.ts `prepareEnv`) before any app module loads.
 */
import { randomInt } from "node:crypto";
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../auth/actor";
import type { ViewQuery } from "../../records/filters";

type Service = typeof import("../service");

export function savedViewsSuite(
  label: string,
  opts: { dataDir: string; database?: () => Promise<{ url: string; drop(): Promise<void> }> },
) {
  describe(`saved views (${label})`, () => {
    let svc: Service;
    let drop: (() => Promise<void>) | undefined;
    let nextPortal = 0;
    const base = randomInt(1, 2 ** 40);

    /** A signed-in user of a portal: a user and a connection row, as sign-in leaves them. */
    async function userOf(portalId: number, email: string): Promise<Actor> {
      const dbm = await import("../../db");
      const database = await dbm.db();
      const [user] = await database
        .insert(dbm.tables.users)
        .values({ hubspotUserId: randomInt(1, 2 ** 40), email })
        .returning();
      const [conn] = await database
        .insert(dbm.tables.connections)
        .values({
          userId: user!.id,
          portalId,
          hubDomain: "example.com",
          apiBase: "http://sandbox.invalid",
          scopes: [],
          accessTokenEnc: "x",
          refreshTokenEnc: "x",
          accessTokenExpiresAt: new Date(Date.now() + 3600_000),
        })
        .returning();
      return { userId: user!.id, connection: { ...conn!, statusReason: null } };
    }
    const portal = () => base + nextPortal++;
    const leads: ViewQuery = {
      filters: [[{ property: "lifecyclestage", operator: "any_of", values: ["lead"] }]],
      sort: "-createdate",
    };
    const codeOf = (p: Promise<unknown>) =>
      p.then(
        () => "ok",
        (e: { code?: string }) => e.code ?? String(e),
      );

    beforeAll(async () => {
      if (opts.database) {
        const made = await opts.database();
        process.env.DATABASE_URL = made.url;
        drop = made.drop;
      }
      svc = await import("../service");
    });
    afterAll(async () => {
      await (await (await import("../../db")).db()).$close();
      await drop?.();
      rmSync(opts.dataDir, { recursive: true, force: true });
    });

    it("creates, lists, renames, saves a query and columns into, and deletes a view", async () => {
      const p = portal();
      const a = await userOf(p, "a@example.com");
      const made = await svc.createView(a, {
        resource: "crm:contacts",
        name: "Leads",
        query: leads,
        columns: ["email", "lifecyclestage"],
      });
      expect(made).toMatchObject({
        name: "Leads",
        query: leads,
        columns: ["email", "lifecyclestage"],
        createdBy: a.userId,
      });
      await svc.createView(a, { resource: "crm:contacts", name: "all customers", query: { filters: [] }, columns: [] });
      expect((await svc.listViews(a, "crm:contacts")).map((v) => v.name)).toEqual(["all customers", "Leads"]);
      expect(await svc.listViews(a, "campaigns")).toEqual([]);

      const renamed = await svc.updateView(a, { id: made.id, name: "Hot leads" });
      expect(renamed).toMatchObject({ name: "Hot leads", query: leads, columns: ["email", "lifecyclestage"] });
      const saved = await svc.updateView(a, { id: made.id, query: { filters: [], q: "ann" }, columns: ["email"] });
      expect(saved).toMatchObject({ name: "Hot leads", query: { filters: [], q: "ann" }, columns: ["email"] });
      expect(await svc.getView(a, made.id)).toEqual(saved);

      await svc.deleteView(a, made.id);
      expect(await codeOf(svc.getView(a, made.id))).toBe("not_found");
      expect(await codeOf(svc.deleteView(a, made.id))).toBe("not_found");
      expect((await svc.listViews(a, "crm:contacts")).map((v) => v.name)).toEqual(["all customers"]);
    });

    it("keeps names unique per portal and grid, ignoring case", async () => {
      const p = portal();
      const a = await userOf(p, "a@example.com");
      const view = (resource: string, name: string, who = a) =>
        svc.createView(who, { resource, name, query: { filters: [] }, columns: [] });
      const first = await view("campaigns", "Launch");
      expect(await codeOf(view("campaigns", "LAUNCH"))).toBe("invalid_input");
      // Another grid, another portal: the same name is fine.
      await view("marketing-events", "Launch");
      await view("campaigns", "Launch", await userOf(portal(), "b@example.com"));
      const other = await view("campaigns", "Other");
      expect(await codeOf(svc.updateView(a, { id: other.id, name: "launch" }))).toBe("invalid_input");
      // Renaming a view to its own name in other letters is allowed.
      expect((await svc.updateView(a, { id: first.id, name: "LAUNCH" })).name).toBe("LAUNCH");
    });

    it("holds at most 200 views per portal and grid, also when saved at once", async () => {
      const a = await userOf(portal(), "a@example.com");
      const make = (i: number) =>
        svc.createView(a, { resource: "crm:deals", name: `View ${i}`, query: { filters: [] }, columns: [] });
      for (let i = 0; i < 190; i++) await make(i);
      // 20 saves at once for the last 10 places: 10 succeed, 10 are refused.
      const codes = await Promise.all(Array.from({ length: 20 }, (_, i) => codeOf(make(190 + i))));
      expect(codes.filter((c) => c === "ok")).toHaveLength(10);
      expect(codes.filter((c) => c === "invalid_input")).toHaveLength(10);
      expect(await svc.listViews(a, "crm:deals")).toHaveLength(200);
      // Five saves of one name at once: one view.
      const b = await userOf(portal(), "b@example.com");
      const same = await Promise.all(
        Array.from({ length: 5 }, () =>
          codeOf(svc.createView(b, { resource: "campaigns", name: "Same", query: { filters: [] }, columns: [] })),
        ),
      );
      expect(same.sort()).toEqual(["invalid_input", "invalid_input", "invalid_input", "invalid_input", "ok"]);
    });

    it("is the portal's: another portal's user cannot read, change or delete it", async () => {
      const p = portal();
      const a = await userOf(p, "a@example.com");
      const stranger = await userOf(portal(), "stranger@example.com");
      const v = await svc.createView(a, { resource: "campaigns", name: "Mine", query: leads, columns: ["hs_name"] });
      expect(await svc.listViews(stranger, "campaigns")).toEqual([]);
      expect(await codeOf(svc.getView(stranger, v.id))).toBe("not_found");
      expect(await codeOf(svc.updateView(stranger, { id: v.id, name: "Theirs", query: { filters: [] } }))).toBe(
        "not_found",
      );
      expect(await codeOf(svc.deleteView(stranger, v.id))).toBe("not_found");
      expect(await svc.getView(a, v.id)).toEqual(v);
    });

    it("is shared by every user of the portal, who may change it", async () => {
      const p = portal();
      const a = await userOf(p, "a@example.com");
      const b = await userOf(p, "b@example.com");
      const v = await svc.createView(a, { resource: "crm:contacts", name: "Leads", query: leads, columns: ["email"] });
      expect(await svc.listViews(b, "crm:contacts")).toEqual([v]);
      const changed = await svc.updateView(b, { id: v.id, name: "Leads (B)", columns: ["email", "phone"] });
      expect(changed).toMatchObject({ createdBy: a.userId, updatedBy: b.userId, query: leads });
      expect(await svc.getView(a, v.id)).toEqual(changed);
      await svc.deleteView(b, v.id);
      expect(await svc.listViews(a, "crm:contacts")).toEqual([]);
    });
  });
}
