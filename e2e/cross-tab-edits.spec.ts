import { expect, test, type Page } from "@playwright/test";
import { cell, changesStatus, waitForAllLoaded } from "./grid-support";
import { resetSandbox, signIn } from "./support";

test.use({ viewport: { width: 1800, height: 900 } });

async function typeInto(page: Page, row: number, text: string) {
  await (await cell(page, row, "Audience")).click();
  await page.keyboard.type(text);
  await page.keyboard.press("Enter");
}

// Issue 13, item 4: pending edits live in localStorage, shared by every tab of the browser.
test("a stale tab takes the edits another tab wrote and does not overwrite them", async ({
  context,
  page,
  request,
}) => {
  await resetSandbox(request);
  await signIn(page);
  await waitForAllLoaded(page);
  const stale = page;

  // A second tab of the same browser, opened while the first one is still showing the grid.
  const other = await context.newPage();
  await other.goto("/campaigns");
  await waitForAllLoaded(other);
  await typeInto(other, 0, "Written in the other tab");
  await expect(changesStatus(other)).toHaveText("1 row, 1 cell changed");

  // The open tab shows the other tab's edit without a reload…
  await expect(await cell(stale, 0, "Audience")).toHaveText("Written in the other tab");
  await expect(changesStatus(stale)).toHaveText("1 row, 1 cell changed");
  // …and its own edit joins it instead of replacing it, also when the tab closes (its last write).
  await typeInto(stale, 1, "Written in the stale tab");
  await expect(changesStatus(stale)).toHaveText("2 rows, 2 cells changed");
  await stale.close({ runBeforeUnload: true });

  await other.reload();
  await waitForAllLoaded(other);
  await expect(changesStatus(other)).toHaveText("2 rows, 2 cells changed");
  await expect(await cell(other, 0, "Audience")).toHaveText("Written in the other tab");
  await expect(await cell(other, 1, "Audience")).toHaveText("Written in the stale tab");
});
