import { expect, test } from "@playwright/test";
import { cell, changesStatus, pasteText, sandboxCampaigns, waitForAllLoaded } from "./grid-support";
import { resetSandbox, SANDBOX, signIn } from "./support";

test.use({ viewport: { width: 1800, height: 900 } });

test("a running submission's page shows its progress, and pause and resume keep every row", async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  await resetSandbox(request);
  await signIn(page);
  await waitForAllLoaded(page);
  // 230 edits are 5 batches of 50, one more than are sent at once; at 2.5 s per HubSpot answer
  // the pause lands before the fifth is sent.
  await (await cell(page, 0, "Audience")).click();
  await pasteText(page, Array.from({ length: 230 }, (_, i) => `Progress ${i}`).join("\r\n") + "\r\n");
  await expect(changesStatus(page)).toHaveText("230 rows, 230 cells changed");
  expect((await request.post(`${SANDBOX}/__sandbox/config`, { data: { latencyMs: 2500 } })).ok()).toBe(true);
  try {
    await page.getByRole("button", { name: "Review and submit" }).click();
    await page.getByRole("dialog", { name: "Review changes" }).getByRole("button", { name: "Submit" }).click();
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Submission history" }).click();
    await page
      .getByRole("table", { name: /Submissions/ })
      .getByRole("row")
      .nth(1)
      .getByRole("link")
      .click();

    const progress = page.getByRole("region", { name: "Progress" });
    await expect(progress.getByRole("progressbar", { name: "Rows done" })).toBeVisible();
    await progress.getByRole("button", { name: "Pause" }).click();
    await expect(progress).toContainText("Paused: Paused by admin@acme-marketing.example.com.", { timeout: 15_000 });
    const paused = await progress.getByRole("status").innerText();
    expect(paused).toMatch(/of 230 rows done/);
    expect(paused).not.toMatch(/^230 of 230/);

    await progress.getByRole("button", { name: "Resume" }).click();
    await expect(page.getByText("Finished")).toBeVisible({ timeout: 60_000 });
  } finally {
    await request.post(`${SANDBOX}/__sandbox/config`, { data: { latencyMs: 0 } });
  }
  const stored = await sandboxCampaigns(request);
  expect(stored.filter((c) => /^Progress \d+$/.test(c.properties.hs_audience ?? "")).length).toBe(230);
});
