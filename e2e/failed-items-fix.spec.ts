import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { failedCount, nav, openFailedItems, openRows } from "./failed-support";
import { ctrl } from "./grid-support";
import {
  cellText,
  gridCell,
  namedGrid,
  resultsStatus,
  reviewAndSubmit,
  sandboxRecords,
  typeIn,
} from "./records-support";
import { resetSandbox, signIn } from "./support";

test.use({ viewport: { width: 1800, height: 900 } });

type Stored = { id: string; properties: Record<string, string | null> };
const GRID = "Companies";
const EMPLOYEES = "Number of Employees";
// The grid takes any number; HubSpot takes whole numbers only for this property, so only HubSpot rejects it.
const MESSAGE = "numberofemployees must be a whole number, not “12.5”.";
const ourGroup = (page: Page) =>
  page.getByRole("region", { name: /^Companies: Value refused by HubSpot.*numberofemployees must be a whole number/ });

/** Types `value` into the first row and fills it down over `rows` rows with Ctrl+D, as a spreadsheet would. */
async function fillDown(page: Page, column: string, rows: number, value: string) {
  await typeIn(page, GRID, 0, column, value);
  await (await gridCell(page, GRID, 0, column)).click();
  for (let i = 1; i < rows; i++) await page.keyboard.press("Shift+ArrowDown");
  await page.keyboard.press(`${ctrl}+d`);
  for (let i = 0; i < rows; i++) await expect(await gridCell(page, GRID, i, column)).toHaveText(value);
}

async function openCompanies(page: Page) {
  await nav(page).getByRole("link", { name: "CRM records" }).click();
  await page.getByLabel("Object type").selectOption({ label: "Companies" });
  await expect(page.getByRole("status").filter({ hasText: "companies" })).toHaveText("50 companies", {
    timeout: 30_000,
  });
}

test("a submission with mixed outcomes: its failed group is fixed by fill in the grid, resubmitted, and leaves the list", async ({
  page,
  request,
}) => {
  await resetSandbox(request, { seed: 31 });
  await signIn(page);
  const earlier = await failedCount(page);
  await openCompanies(page);
  const domains = [];
  for (let i = 0; i < 5; i++) domains.push(await cellText(page, GRID, i, "Company Domain Name"));

  // Three companies get 12.5 employees (HubSpot refuses each), two a new city (saved).
  await fillDown(page, EMPLOYEES, 3, "12.5");
  await typeIn(page, GRID, 3, "City", "Fillville");
  await typeIn(page, GRID, 4, "City", "Fillville");
  await reviewAndSubmit(page, "5 updated companies");
  await expect(resultsStatus(page)).toHaveText("Saved 2 · Failed 3 · Conflicts 0 · Waiting 0", { timeout: 30_000 });

  // One group on the failed-items page, counted in the navigation.
  await openFailedItems(page);
  await expect.poll(() => failedCount(page)).toBe(earlier + 3);
  const group = ourGroup(page);
  await expect(group.getByRole("heading")).toContainText(/^Companies · Value refused by HubSpot.* · 3 rows$/);
  await expect(group.getByText(`For example: ${MESSAGE}`)).toBeVisible();
  // Sending 12.5 again would fail again: the group offers fixing, not retrying.
  await expect(group.getByRole("button", { name: /^Retry/ })).toHaveCount(0);
  await expect(group.getByRole("button", { name: "Fix 3 rows in the grid" })).toBeVisible();
  const rows = await openRows(group);
  await expect(rows.getByRole("row")).toHaveCount(4);
  await expect(rows.getByRole("row").nth(1)).toContainText("numberofemployees: 12.5");
  await expect(rows.getByRole("row").nth(1).getByRole("link", { name: "Grid edits" })).toHaveAttribute(
    "href",
    /^\/submissions\/[0-9a-f-]{36}$/,
  );
  await rows.getByRole("checkbox", { name: "Select all shown rows" }).focus();
  await page.keyboard.press("Space"); // the selection works from the keyboard
  await expect(group.getByRole("button", { name: "Fix 3 selected rows in the grid" })).toBeVisible();
  const { violations } = await new AxeBuilder({ page }).include("main").analyze();
  expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);

  await page.keyboard.press("Space"); // nothing selected again: the actions are the whole group's

  // Fix it in the grid: the three rows come back marked failed; the fix is typed once and filled down.
  await group.getByRole("button", { name: "Fix 3 rows in the grid" }).click();
  await expect(namedGrid(page, GRID)).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "companies" })).toHaveText("50 companies", {
    timeout: 30_000,
  });
  await page.getByRole("checkbox", { name: "Show only failed rows" }).check();
  await expect(namedGrid(page, GRID).getByRole("row")).toHaveCount(4);
  for (let i = 0; i < 3; i++) await expect(await gridCell(page, GRID, i, EMPLOYEES)).toHaveText("12.5");
  await fillDown(page, EMPLOYEES, 3, "12");
  await reviewAndSubmit(page, "3 updated companies");
  await expect(resultsStatus(page)).toHaveText("Saved 3 · Failed 0 · Conflicts 0 · Waiting 0", { timeout: 30_000 });

  // The group is gone, the count is back, and HubSpot holds the fixed values and the saved cities.
  await openFailedItems(page);
  await expect(ourGroup(page)).toHaveCount(0);
  await expect.poll(() => failedCount(page)).toBe(earlier);
  const stored = new Map((await sandboxRecords<Stored>(request, "companies")).map((c) => [c.properties.domain, c]));
  expect(domains.slice(0, 3).map((d) => stored.get(d)?.properties.numberofemployees)).toEqual(["12", "12", "12"]);
  expect(domains.slice(3).map((d) => stored.get(d)?.properties.city)).toEqual(["Fillville", "Fillville"]);
});
