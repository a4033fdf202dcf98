import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { cell, waitForAllLoaded } from "./grid-support";
import { resetSandbox, signIn } from "./support";

test("editing, review and results have no serious accessibility violations", async ({ page, request }) => {
  const serious = async () =>
    (await new AxeBuilder({ page }).analyze()).violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id}: ${v.help} (${v.nodes.length})`);
  await resetSandbox(request, { seed: 13 });
  await signIn(page);
  await waitForAllLoaded(page);

  await (await cell(page, 0, "Audience")).click();
  await page.keyboard.type("Accessible audience");
  await page.keyboard.press("Enter");
  await (await cell(page, 1, "End date")).click();
  await page.keyboard.type("not a date");
  await page.keyboard.press("Enter");
  expect(await serious()).toEqual([]);

  await page.getByRole("button", { name: "Review and submit" }).click();
  await expect(page.getByRole("dialog", { name: "Review changes" })).toBeVisible();
  expect(await serious()).toEqual([]);

  await page.getByRole("dialog", { name: "Review changes" }).getByRole("button", { name: "Submit" }).click();
  await expect(page.getByRole("region", { name: "Submission results" }).getByRole("status")).toHaveText(
    /Saved 1 · Failed 0/,
    { timeout: 30_000 },
  );
  expect(await serious()).toEqual([]);
});
