import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import ExcelJS from "exceljs";
import Papa from "papaparse";
import { viewQueryToParams, type ViewQuery } from "../lib/records/filters";
import { namedGrid, sandboxRecords } from "./records-support";
import { resetSandbox, signIn } from "./support";

/**
 * Export a view (issue 14, item 5): the view in the URL (its filters) with the grid's visible
 * columns, written by a job, followed in the dialog and downloaded.
 */
test.use({ viewport: { width: 1600, height: 900 } });

type Stored = { id: string; properties: Record<string, string | null> };
const LEADS: ViewQuery = { filters: [[{ property: "lifecyclestage", operator: "any_of", values: ["lead"] }]] };

async function exportView(page: Page, format: "CSV" | "Excel (XLSX)") {
  await page.getByRole("button", { name: "Export…" }).click();
  const dialog = page.getByRole("dialog", { name: "Export contacts" });
  await expect(dialog).toContainText("Every contact matching this view");
  // Keyboard only: the format, then the start button.
  await dialog.getByRole("radio", { name: format }).check();
  await dialog.getByRole("button", { name: "Start export" }).focus();
  await page.keyboard.press("Enter");
  const link = dialog.getByRole("link", { name: /^Download contacts-.*\.(csv|xlsx)$/ });
  await expect(link).toBeVisible({ timeout: 30_000 });
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  return { dialog, download, path: (await download.path())! };
}

test.beforeEach(async ({ request, page }) => {
  await resetSandbox(request);
  await signIn(page);
  await page.goto(`/crm/contacts?${viewQueryToParams(LEADS)}`);
  await expect(namedGrid(page, "Contacts")).toBeVisible();
});

test("a filtered contacts view exports as CSV: its records, the visible columns, labels for people", async ({
  page,
  request,
}) => {
  const leads = (await sandboxRecords<Stored>(request, "contacts")).filter(
    (c) => c.properties.lifecyclestage === "lead",
  );
  expect(leads.length).toBeGreaterThan(5);
  // Lifecycle Stage shown (a select: its label is exported), whatever the default columns are.
  await page.getByText(/^Columns \(\d+\)$/).click();
  await page.getByRole("group", { name: "Visible columns" }).getByRole("checkbox", { name: "Lifecycle Stage" }).check();
  await page.getByText(/^Columns \(\d+\)$/).click();
  const shown = (await namedGrid(page, "Contacts").getByRole("columnheader").allInnerTexts()).map((t) =>
    // A filtered column's header also says so (for screen readers); the file's header is the label.
    t.replace(/\s*\(filtered\)$/, "").trim(),
  );
  const { dialog, download, path } = await exportView(page, "CSV");
  expect(download.suggestedFilename()).toMatch(/^contacts-\d{4}-\d{2}-\d{2}-\d{4}\.csv$/);
  await expect(dialog.getByRole("status")).toContainText(`${leads.length} contacts exported.`);

  const [header, ...rows] = Papa.parse<string[]>((await readFile(path, "utf8")).replace(/^\uFEFF/, ""), {
    skipEmptyLines: true,
  }).data;
  // The record id, then the grid's columns in its order (not its trailing read-only "Last updated").
  expect(header).toEqual(["Record ID", ...shown.filter((h) => h !== "Last updated")]);
  expect(rows).toHaveLength(leads.length);
  expect(new Set(rows.map((r) => r[0]))).toEqual(new Set(leads.map((c) => c.id)));
  const stage = header!.indexOf("Lifecycle Stage");
  expect(stage).toBeGreaterThan(1);
  expect(new Set(rows.map((r) => r[stage]))).toEqual(new Set(["Lead"]));

  // The exports page lists it for its owner, with the same file.
  await dialog.getByRole("link", { name: "Your exports" }).click();
  await expect(page.getByRole("heading", { name: "Exports" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Your exports, newest first" })).toContainText(
    download.suggestedFilename(),
  );
});

test("the same view exports as XLSX", async ({ page, request }) => {
  const leads = (await sandboxRecords<Stored>(request, "contacts")).filter(
    (c) => c.properties.lifecyclestage === "lead",
  );
  const { download, path } = await exportView(page, "Excel (XLSX)");
  expect(download.suggestedFilename()).toMatch(/^contacts-.*\.xlsx$/);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path);
  const sheet = book.worksheets[0]!;
  expect(sheet.getRow(1).getCell(1).value).toBe("Record ID");
  expect(sheet.rowCount).toBe(leads.length + 1);
});
