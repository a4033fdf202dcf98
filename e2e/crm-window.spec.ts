import { expect, test, type Page } from "@playwright/test";
import { ctrl } from "./grid-support";
import { namedGrid, resultsStatus, reviewAndSubmit, sandboxRecords } from "./records-support";
import { resetSandbox, signIn } from "./support";

test.use({ viewport: { width: 1600, height: 900 } });

const CONTACTS = 12_000;
type Stored = { id: string; properties: Record<string, string | null> };

/** A rendered row of the contacts grid by a value it shows, and one of its cells by column name. */
async function cellOf(page: Page, rowText: string, column: string) {
  const g = namedGrid(page, "Contacts");
  const idx = await g.getByRole("columnheader", { name: column, exact: true }).getAttribute("aria-colindex");
  return g.getByRole("row").filter({ hasText: rowText }).locator(`[role="gridcell"][aria-colindex="${idx}"]`);
}

test("a view past HubSpot's 10,000-result cap: the total, its end reached by Ctrl+End, an edit there saved", async ({
  page,
  request,
}) => {
  test.setTimeout(240_000);
  await resetSandbox(request, { contacts: CONTACTS });
  const stored = (await sandboxRecords<Stored>(request, "contacts")).sort((a, b) => Number(a.id) - Number(b.id));
  const first = stored[0]!;
  const last = stored[stored.length - 1]!;
  await signIn(page);

  // Server actions the grid calls (POSTs with a Next-Action header) before the user scrolls.
  const actions: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "POST" && r.headers()["next-action"]) actions.push(r.url());
  });
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "CRM records" }).click();
  await expect(page.getByRole("status").filter({ hasText: "contacts" })).toHaveText("12,000 contacts", {
    timeout: 60_000,
  });
  const grid = namedGrid(page, "Contacts");
  await expect(grid).toHaveAttribute("aria-rowcount", String(CONTACTS + 1));
  await expect(grid.getByRole("row").filter({ hasText: first.properties.email! })).toBeVisible();
  await expect(page.getByRole("note")).toContainText("shown in record ID order");
  // The columns, then the first windows: nothing like the 60 list pages a full load took.
  expect(actions.length).toBeLessThan(10);

  // Ctrl+End goes to the last record; its window loads and replaces the placeholders.
  await (await cellOf(page, first.properties.email!, "Email")).click();
  await page.keyboard.press(`${ctrl}+End`);
  const lastRow = grid.getByRole("row").filter({ hasText: last.properties.email! });
  await expect(lastRow).toBeVisible({ timeout: 30_000 });
  await expect(lastRow).toHaveAttribute("aria-rowindex", String(CONTACTS + 1));

  // An edit there survives scrolling back to the top (its row is no longer loaded) and is saved.
  await (await cellOf(page, last.properties.email!, "Job Title")).click();
  await page.keyboard.type("Far Down Officer");
  await page.keyboard.press("Enter");
  // Ctrl+Home lands on the header row (react-data-grid's); one row down is the first record.
  await page.keyboard.press(`${ctrl}+Home`);
  await page.keyboard.press("ArrowDown");
  await expect(grid.getByRole("row").filter({ hasText: first.properties.email! })).toBeVisible();
  await expect(grid.getByRole("row").filter({ hasText: last.properties.email! })).toHaveCount(0);
  await reviewAndSubmit(page, "1 updated contact");
  await expect(resultsStatus(page)).toHaveText("Saved 1 · Failed 0 · Conflicts 0 · Waiting 0", { timeout: 30_000 });
  const after = await sandboxRecords<Stored>(request, "contacts");
  expect(after.find((c) => c.id === last.id)!.properties.jobtitle).toBe("Far Down Officer");
});
