import { expect, test, type Page } from "@playwright/test";
import { cell, changesStatus, pasteText, sandboxCampaigns, waitForAllLoaded } from "./grid-support";
import { resetSandbox, SANDBOX, signIn } from "./support";

/**
 * HubSpot's daily request limit during a submission (issue 12, item 1): the job pauses with a plain
 * reason and when it resumes, no row fails, and it finishes once the limit allows, by itself or by hand.
 */
test.use({ viewport: { width: 1800, height: 900 } });

async function submitEdits(page: Page, tag: string, rows: number) {
  await waitForAllLoaded(page);
  await (await cell(page, 0, "Audience")).click();
  await pasteText(page, Array.from({ length: rows }, (_, i) => `${tag} ${i}`).join("\r\n") + "\r\n");
  await expect(changesStatus(page)).toHaveText(`${rows} rows, ${rows} cells changed`);
}
async function openLatestSubmission(page: Page) {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Submission history" }).click();
  await page
    .getByRole("table", { name: /Submissions/ })
    .getByRole("row")
    .nth(1)
    .getByRole("link")
    .click();
  return page.getByRole("region", { name: "Progress" });
}
async function submit(page: Page) {
  await page.getByRole("button", { name: "Review and submit" }).click();
  await page.getByRole("dialog", { name: "Review changes" }).getByRole("button", { name: "Submit" }).click();
}

test("the daily limit pauses a submission with its reason; in the next day, resuming finishes every row", async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  await resetSandbox(request);
  await signIn(page);
  await submitEdits(page, "Daily", 230);
  // From now on the portal has 2 requests left today: the conflict scan and a batch of 50 (or two batches) get through.
  expect((await request.post(`${SANDBOX}/__sandbox/config`, { data: { dailyLimit: 2 } })).ok()).toBe(true);
  try {
    await submit(page);
    const progress = await openLatestSubmission(page);
    await expect(progress).toContainText(
      /Paused: HubSpot's daily limit of API requests for this portal is used up .* resumes at \d{4}-\d\d-\d\d \d\d:\d\d UTC/,
    );
    // Whatever got through before the limit is saved; the rest wait, and nothing failed.
    await expect(progress.getByRole("status")).toContainText(/^\d+ of 230 rows done · 0 failed/);
    await expect(progress.getByRole("status")).not.toContainText(/^230 of 230/);

    // A new day with room for the rest (a config change of the limit ends the sandbox's day).
    expect((await request.post(`${SANDBOX}/__sandbox/config`, { data: { dailyLimit: 100 } })).ok()).toBe(true);
    await progress.getByRole("button", { name: "Resume" }).click();
    await expect(page.getByText("Campaigns · Finished · 230 saved")).toBeVisible({ timeout: 60_000 });
  } finally {
    await request.post(`${SANDBOX}/__sandbox/config`, { data: { dailyLimit: null } });
  }
  const stored = await sandboxCampaigns(request);
  expect(stored.filter((c) => /^Daily \d+$/.test(c.properties.hs_audience ?? "")).length).toBe(230);
});

test("paused for the daily limit, a submission resumes by itself when HubSpot's Retry-After has passed", async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  await resetSandbox(request);
  await signIn(page);
  await submitEdits(page, "Later", 120);
  const rule = {
    method: "POST",
    path: "/marketing/campaigns/2026-03/batch/update",
    status: 429,
    policyName: "DAILY",
    retryAfterSeconds: 4,
  };
  expect((await request.post(`${SANDBOX}/__sandbox/faults`, { data: { rules: [rule] } })).ok()).toBe(true);
  try {
    await submit(page);
    const progress = await openLatestSubmission(page);
    await expect(progress).toContainText(/Paused: HubSpot's daily limit .* resumes at/);
    // Nobody clicks anything: the page follows the job to its end.
    await expect(page.getByText("Campaigns · Finished · 120 saved")).toBeVisible({ timeout: 60_000 });
  } finally {
    await request.delete(`${SANDBOX}/__sandbox/faults`);
  }
});
