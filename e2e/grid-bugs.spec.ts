import { expect, test, type Page } from "@playwright/test";
import { cell, cellInRow, changesStatus, waitForAllLoaded } from "./grid-support";
import { grid, resetSandbox, signIn } from "./support";

/** Grid bugs found by testing as a user (issue 11, items 9 and 12). */
test.use({ viewport: { width: 1800, height: 900 } });

test.beforeEach(async ({ request, page }) => {
  await resetSandbox(request);
  await signIn(page);
  await waitForAllLoaded(page);
});

const results = (page: Page) => page.getByRole("region", { name: "Submission results" });

async function typeInto(page: Page, n: number, column: string, text: string) {
  await (await cell(page, n, column)).click();
  await page.keyboard.type(text);
  await page.keyboard.press("Enter");
}

async function submitAll(page: Page, summary: string) {
  await page.getByRole("button", { name: "Review and submit" }).click();
  const dialog = page.getByRole("dialog", { name: "Review changes" });
  await expect(dialog).toContainText(summary);
  await dialog.getByRole("button", { name: "Submit" }).click();
  await expect(dialog).toBeHidden();
}

test("item 9: after a submission, leaving through the header and coming back shows the saved values, not the old ones", async ({ page }) => {
  const name = (await (await cell(page, 0, "Name")).innerText()).trim();
  await typeInto(page, 0, "Audience", "Audience after submit");
  await expect(changesStatus(page)).toHaveText("1 row, 1 cell changed");
  await submitAll(page, "1 updated campaign");
  await expect(results(page).getByRole("status")).toHaveText("Saved 1 · Failed 0 · Conflicts 0 · Waiting 0", { timeout: 30_000 });

  const nav = page.getByRole("navigation", { name: "Main" });
  await nav.getByRole("link", { name: "Submission history" }).click();
  await expect(page).toHaveURL(/\/submissions$/);
  await nav.getByRole("link", { name: "Campaigns" }).click();
  await expect(grid(page)).toBeVisible();

  const row = grid(page).getByRole("row").filter({ hasText: name });
  await expect(row.getByRole("gridcell", { name: "Saved" })).toBeVisible();
  await expect(await cellInRow(row, page, "Audience")).toHaveText("Audience after submit");
  // And it stays so once the list has been read again from HubSpot.
  await waitForAllLoaded(page);
  await expect(await cellInRow(row, page, "Audience")).toHaveText("Audience after submit");
});
