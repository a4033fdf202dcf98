import { expect, test } from "@playwright/test";
import { cell, changesStatus, pasteText, waitForAllLoaded } from "./grid-support";
import { resetSandbox, SANDBOX, signIn } from "./support";

test.use({ viewport: { width: 1800, height: 900 } });

/**
 * Two users of one portal: the marketer sees the admin's unfinished submission (history is shared)
 * but cannot pause, resume or cancel it (it writes on the admin's grant); the admin can.
 */
test("only the user who started a submission can pause, resume or cancel it", async ({ page, browser, request }) => {
  test.setTimeout(120_000);
  await resetSandbox(request);
  const marketer = await (await browser.newContext()).newPage();
  await marketer.goto("/");
  await marketer.getByRole("link", { name: "Sign in with HubSpot" }).click();
  await marketer
    .getByLabel("Sign in as")
    .selectOption({ label: "marketer@acme-marketing.example.com (Acme Marketing)" });
  await marketer.getByRole("button", { name: "Grant access" }).click();
  await expect(marketer.getByLabel("Signed in as")).toHaveText("marketer@acme-marketing.example.com");

  await signIn(page);
  await waitForAllLoaded(page);
  await (await cell(page, 0, "Audience")).click();
  await pasteText(page, Array.from({ length: 230 }, (_, i) => `Owned ${i}`).join("\r\n") + "\r\n");
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
    const mine = page.getByRole("region", { name: "Progress" });
    await mine.getByRole("button", { name: "Pause" }).click();
    await expect(mine).toContainText("Paused: Paused by admin@acme-marketing.example.com.", { timeout: 15_000 });

    await marketer.goto(page.url());
    const theirs = marketer.getByRole("region", { name: "Progress" });
    await expect(theirs).toContainText("Paused: Paused by admin@acme-marketing.example.com.");
    await expect(theirs).toContainText(
      "Started by admin@acme-marketing.example.com: only they can pause, resume or cancel it.",
    );
    await expect(theirs.getByRole("button")).toHaveCount(0);

    page.once("dialog", (d) => void d.accept());
    await mine.getByRole("button", { name: "Cancel" }).click();
    await expect(page.getByText("Cancelled").first()).toBeVisible({ timeout: 30_000 });
  } finally {
    await request.post(`${SANDBOX}/__sandbox/config`, { data: { latencyMs: 0 } });
    await marketer.context().close();
  }
});
