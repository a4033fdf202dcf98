import { expect, test, type Browser, type Page } from "@playwright/test";
import { viewQueryToParams, type ViewQuery } from "../lib/records/filters";
import { grid, resetSandbox, sandboxApi, signIn, visibleNames } from "./support";

test.use({ viewport: { width: 1800, height: 900 } });

interface ListResponse {
  total: number;
}

const picker = (page: Page) => page.getByRole("combobox", { name: "View", exact: true });
const chosen = (page: Page) => picker(page).locator("option:checked");
const count = (page: Page) => page.getByRole("status").filter({ hasText: /\d campaigns/ });
const params = (page: Page) => new URL(page.url()).searchParams;

/** A user of the sandbox's first portal other than its admin, in a browser of their own. */
async function signInAs(browser: Browser, label: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1800, height: 900 } })).newPage();
  await page.goto("/");
  await page.getByRole("link", { name: "Sign in with HubSpot" }).click();
  await page.getByLabel("Sign in as").selectOption({ label });
  await page.getByRole("button", { name: "Grant access" }).click();
  await expect(page.getByRole("grid", { name: "Campaigns" })).toBeVisible();
  return page;
}

/**
 * Issue 14 item 3: a view saved by one user of a portal is every user's. The second user opens it by
 * its URL alone (its filters, sort, search and columns come back), renames it and deletes it; a user
 * of another portal who has the link gets All and is told the view does not exist.
 */
test("a saved view is the portal's: opened by URL, renamed and deleted by a second user, unknown to another portal", async ({
  page,
  browser,
  request,
}) => {
  test.setTimeout(150_000);
  await resetSandbox(request);
  const { total } = await sandboxApi<ListResponse>(request, "/marketing/campaigns/2026-03?name=launch&limit=1");
  expect(total).toBeGreaterThan(1);
  const query: ViewQuery = {
    filters: [[{ property: "hs_name", operator: "contains", value: "launch" }]],
    sort: "-hs_name",
    q: "launch",
  };

  // The portal's admin filters the grid, hides a column and saves that as a view.
  await signIn(page);
  await page.goto(`/campaigns?${viewQueryToParams(query)}`);
  await expect(count(page)).toHaveText(`${total} campaigns`);
  await expect(chosen(page)).toHaveText("All");
  await page.getByText(/^Columns/).click();
  await page.getByRole("checkbox", { name: "Notes" }).uncheck();
  await page.getByText(/^Columns/).click();
  await expect(grid(page).getByRole("columnheader", { name: "Notes" })).toHaveCount(0);
  await page.getByRole("button", { name: "Save as new view…" }).click();
  const save = page.getByRole("dialog", { name: "Save as new view" });
  await save.getByLabel("View name").fill("Launches");
  await save.getByLabel("View name").press("Enter");
  await expect(save).toBeHidden();
  await expect(chosen(page)).toHaveText("Launches");
  await expect(page).toHaveURL(/view=/);
  const viewId = params(page).get("view")!;
  const names = await visibleNames(page, 6);
  expect(names.length).toBeGreaterThan(1);

  // Names are unique per portal and grid, whatever their case.
  await page.getByRole("button", { name: "Save as new view…" }).click();
  await save.getByLabel("View name").fill("LAUNCHES");
  await save.getByRole("button", { name: "Save view" }).click();
  await expect(save.getByRole("alert")).toHaveText(/A view named “LAUNCHES” already exists/);
  await save.getByRole("button", { name: "Cancel" }).click();

  // A second user of the portal opens it by its bare URL: the same filters, sort, search, rows, columns.
  const marketer = await signInAs(browser, "marketer@acme-marketing.example.com (Acme Marketing)");
  try {
    await marketer.goto(`/campaigns?view=${viewId}`);
    await expect(marketer).toHaveURL(/q=launch/);
    expect(JSON.parse(params(marketer).get("filters")!)).toEqual(query.filters);
    expect(params(marketer).get("sort")).toBe("-hs_name");
    await expect(chosen(marketer)).toHaveText("Launches");
    await expect(count(marketer)).toHaveText(`${total} campaigns`);
    await expect.poll(() => visibleNames(marketer, 6)).toEqual(names);
    await expect(grid(marketer).getByRole("columnheader", { name: "Notes" })).toHaveCount(0);
    await expect(marketer.getByText("Modified", { exact: true })).toHaveCount(0);

    // A changed search shows the view as modified until the change is saved into it.
    await marketer.getByLabel("Search campaigns by name").fill("launc");
    await expect(marketer).toHaveURL(/q=launc(&|$)/);
    await expect(marketer.getByText("Modified", { exact: true })).toBeVisible();
    await marketer.getByRole("button", { name: "Save changes" }).click();
    await expect(marketer.getByText("Modified", { exact: true })).toHaveCount(0);

    // It renames it; the admin sees the new name.
    await marketer.getByRole("button", { name: "Rename…" }).click();
    const rename = marketer.getByRole("dialog", { name: "Rename view" });
    await expect(rename.getByLabel("View name")).toHaveValue("Launches");
    await rename.getByLabel("View name").fill("Launch campaigns");
    await rename.getByRole("button", { name: "Rename" }).click();
    await expect(chosen(marketer)).toHaveText("Launch campaigns");
    await page.goto(`/campaigns?view=${viewId}`);
    await expect(chosen(page)).toHaveText("Launch campaigns");
    await expect(page).toHaveURL(/q=launc(&|$)/);

    // An admin of another portal with the link: not found, All instead.
    const globex = await (await browser.newContext()).newPage();
    try {
      await signIn(globex, { portal: /Globex/ });
      await globex.goto(`/campaigns?view=${viewId}`);
      await expect(globex.getByRole("status").filter({ hasText: "does not exist" })).toBeVisible();
      await expect(chosen(globex)).toHaveText("All");
      await expect(globex).not.toHaveURL(/view=|q=|filters=/);
      await expect(globex.getByRole("option", { name: "Launch campaigns" })).toHaveCount(0);
    } finally {
      await globex.context().close();
    }

    // The second user deletes it, after confirming: the grid goes back to All, for everyone.
    await marketer.getByRole("button", { name: "Delete…" }).click();
    await marketer
      .getByRole("dialog", { name: "Delete view “Launch campaigns”?" })
      .getByRole("button", { name: "Delete view" })
      .click();
    await expect(marketer.getByRole("status").filter({ hasText: "deleted" })).toHaveText(
      "View “Launch campaigns” deleted.",
    );
    await expect(chosen(marketer)).toHaveText("All");
    await expect(marketer).not.toHaveURL(/view=|q=|filters=/);
    await expect(count(marketer)).toHaveText("230 campaigns", { timeout: 30_000 });
    await page.reload();
    await expect(page.getByRole("status").filter({ hasText: "does not exist" })).toBeVisible();
    await expect(chosen(page)).toHaveText("All");
  } finally {
    await marketer.context().close();
  }
});

/**
 * The CRM page owns its column choice (it fetches only shown properties): opening a view still shows
 * the view's columns there. Everything by keyboard: the picker is a labelled select, the dialogs forms.
 */
test("choosing a contacts view again brings back its columns, by keyboard", async ({ page, request }) => {
  await resetSandbox(request);
  await signIn(page);
  await page.goto("/crm/contacts");
  const contacts = page.getByRole("grid", { name: "Contacts" });
  const jobTitle = contacts.getByRole("columnheader", { name: "Job Title" });
  await expect(jobTitle).toBeVisible({ timeout: 30_000 });
  await page.getByText(/^Columns \(/).click();
  await page.getByRole("checkbox", { name: "Job Title" }).uncheck();
  await page.getByText(/^Columns \(/).click();
  await expect(jobTitle).toHaveCount(0);

  await page.getByRole("button", { name: "Save as new view…" }).focus();
  await page.keyboard.press("Enter");
  await page.keyboard.type("No job titles");
  await page.keyboard.press("Enter");
  await expect(chosen(page)).toHaveText("No job titles");

  // Showing the column again is a change to the view; All keeps the grid as it is.
  await page.getByText(/^Columns \(/).click();
  await page.getByRole("checkbox", { name: "Job Title" }).check();
  await page.getByText(/^Columns \(/).click();
  await expect(page.getByText("Modified", { exact: true })).toBeVisible();
  await picker(page).focus();
  await picker(page).selectOption({ label: "All" });
  await expect(chosen(page)).toHaveText("All");
  await expect(page).not.toHaveURL(/view=/);
  await expect(jobTitle).toBeVisible();

  await picker(page).selectOption({ label: "No job titles" });
  await expect(page).toHaveURL(/view=/);
  await expect(jobTitle).toHaveCount(0);
  await expect(page.getByText("Modified", { exact: true })).toHaveCount(0);
});
