/**
 * The campaigns grid's first page and the asOf it gives its rows, against the sandbox: whether the
 * load is stamped with HubSpot's clock (known from earlier answers) or with the portal's newest
 * updatedAt (a fresh process), a campaign changed at the worst moment, right after HubSpot served the
 * page, is still a conflict when its row is submitted, and found by the submit's one "changed since"
 * scan (the path that trusts asOf), not by a batch read.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { campaignPage } from "@/lib/campaigns/campaign-page";
import { campaignBatchAdapter } from "@/lib/hubspot/campaign-batch-adapter";
import { resetHubSpotClock } from "@/lib/hubspot/clock";
import { withAsOf } from "@/components/records/loaded-rows";
import { applyChanges } from "@/components/records/edits/apply-changes";
import { buildOperations } from "@/components/records/edits/build-operations";
import { emptyEditState } from "@/components/records/edits/types";
import { BATCH_READ, CAMPAIGNS, sandboxKit, type SandboxKit } from "../../tests/support/sandbox-kit";

let kit: SandboxKit;
beforeAll(async () => {
  kit = await sandboxKit({ campaigns: 250 });
});
afterAll(async () => kit?.close());
beforeEach(async () => {
  await kit.reset();
  resetHubSpotClock();
});

const listReads = () => kit.requests(CAMPAIGNS, "GET");
const clearLog = () => kit.control("DELETE", "/__sandbox/requests");
/** Another user editing in HubSpot: a plain write without a baseline. */
const editInHubSpot = (id: string, properties: Record<string, string>) =>
  kit.run(campaignBatchAdapter, [{ rowKey: "them", kind: "update", id, properties }]);
/** Any answer from HubSpot teaches the app its clock (lib/hubspot/clock.ts). */
const learnClock = () => campaignPage(kit.client(), kit.sb.url, { after: "0" });

describe("the first page's newestBefore", () => {
  it("is HubSpot's clock, taken before the page is sent, once an answer told it: one request", async () => {
    await learnClock();
    await clearLog();
    const page = await campaignPage(kit.client(), kit.sb.url, { sort: "hs_name" });
    const [read, ...more] = await listReads();
    expect(more).toHaveLength(0);
    expect(read!.query).toMatchObject({ sort: "hs_name", limit: "100" });
    expect(Date.parse(page.newestBefore!)).toBeLessThanOrEqual(Date.parse(read!.at));
    // Later pages need none: they are read after the first.
    const next = await campaignPage(kit.client(), kit.sb.url, { sort: "hs_name", after: page.nextAfter! });
    expect(next).not.toHaveProperty("newestBefore");
  });

  it("is the portal's newest updatedAt, read before the page, while HubSpot's clock is not known", async () => {
    const page = await campaignPage(kit.client(), kit.sb.url, { sort: "hs_name" });
    const reads = await listReads();
    expect(reads.map((r) => r.query)).toMatchObject([{ sort: "-updatedAt", limit: "1" }, { sort: "hs_name" }]);
    const newest = (await kit.records()).map((r) => r.updatedAt).sort((a, b) => Date.parse(b) - Date.parse(a))[0];
    expect(page.newestBefore).toBe(newest);
  });
});

describe("a campaign changed right after the first page is read", () => {
  it.each([
    ["HubSpot's clock is known", true],
    ["HubSpot's clock is not known yet", false],
  ])("is a conflict when its row is submitted (%s), found by the changed-since scan", async (_, clockKnown) => {
    if (clockKnown) await learnClock();
    // The worst moment: HubSpot has served the page (sorted by creation, so the page's own
    // updatedAts are old) and the grid has not received it yet.
    let changedId: string | undefined;
    const client = kit.client(async (input, init) => {
      const res = await fetch(input, init);
      const url = new URL(String(input));
      if (!changedId && url.pathname === CAMPAIGNS && url.searchParams.get("sort") === "createdAt") {
        changedId = ((await res.clone().json()) as { results: { id: string }[] }).results[0]!.id;
        await editInHubSpot(changedId, { hs_notes: "theirs" });
      }
      return res;
    });
    const page = await campaignPage(client, kit.sb.url, { sort: "createdAt" });
    expect((await listReads()).filter((r) => r.query.sort === "-updatedAt")).toHaveLength(clockKnown ? 0 : 1);

    const loaded = withAsOf([page]);
    const [changed, untouched] = loaded;
    expect(changed!.id).toBe(changedId);
    const stored = new Map((await kit.records()).map((r) => [r.id, r]));
    expect(Date.parse(changed!.asOf)).toBeLessThan(Date.parse(stored.get(changedId!)!.updatedAt));

    const edits = applyChanges(
      emptyEditState(),
      [
        { rowId: changed!.id, key: "hs_notes", value: "mine" },
        { rowId: untouched!.id, key: "hs_notes", value: "mine too" },
      ],
      (id) => loaded.find((r) => r.id === id),
      "hs_name",
    );
    const ops = buildOperations(edits, new Map());
    expect(ops.every((op) => op.kind === "update" && op.baseline?.asOf === changed!.asOf)).toBe(true);
    await clearLog();
    const outcomes = await kit.run(campaignBatchAdapter, ops);
    const byRow = new Map(outcomes.map((o) => [o.rowKey, o]));
    expect(byRow.get(changed!.id)).toMatchObject({
      status: "conflict",
      current: { properties: { hs_notes: "theirs" } },
    });
    expect(byRow.get(untouched!.id)).toMatchObject({ status: "saved" });
    expect(await kit.requests(BATCH_READ)).toHaveLength(0);
    expect((await listReads()).filter((r) => r.query.sort === "-updatedAt")).toHaveLength(1);
    expect((await kit.records()).find((r) => r.id === changedId)!.properties.hs_notes).toBe("theirs");
  });
});
