import { expect, test } from "@playwright/test";
import { failedCount, nav, openFailedItems, openRows } from "./failed-support";
import { cell, sandboxCampaigns, sandboxPost, waitForAllLoaded } from "./grid-support";
import { grid, resetSandbox, signIn } from "./support";

test.use({ viewport: { width: 1800, height: 900 } });

const TAKEN = "E2E name already taken";
const RENAMED = "E2E renamed after the clash";
const results = (page: import("@playwright/test").Page) =>
  page.getByRole("region", { name: "Submission results" }).getByRole("status");

async function submit(page: import("@playwright/test").Page) {
  await page.getByRole("button", { name: "Review and submit" }).click();
  await page.getByRole("dialog", { name: "Review changes" }).getByRole("button", { name: "Submit" }).click();
}

// Issue 11, items 8 and 12: the name-taken failure reads "already exists" (not a conflict), offers no
// Retry, and leaves Failed items once the same row is renamed in the grid and saved; nothing is created twice.
test("a create refused for a taken name, renamed in the grid and saved, leaves Failed items", async ({
  page,
  request,
}) => {
  await resetSandbox(request, { seed: 41 });
  await signIn(page);
  await waitForAllLoaded(page);
  await sandboxPost(request, "/marketing/campaigns/2026-03/batch/create", {
    inputs: [{ properties: { hs_name: TAKEN } }],
  });
  const earlier = await failedCount(page);

  await page.getByRole("button", { name: "Add campaign" }).click();
  await grid(page).getByLabel("Name", { exact: true }).fill(TAKEN);
  await page.keyboard.press("Tab");
  await submit(page);
  await expect(results(page)).toHaveText("Saved 0 · Failed 1 · Conflicts 0 · Waiting 0", { timeout: 30_000 });

  await openFailedItems(page);
  await expect.poll(() => failedCount(page)).toBe(earlier + 1);
  const group = page.getByRole("region", { name: /^Campaigns: Already exists: name already taken/ });
  await expect(group.getByRole("heading")).toContainText("Campaigns · Already exists: name already taken");
  await expect(group.getByRole("heading")).not.toContainText(/conflict/i);
  await expect(group.getByRole("button", { name: /^Retry/ })).toHaveCount(0);
  await expect((await openRows(group)).getByRole("row").filter({ hasText: TAKEN })).toHaveCount(1);

  // Back in the grid, the same row is renamed and submitted again: it saves.
  await nav(page).getByRole("link", { name: "Campaigns" }).click();
  // (230 or 231 campaigns: how soon the header counts the one made in HubSpot is not what this test is about.)
  await expect(page.getByRole("status").filter({ hasText: "campaigns" })).toHaveText(/^23[01] campaigns$/, {
    timeout: 30_000,
  });
  await page.getByRole("checkbox", { name: "Show only failed rows" }).check();
  await (await cell(page, 0, "Name")).click();
  await page.keyboard.type(RENAMED);
  await page.keyboard.press("Enter");
  await submit(page);
  await expect(results(page)).toHaveText("Saved 1 · Failed 0 · Conflicts 0 · Waiting 0", { timeout: 30_000 });

  // The old failure is resolved by that success: not listed, not counted, so nobody retries it into a duplicate.
  await openFailedItems(page);
  await expect.poll(() => failedCount(page)).toBe(earlier);
  await expect(
    page
      .getByRole("region", { name: /^Campaigns: Already exists/ })
      .getByRole("row")
      .filter({ hasText: TAKEN }),
  ).toHaveCount(0);
  const names = (await sandboxCampaigns(request)).map((c) => c.properties.hs_name);
  expect(names.filter((n) => n === TAKEN)).toHaveLength(1);
  expect(names.filter((n) => n === RENAMED)).toHaveLength(1);
});
