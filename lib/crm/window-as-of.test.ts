/**
 * The grid window's load time (RecordWindow.loadedAt) against a search index that trails writes:
 * a record changed just before the window's search still shows its OLD value, so the row's asOf
 * must be EARLIER than that change's stamp, or the engine's "changed since asOf" scan would miss it
 * and the user's edit would overwrite a change they never saw.
 */
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareEnv } from "../../tests/support/access-token.suite";
import { startSandbox, type RunningSandbox } from "../../sandbox/server";
import { asOfAt } from "../batch/as-of";
import type { Actor } from "../auth/actor";
import type { CrmWindowInput } from "./inputs";

const dataDir = prepareEnv();
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
type Saved = { id: string; updatedAt: string; properties: Record<string, string | null> };

describe("a CRM window's load time", () => {
  let sb: RunningSandbox;
  let actor: Actor;
  let token: string;
  let crmViewWindow: typeof import("./window-read").crmViewWindow;
  const input: CrmWindowInput = {
    objectType: "contacts",
    properties: ["jobtitle"],
    query: { filters: [] },
    timeZone: "UTC",
    start: 0,
    anchors: [],
  };
  const control = (body: unknown) =>
    fetch(`${sb.url}/__sandbox/config`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    sb = await startSandbox({ port: 0, counts: { campaigns: 0, contacts: 50, marketingEvents: 0 } });
    process.env.HUBSPOT_SANDBOX_URL = sb.url;
    ({ crmViewWindow } = await import("./window-read"));
    const made = await (await import("../../tests/support/test-connection")).insertTestConnection(sb);
    actor = made.actor;
    token = sb.ctx.issueTokens({ portalId: made.portalId, scopes: sb.ctx.knownScopes(), expiresIn: 3600 }).access_token;
  });
  afterAll(async () => {
    await sb?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("gives a row the search still shows as before a change an asOf earlier than that change", async () => {
    // A first window teaches the server HubSpot's clock (Date headers).
    await crmViewWindow(actor, input);
    expect((await control({ searchIndexDelayMs: 5_000 })).status).toBe(200);
    try {
      const before = (await crmViewWindow(actor, input)).rows[3]!;
      const res = await fetch(`${sb.url}/crm/objects/2026-03/contacts/batch/update`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({ inputs: [{ id: before.id, properties: { jobtitle: "Changed unseen" } }] }),
      });
      const changed = ((await res.json()) as { results: Saved[] }).results[0]!;
      // Past the Date header's one-second rounding: a load time without the search's lag margin
      // would now be later than the change.
      await wait(1_500);
      const window = await crmViewWindow(actor, input);
      const row = window.rows.find((r) => r.id === before.id)!;
      expect(row.properties.jobtitle).toBe(before.properties.jobtitle); // search still shows the old value
      expect(window.loadedAt).toBeDefined();
      const asOf = asOfAt(row.updatedAt, window.loadedAt);
      expect(Date.parse(asOf)).toBeLessThan(Date.parse(changed.updatedAt));
      // And the load time is what makes it cheap: later than the row's own (seeded) updatedAt.
      expect(Date.parse(asOf)).toBeGreaterThan(Date.parse(row.updatedAt));
    } finally {
      await control({ searchIndexDelayMs: 0 });
    }
  });
});
