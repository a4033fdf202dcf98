import { expect, test, type Page } from "@playwright/test";
import { cell, sandboxCampaigns, waitForAllLoaded } from "./grid-support";
import { resetSandbox, SANDBOX, signIn } from "./support";

test.use({ viewport: { width: 1800, height: 900 } });

const UPDATE = "/marketing/campaigns/2026-03/batch/update";
const nav = (page: Page) => page.getByRole("navigation", { name: "Main" });
const MESSAGE = "Audience service unavailable for this portal";
/** The navigation's count (other tests of this run may have left failed items of their own). */
async function failedCount(page: Page) {
  const m = /(\d[\d,]*)/.exec(await nav(page).getByRole("link", { name: /^Failed items/ }).innerText());
  return m ? Number(m[1]!.replace(/,/g, "")) : 0;
}
const ourGroup = (page: Page) => page.getByRole("region", { name: new RegExp(`^Campaigns: .*${MESSAGE}`) });

/** Edits Audience on `n` rows and submits them while HubSpot rejects every update batch the same way. */
async function failSome(page: Page, request: import("@playwright/test").APIRequestContext, n: number, text: string, from = 0) {
  const fault = { method: "POST", path: UPDATE, times: 50, status: 400, body: { status: "error", category: "VALIDATION_ERROR", message: MESSAGE, correlationId: "e2e" } };
  expect((await request.post(`${SANDBOX}/__sandbox/faults`, { data: { rules: [fault] } })).ok()).toBe(true);
  for (let i = 0; i < n; i++) {
    await (await cell(page, from + i, "Audience")).click();
    await page.keyboard.type(`${text} ${i}`);
    await page.keyboard.press("Enter");
  }
  await page.getByRole("button", { name: "Review and submit" }).click();
  await page.getByRole("dialog", { name: "Review changes" }).getByRole("button", { name: "Submit" }).click();
  await expect(page.getByRole("region", { name: "Submission results" }).getByRole("status")).toHaveText(`Saved 0 · Failed ${n} · Conflicts 0 · Waiting 0`, { timeout: 30_000 });
  await request.delete(`${SANDBOX}/__sandbox/faults`);
}

test("failed rows are grouped across submissions; a group retried or dismissed leaves the list", async ({ page, request }) => {
  await resetSandbox(request, { seed: 21 });
  await signIn(page);
  await waitForAllLoaded(page);
  const before = await sandboxCampaigns(request);
  const earlier = await failedCount(page);
  await failSome(page, request, 3, "Retry me");

  // The navigation counts them; the page groups them by resource, category and message.
  await page.reload();
  await waitForAllLoaded(page);
  await expect.poll(() => failedCount(page)).toBe(earlier + 3);
  await nav(page).getByRole("link", { name: /^Failed items/ }).click();
  const group = ourGroup(page);
  await expect(group).toHaveCount(1);
  await expect(group.getByRole("heading")).toContainText("VALIDATION_ERROR · 3 rows");
  await group.getByText(/^Rows/).click();
  await expect(group.getByRole("table", { name: "Failed rows of this group" }).getByRole("row")).toHaveCount(4);

  // HubSpot works again: retrying the group sends the rows as they were sent, and they save.
  await group.getByRole("button", { name: "Retry 3 rows" }).click();
  await expect(page.getByRole("heading", { name: /^Submission of/ })).toBeVisible();
  await expect(page.getByText("Finished")).toBeVisible({ timeout: 30_000 });
  const after = new Map((await sandboxCampaigns(request)).map((c) => [c.id, c]));
  expect([...after.values()].filter((c) => /^Retry me \d$/.test(c.properties.hs_audience ?? "")).length).toBe(3);
  expect(after.size).toBe(before.length);
  await nav(page).getByRole("link", { name: /^Failed items/ }).click();
  await expect(page.getByRole("heading", { name: "Failed items" })).toBeVisible();
  await expect(ourGroup(page)).toHaveCount(0);
  await expect.poll(() => failedCount(page)).toBe(earlier);

  // A failure nobody will fix is dismissed with a reason; the submission keeps its history.
  await nav(page).getByRole("link", { name: "Campaigns" }).click();
  await waitForAllLoaded(page);
  // The grid still holds the first three edits (failed rows keep theirs); they were retried elsewhere.
  await page.getByRole("region", { name: "Unsaved changes" }).getByRole("button", { name: "Discard" }).click();
  await page.getByRole("dialog", { name: "Discard all changes?" }).getByRole("button", { name: "Discard changes" }).click();
  // Rows the retry did not touch (the grid's copy of those is older than HubSpot's now).
  await failSome(page, request, 2, "Dismiss me", 5);
  await nav(page).getByRole("link", { name: /^Failed items/ }).click();
  const second = ourGroup(page);
  await expect(second.getByRole("heading")).toContainText("2 rows");
  await second.getByRole("button", { name: "Dismiss…" }).click();
  await second.getByLabel("Reason").fill("Test data, not needed");
  await second.getByRole("button", { name: "Dismiss 2 rows" }).click();
  await expect(ourGroup(page)).toHaveCount(0);
  await expect.poll(() => failedCount(page)).toBe(earlier);
});
