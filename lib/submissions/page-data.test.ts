/** The view models of the submission pages (issue 13, item 6): one call per page, nothing else to fetch. */
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareEnv } from "../../tests/support/access-token.suite";
import { startSandbox, type RunningSandbox } from "../../sandbox/server";

const dataDir = prepareEnv();
type Made = Awaited<ReturnType<typeof import("../../tests/support/test-connection").insertTestConnection>>;

describe("submission page data", () => {
  let sb: RunningSandbox;
  let me: Made;
  let pages: typeof import("./page-data");
  let id: string;

  beforeAll(async () => {
    sb = await startSandbox({ port: 0, counts: { campaigns: 5 } });
    process.env.HUBSPOT_SANDBOX_URL = sb.url;
    me = await (await import("../../tests/support/test-connection")).insertTestConnection(sb);
    pages = await import("./page-data");
    const store = await import("./store");
    const [a, b] = (await (await fetch(`${sb.url}/__sandbox/records/campaigns`)).json()) as {
      id: string;
      updatedAt: string;
      properties: Record<string, string | null>;
    }[];
    id = await store.insertSubmission({
      userId: me.user.id,
      connectionId: me.connection.id,
      portalId: me.portalId,
      resource: { type: "campaigns" },
      operations: [
        { rowKey: "a", kind: "update", id: a!.id, properties: { hs_notes: "from the page-data test" } },
        { rowKey: "b", kind: "update", id: b!.id, properties: { hs_notes: "also" } },
      ],
    });
    expect(await (await import("./runner")).runSubmission(id)).toBe("done");
  });
  afterAll(async () => {
    await (await import("../queue/queue")).stopJobQueue({ graceful: false });
    await sb?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("lists the portal's submissions with their counts for the history page", async () => {
    const history = await pages.submissionHistoryData(me.session);
    expect(history).toEqual([
      expect.objectContaining({
        id,
        resourceTitle: "Campaigns",
        source: "grid",
        totalRows: 2,
        state: "done",
        counts: { saved: 2 },
      }),
    ]);
  });

  it("gives one submission's page everything it shows, and a page of its rows", async () => {
    const data = (await pages.submissionPageData(me.session, id, {}))!;
    expect(data.view).toMatchObject({ id, state: "done", counts: { saved: 2, failed: 0 } });
    expect(data).toMatchObject({
      preview: null,
      original: null,
      reverts: [],
      finished: true,
      live: false,
      owner: undefined,
      categories: [],
      hasNext: false,
      pageNo: 0,
    });
    expect(data.rows.map((r) => r.rowKey).sort()).toEqual(["a", "b"]);
    expect(data.ceilingPerSecond).toBeGreaterThan(0);
    expect(data.wording.label("hs_notes")).toBe("Notes");
  });

  it("filters rows by outcome; an unknown outcome matches no row", async () => {
    expect((await pages.submissionPageData(me.session, id, { status: "saved" }))!.rows).toHaveLength(2);
    expect((await pages.submissionPageData(me.session, id, { status: "failed" }))!.rows).toHaveLength(0);
    expect((await pages.submissionPageData(me.session, id, { status: "bogus" }))!.rows).toHaveLength(0);
  });

  it("is null for a malformed id, an unknown one, or another portal's", async () => {
    expect(await pages.submissionPageData(me.session, "not-an-id", {})).toBeNull();
    expect(await pages.submissionPageData(me.session, "00000000-0000-0000-0000-000000000000", {})).toBeNull();
    const elsewhere = { ...me.session, connection: { ...me.session.connection, portalId: me.portalId + 1 } };
    expect(await pages.submissionPageData(elsewhere, id, {})).toBeNull();
    expect(await pages.submissionHistoryData(elsewhere)).toEqual([]);
  });
});
