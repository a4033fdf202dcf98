import { expect, test, type Page } from "@playwright/test";
import {
  campaignDiff,
  cell,
  changesStatus,
  pasteText,
  sandboxCampaigns,
  sandboxPost,
  waitForAllLoaded,
  type SandboxCampaign,
} from "./grid-support";
import { grid, SANDBOX, resetSandbox, signIn } from "./support";

test.use({ viewport: { width: 1800, height: 900 } });

test.beforeEach(async ({ request, page }) => {
  await resetSandbox(request);
  await signIn(page);
  await waitForAllLoaded(page);
});

const results = (page: Page) => page.getByRole("region", { name: "Submission results" });

async function nameAt(page: Page, n: number) {
  return (await (await cell(page, n, "Name")).innerText()).trim();
}
const byName = (all: SandboxCampaign[], name: string) => all.find((c) => c.properties.hs_name === name)!;

async function typeInto(page: Page, n: number, column: string, text: string) {
  await (await cell(page, n, column)).click();
  await page.keyboard.type(text);
  await page.keyboard.press("Enter");
}

async function reviewAndSubmit(page: Page, summary: string | RegExp) {
  await page.getByRole("button", { name: "Review and submit" }).click();
  const dialog = page.getByRole("dialog", { name: "Review changes" });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(summary);
  await dialog.getByRole("button", { name: "Submit" }).click();
  await expect(dialog).toBeHidden();
}

test("submitting saves every row, and HubSpot holds exactly the intended changes", async ({ page, request }) => {
  const before = await sandboxCampaigns(request);
  const [name0, name1] = [await nameAt(page, 0), await nameAt(page, 1)];
  await typeInto(page, 0, "Audience", "Submitted audience");
  await (await cell(page, 1, "Status")).click();
  await pasteText(page, "Completed\r\n");
  await page.getByRole("button", { name: "Add campaign" }).click();
  await grid(page).getByLabel("Name", { exact: true }).fill("E2E created campaign");
  await page.keyboard.press("Tab");
  await expect(changesStatus(page)).toHaveText("3 rows, 3 cells changed");

  await page.getByRole("button", { name: "Review and submit" }).click();
  const dialog = page.getByRole("dialog", { name: "Review changes" });
  await expect(dialog.getByRole("heading", { name: "Review changes" })).toBeVisible();
  await expect(dialog).toContainText("1 new campaign, 2 updated campaigns, 3 changed cells");
  await expect(dialog.getByRole("row").filter({ hasText: name0 })).toContainText("Audience");
  await expect(dialog.getByRole("row").filter({ hasText: name0 })).toContainText("Submitted audience");
  await dialog.getByRole("button", { name: "Submit" }).click();

  await expect(results(page).getByRole("status")).toHaveText("Saved 3 · Failed 0 · Conflicts 0 · Waiting 0", {
    timeout: 30_000,
  });
  await expect(page.getByRole("region", { name: "Unsaved changes" })).toHaveCount(0);
  await expect(grid(page).getByRole("gridcell", { name: "Saved" })).toHaveCount(3);
  await expect(grid(page).getByRole("gridcell", { name: "E2E created campaign" })).toBeVisible();

  const after = await sandboxCampaigns(request);
  const diff = campaignDiff(before, after);
  expect(diff.removed).toBe(0);
  expect(diff.created.map((c) => c.properties.hs_name)).toEqual(["E2E created campaign"]);
  expect(diff.changed).toEqual({
    [byName(before, name0).id]: {
      hs_audience: [byName(before, name0).properties.hs_audience ?? null, "Submitted audience"],
    },
    [byName(before, name1).id]: {
      hs_campaign_status: [byName(before, name1).properties.hs_campaign_status ?? null, "completed"],
    },
  });

  // Saved values stay after a reload, with nothing pending.
  await page.reload();
  await waitForAllLoaded(page, 231);
  await expect(page.getByRole("region", { name: "Unsaved changes" })).toHaveCount(0);
});

test("a row HubSpot rejects shows its error while the other rows save", async ({ page, request }) => {
  // A name taken in HubSpot after the grid loaded: the grid cannot know, HubSpot refuses it.
  await sandboxPost(request, "/marketing/campaigns/2026-03/batch/create", {
    inputs: [{ properties: { hs_name: "Taken behind your back" } }],
  });
  const failedName = await nameAt(page, 0);
  await typeInto(page, 0, "Name", "Taken behind your back");
  await typeInto(page, 1, "Audience", "Fine 1");
  await typeInto(page, 2, "Audience", "Fine 2");
  await reviewAndSubmit(page, "0 new campaigns, 3 updated campaigns");

  await expect(results(page).getByRole("status")).toHaveText("Saved 2 · Failed 1 · Conflicts 0 · Waiting 0", {
    timeout: 30_000,
  });
  const failedRow = grid(page).getByRole("row").filter({ hasText: "Taken behind your back" });
  await expect(failedRow.getByRole("gridcell", { name: /^Failed: .*Taken behind your back/ })).toBeVisible();
  await expect(results(page).getByLabel("Failures by category")).toContainText(/CONFLICT: 1|VALIDATION_ERROR: 1/);
  const failedList = results(page).getByRole("list", { name: "Failed rows" });
  await expect(failedList).toContainText(failedName);
  await failedList.getByText("Raw error").click();
  await expect(failedList).toContainText("DUPLICATE_CAMPAIGN_NAME");

  // The failed row keeps its edit to fix and resubmit; the saved ones left the pending set.
  await expect(changesStatus(page)).toHaveText("1 row, 1 cell changed");
  await results(page).getByRole("checkbox", { name: "Show only failed rows" }).check();
  await expect(grid(page).getByRole("row")).toHaveCount(2);
  await results(page).getByRole("checkbox", { name: "Show only failed rows" }).uncheck();

  await typeInto(page, 0, "Name", "A name nobody has");
  await reviewAndSubmit(page, "1 updated campaign");
  await expect(results(page).getByRole("status")).toHaveText("Saved 1 · Failed 0 · Conflicts 0 · Waiting 0", {
    timeout: 30_000,
  });
  await expect(page.getByRole("region", { name: "Unsaved changes" })).toHaveCount(0);
});

test("a burst of 429s and a 502 still ends with every row saved exactly once", async ({ page, request }) => {
  const path = "/marketing/campaigns/2026-03/batch/update";
  const faults = await request.post(`${SANDBOX}/__sandbox/faults`, {
    data: {
      rules: [
        { method: "POST", path, times: 3, status: 429 },
        { method: "POST", path, times: 1, status: 502 },
      ],
    },
  });
  expect(faults.ok()).toBe(true);
  await request.delete(`${SANDBOX}/__sandbox/requests`);
  const names = [await nameAt(page, 0), await nameAt(page, 1), await nameAt(page, 2)];
  await (await cell(page, 0, "Audience")).click();
  await pasteText(page, "Retry 0\nRetry 1\nRetry 2\n");
  await reviewAndSubmit(page, "3 updated campaigns");
  await expect(results(page).getByRole("status")).toHaveText("Saved 3 · Failed 0 · Conflicts 0 · Waiting 0", {
    timeout: 45_000,
  });

  const after = await sandboxCampaigns(request);
  names.forEach((n, i) => expect(byName(after, n).properties.hs_audience).toBe(`Retry ${i}`));
  const log: { path: string; method: string; status: number; requestBody?: { inputs?: { id: string }[] } }[] = await (
    await request.get(`${SANDBOX}/__sandbox/requests?path=${encodeURIComponent(path)}`)
  ).json();
  const updates = log.filter((r) => r.method === "POST" && r.path === path);
  expect(updates.filter((r) => r.status === 429).length).toBeGreaterThanOrEqual(3);
  expect(updates.filter((r) => r.status === 502)).toHaveLength(1);
  const writtenIds = updates
    .filter((r) => r.status < 300)
    .flatMap((r) => r.requestBody?.inputs?.map((i) => i.id) ?? []);
  expect(writtenIds.sort()).toEqual(names.map((n) => byName(after, n).id).sort());
});

test("rows changed in HubSpot after loading come back as conflicts: keep theirs or apply mine", async ({
  page,
  request,
}) => {
  const [mineName, theirsName] = [await nameAt(page, 0), await nameAt(page, 1)];
  const all = await sandboxCampaigns(request);
  await sandboxPost(request, "/marketing/campaigns/2026-03/batch/update", {
    inputs: [
      { id: byName(all, mineName).id, properties: { hs_audience: "Their audience A" } },
      { id: byName(all, theirsName).id, properties: { hs_audience: "Their audience B" } },
    ],
  });
  await typeInto(page, 0, "Audience", "My audience A");
  await typeInto(page, 1, "Audience", "My audience B");
  await request.delete(`${SANDBOX}/__sandbox/requests`);
  await reviewAndSubmit(page, "2 updated campaigns");
  await expect(results(page).getByRole("status")).toHaveText("Saved 0 · Failed 0 · Conflicts 2 · Waiting 0", {
    timeout: 30_000,
  });
  // The grid sent asOf with each baseline: one "changed since load" scan decided both rows, no batch read.
  const log: { path: string; method: string; query: Record<string, string> }[] = await (
    await request.get(`${SANDBOX}/__sandbox/requests`)
  ).json();
  expect(
    log.filter((r) => r.method === "GET" && r.path === "/marketing/campaigns/2026-03" && r.query.sort === "-updatedAt"),
  ).toHaveLength(1);
  expect(log.filter((r) => r.path === "/marketing/campaigns/2026-03/batch/read")).toHaveLength(0);

  const mine = results(page).getByRole("listitem", { name: `Conflict: ${mineName}` });
  await expect(mine.getByRole("row", { name: /Audience/ })).toContainText("Their audience A");
  await expect(mine.getByRole("row", { name: /Audience/ })).toContainText("My audience A");
  await mine.getByRole("button", { name: "Apply mine" }).click();
  await expect(results(page).getByRole("status")).toHaveText("Saved 1 · Failed 0 · Conflicts 0 · Waiting 0", {
    timeout: 30_000,
  });

  const theirs = results(page).getByRole("listitem", { name: `Conflict: ${theirsName}` });
  await theirs.getByRole("button", { name: "Keep theirs" }).click();
  await expect(theirs).toHaveCount(0);
  await expect(grid(page).getByRole("gridcell", { name: "Their audience B" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Unsaved changes" })).toHaveCount(0);

  const after = await sandboxCampaigns(request);
  expect(byName(after, mineName).properties.hs_audience).toBe("My audience A");
  expect(byName(after, theirsName).properties.hs_audience).toBe("Their audience B");
});
