/**
 * The first page read while the server renders the campaigns page: for the view's query, on the
 * user's grant, and never slow to fail (the document stays open until it settles; the grid reads
 * again through the server action, with its retries, when it did not succeed).
 */
import { rmSync } from "node:fs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { prepareEnv } from "../../tests/support/access-token.suite";
import { startSandbox, type RunningSandbox } from "../../sandbox/server";
import type { Actor } from "../auth/actor";

const dataDir = prepareEnv();
const CAMPAIGNS = "/marketing/campaigns/2026-03";

describe("startFirstCampaignPage", () => {
  let sb: RunningSandbox;
  let actor: Actor;
  let start: typeof import("./first-page").startFirstCampaignPage;
  const control = async (method: string, path: string, body?: unknown) =>
    (
      await fetch(sb.url + path, {
        method,
        headers: body === undefined ? {} : { "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
    ).json();
  const listReads = async () =>
    ((await control("GET", "/__sandbox/requests")) as { path: string; query: Record<string, string> }[]).filter(
      (r) => r.path === CAMPAIGNS,
    );

  beforeAll(async () => {
    sb = await startSandbox({ port: 0, counts: { campaigns: 120 } });
    process.env.HUBSPOT_SANDBOX_URL = sb.url;
    const { insertTestConnection } = await import("../../tests/support/test-connection");
    actor = (await insertTestConnection(sb)).actor;
    start = (await import("./first-page")).startFirstCampaignPage;
  });
  beforeEach(async () => {
    await control("DELETE", "/__sandbox/faults");
    await control("DELETE", "/__sandbox/requests");
  });
  afterAll(async () => {
    await sb?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("reads the first page of the view's search and sort, with the query it is for", async () => {
    const first = start(actor, { sort: "-hs_name", q: "a" })!;
    expect(first.query).toEqual({ sort: "-hs_name", name: "a" });
    const res = await first.page;
    if (!res.ok) throw new Error(res.error.message);
    expect(res.data.rows.length).toBeGreaterThan(0);
    expect(res.data.rows.every((r) => r.properties.hs_name!.toLowerCase().includes("a"))).toBe(true);
    expect(res.data.newestBefore).toEqual(expect.any(String));
    expect((await listReads()).at(-1)!.query).toMatchObject({ sort: "-hs_name", name: "a" });
  });

  it("starts nothing for a sort the server action would refuse (the grid reports it)", async () => {
    expect(start(actor, { sort: "no_such_property" })).toBeUndefined();
    expect(await listReads()).toHaveLength(0);
  });

  it("makes one attempt: a refused read settles at once as the action's error, never a rejection", async () => {
    await control("POST", "/__sandbox/faults", {
      rules: [{ method: "GET", path: CAMPAIGNS, times: 5, status: 429 }],
    });
    const res = await start(actor, {})!.page;
    expect(res).toMatchObject({ ok: false, error: { code: "rate_limited" } });
    expect(await listReads()).toHaveLength(1);
  });
});
