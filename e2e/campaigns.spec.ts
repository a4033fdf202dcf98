import { expect, test } from "@playwright/test";
import { grid, resetSandbox, sandboxApi, signIn, visibleNames } from "./support";

interface ListResponse {
  total: number;
  results: { properties: { hs_name: string } }[];
}

test.beforeEach(async ({ request, page }) => {
  await resetSandbox(request);
  await signIn(page);
});

test("sorting by a column follows HubSpot's order and lives in the URL", async ({ page, request }) => {
  await grid(page).getByRole("columnheader", { name: "Name" }).click();
  await expect(page).toHaveURL(/sort=hs_name/);
  const asc = await sandboxApi<ListResponse>(
    request,
    "/marketing/campaigns/2026-03?sort=hs_name&limit=5&properties=hs_name",
  );
  await expect.poll(() => visibleNames(page, 5)).toEqual(asc.results.map((r) => r.properties.hs_name));

  await grid(page).getByRole("columnheader", { name: "Name" }).click();
  await expect(page).toHaveURL(/sort=-hs_name/);
  const desc = await sandboxApi<ListResponse>(
    request,
    "/marketing/campaigns/2026-03?sort=-hs_name&limit=5&properties=hs_name",
  );
  await expect.poll(() => visibleNames(page, 5)).toEqual(desc.results.map((r) => r.properties.hs_name));

  // A reload keeps the sort.
  await page.reload();
  await expect.poll(() => visibleNames(page, 5)).toEqual(desc.results.map((r) => r.properties.hs_name));
});

test("name search filters the grid and lives in the URL", async ({ page, request }) => {
  const expected = await sandboxApi<ListResponse>(request, "/marketing/campaigns/2026-03?name=launch&limit=1");
  expect(expected.total).toBeGreaterThan(0);
  await page.getByLabel("Search campaigns by name").fill("launch");
  await expect(page).toHaveURL(/q=launch/);
  await expect(page.getByRole("status").filter({ hasText: "campaigns" })).toHaveText(`${expected.total} campaigns`);
  for (const name of await visibleNames(page, 8)) expect(name.toLowerCase()).toContain("launch");

  await page.getByLabel("Search campaigns by name").fill("no campaign is called this");
  await expect(page.getByText("No campaign name contains")).toBeVisible();
});

test("the column chooser hides and shows columns and remembers the choice", async ({ page }) => {
  await expect(grid(page).getByRole("columnheader", { name: "Notes" })).toBeVisible();
  await page.getByText(/^Columns/).click();
  await page.getByRole("checkbox", { name: "Notes" }).uncheck();
  await expect(grid(page).getByRole("columnheader", { name: "Notes" })).toHaveCount(0);
  await page.getByRole("checkbox", { name: "UTM campaign" }).check();
  await expect(grid(page).getByRole("columnheader", { name: "UTM campaign" })).toBeVisible();
  await page.reload();
  await expect(grid(page).getByRole("columnheader", { name: "UTM campaign" })).toBeVisible();
  await expect(grid(page).getByRole("columnheader", { name: "Notes" })).toHaveCount(0);
});

test("arrow keys move the active cell", async ({ page }) => {
  const firstCell = grid(page).getByRole("row").nth(1).getByRole("gridcell").first();
  await firstCell.click();
  await expect(firstCell).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("ArrowRight");
  await expect(grid(page).getByRole("row").nth(1).getByRole("gridcell").nth(1)).toHaveAttribute(
    "aria-selected",
    "true",
  );
  await page.keyboard.press("ArrowDown");
  await expect(grid(page).getByRole("row").nth(2).getByRole("gridcell").nth(1)).toHaveAttribute(
    "aria-selected",
    "true",
  );
});
