import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import Papa from "papaparse";
import { cell, sharedStringsPart, sheetPart, workbookParts, writeZip } from "../lib/uploads/parse/hostile-files";
import { sandboxRecords } from "./records-support";
import { resetSandbox, signIn } from "./support";

test.use({ viewport: { width: 1600, height: 1000 } });

type Stored = { id: string; properties: Record<string, string | null> };

async function tmpFile(name: string, content: string | Buffer) {
  const file = path.join(await mkdtemp(path.join(os.tmpdir(), "batchboard-upload-")), name);
  await writeFile(file, content);
  return file;
}

async function seriousViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

async function openUploads(page: Page) {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Uploads" }).click();
  await expect(page.getByRole("heading", { name: "Uploads", level: 1 })).toBeVisible();
}

test("a CSV updates contacts by email: mapping, check, dry run, import, results file", async ({ page, request }) => {
  await resetSandbox(request);
  const before = await sandboxRecords<Stored>(request, "contacts");
  const emails = before
    .map((c) => c.properties.email)
    .filter((e): e is string => !!e)
    .slice(0, 29);
  expect(emails).toHaveLength(29);
  // 28 rows that update, one whose stage is not an option (row 30 of the sheet), one email nobody has (row 31).
  const title = (i: number) => `Upload title ${i + 1}`;
  const rows = [
    ...emails.slice(0, 28).map((email, i) => [email, title(i), ""]),
    [emails[28]!, "Never written", "not-a-stage"],
    ["nobody.upload.e2e@example.com", "Nobody's title", ""],
  ];
  const csv = Papa.unparse([["E-mail", "Job title", "Lifecycle stage"], ...rows]);
  const file = await tmpFile("contacts-update.csv", csv);

  await signIn(page);
  await openUploads(page);
  await page.getByLabel("Spreadsheet file").setInputFiles(file);
  await expect(page).toHaveURL(/\/uploads\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name: "Import “contacts-update.csv”" })).toBeVisible();

  // 1. What to import
  await page.getByLabel("Import into").selectOption({ label: "Contacts" });
  await page.getByRole("radio", { name: "Update", exact: true }).check();
  await page.getByRole("button", { name: "Match columns" }).click();

  // 2. Map columns: headers spelled differently still match their properties.
  const mapping = page.getByRole("region", { name: "2. Map columns" });
  await expect(mapping.getByRole("combobox", { name: "Map “E-mail” to" })).toHaveValue("email");
  await expect(mapping.getByRole("combobox", { name: "Map “Job title” to" })).toHaveValue("jobtitle");
  await expect(mapping.getByRole("combobox", { name: "Map “Lifecycle stage” to" })).toHaveValue("lifecyclestage");
  // Long samples are shortened with "…": compare the start of the address.
  await expect(mapping.getByRole("row", { name: /E-mail/ })).toContainText(emails[0]!.slice(0, 24));
  await mapping.getByLabel("Match records by").selectOption({ label: "Email" });
  await expect(mapping.getByLabel("Time zone")).not.toHaveValue("");
  await page.screenshot({ path: test.info().outputPath("mapping-step.png"), fullPage: true });
  await mapping.getByRole("button", { name: "Check all rows" }).click();

  // 3. Check: the bad stage is the one invalid row, with its reason.
  const check = page.getByRole("region", { name: "3. Check" });
  await expect(check.getByRole("status")).toHaveText("29 valid · 1 invalid · 30 rows in all");
  const bad = check.getByRole("row", { name: /not-a-stage/ });
  await expect(bad.getByRole("cell").first()).toHaveText("30");
  await expect(bad).toContainText("Lifecycle stage → Lifecycle Stage");
  await expect(bad).toContainText("“not-a-stage” is not an option of Lifecycle Stage");

  // 4. Dry run: 30 rows − 1 invalid − 1 not found = 28 updates.
  const dry = page.getByRole("region", { name: "4. Dry run" });
  await dry.getByRole("button", { name: "Dry run" }).click();
  await expect(dry.getByRole("status", { name: "Dry run result" })).toHaveText(
    "28 updates · 0 creates · 0 unchanged · 1 invalid skipped · 1 not found",
    { timeout: 20_000 },
  );
  const firstChange = dry
    .getByRole("table", { name: /^Changes/ })
    .getByRole("row")
    .filter({ hasText: emails[0]! });
  await expect(firstChange.getByRole("cell")).toHaveText([
    "2",
    emails[0]!,
    "Job Title",
    before.find((c) => c.properties.email === emails[0])!.properties.jobtitle || "(empty)",
    title(0),
  ]);
  await expect(dry.getByRole("table", { name: /Not found in HubSpot/ })).toContainText("nobody.upload.e2e@example.com");

  // A refresh keeps what the server stored: target, mapping, check and dry run.
  await page.reload();
  await expect(page.getByLabel("Import into")).toHaveValue("crm:contacts");
  await expect(page.getByRole("combobox", { name: "Map “E-mail” to" })).toHaveValue("email");
  await expect(page.getByLabel("Match records by")).toHaveValue("email");
  await expect(check.getByRole("status")).toHaveText("29 valid · 1 invalid · 30 rows in all");
  await expect(dry.getByRole("status", { name: "Dry run result" })).toHaveText(
    "28 updates · 0 creates · 0 unchanged · 1 invalid skipped · 1 not found",
  );
  await page.screenshot({ path: test.info().outputPath("dry-run-step.png"), fullPage: true });
  expect(await seriousViolations(page)).toEqual([]);

  // 5. Import: the submission page follows it to the end.
  await page.getByRole("button", { name: "Run import" }).click();
  await expect(page).toHaveURL(/\/submissions\/[0-9a-f-]{36}$/);
  await expect(page.getByText("Finished")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText("28 saved")).toBeVisible();

  // Exactly the 28 valid, existing rows got their new title; nothing else changed.
  const after = await sandboxRecords<Stored>(request, "contacts");
  const changed = after.filter((c) => c.properties.jobtitle !== before.find((b) => b.id === c.id)?.properties.jobtitle);
  expect(changed.map((c) => c.properties.email).sort()).toEqual(emails.slice(0, 28).sort());
  for (const [i, email] of emails.slice(0, 28).entries())
    expect(after.find((c) => c.properties.email === email)!.properties.jobtitle).toBe(title(i));
  expect(after).toHaveLength(before.length);

  // Nothing failed, so the whole results file: the file's own columns plus each row's fate.
  await expect(page.getByRole("link", { name: "Failed rows only (CSV)" })).toHaveCount(0);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "CSV", exact: true }).click(),
  ]);
  const table = Papa.parse<string[]>((await readFile((await download.path())!, "utf8")).replace(/^\uFEFF/, ""), {
    skipEmptyLines: true,
  }).data;
  expect(table[0]).toEqual([
    "E-mail",
    "Job title",
    "Lifecycle stage",
    "Batchboard status",
    "HubSpot ID",
    "Error category",
    "Error",
  ]);
  expect(table).toHaveLength(29);
  expect(table.slice(1).map((r) => r[3])).toEqual(Array(28).fill("Saved"));
  expect(
    table
      .slice(1)
      .map((r) => r[0])
      .sort(),
  ).toEqual(emails.slice(0, 28).sort());

  // The upload is listed with its submission's state.
  await openUploads(page);
  const listed = page
    .getByRole("table", { name: "Uploads, newest first" })
    .getByRole("row", { name: /contacts-update\.csv/ });
  await expect(listed).toContainText("Contacts");
  await expect(listed.getByRole("link", { name: "Finished" })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath("uploads-page.png"), fullPage: true });
});

test("a file that is not a spreadsheet is refused with the server's reason, and the page stays", async ({
  page,
  request,
}) => {
  await resetSandbox(request);
  await signIn(page);
  await openUploads(page);
  const input = page.getByLabel("Spreadsheet file");
  // Scoped: Next.js keeps its own (empty) route-announcer alert on every page.
  const alert = page.getByRole("region", { name: "Upload a spreadsheet" }).getByRole("alert");

  await input.setInputFiles(await tmpFile("report.pdf", "%PDF-1.4\n1 0 obj\n<<>>\nendobj\n"));
  await expect(alert).toContainText("PDF files cannot be read.");
  await expect(alert).toContainText("CSV, TSV or Excel workbook (.xlsx)");
  await expect(page).toHaveURL(/\/uploads$/);
  expect(await seriousViolations(page)).toEqual([]);

  // An old Excel file: refused by its name, and the same input works again.
  await input.setInputFiles(await tmpFile("legacy.xls", Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])));
  await expect(alert).toContainText("Old Excel workbooks (.xls) cannot be read.");
  await expect(page).toHaveURL(/\/uploads$/);
  // Neither file was kept.
  await page.reload();
  await expect(page.getByRole("heading", { name: "Upload history" })).toBeVisible();
  await expect(page.getByRole("row", { name: /report\.pdf|legacy\.xls/ })).toHaveCount(0);
});

test("a saved mapping template is applied to the next file with the same columns", async ({ page, request }) => {
  await resetSandbox(request);
  const file = await tmpFile(
    "template.csv",
    Papa.unparse([
      ["E-mail", "Job title", "Notes"],
      ["a.template@example.com", "Tester", "ignore me"],
    ]),
  );
  await signIn(page);

  const matchContacts = async () => {
    await openUploads(page);
    await page.getByLabel("Spreadsheet file").setInputFiles(file);
    await expect(page).toHaveURL(/\/uploads\/[0-9a-f-]{36}$/);
    await page.getByLabel("Import into").selectOption({ label: "Contacts" });
    await page.getByRole("radio", { name: "Create", exact: true }).check();
    await page.getByRole("button", { name: "Match columns" }).click();
    return page.getByRole("region", { name: "2. Map columns" });
  };

  let mapping = await matchContacts();
  await expect(mapping.getByRole("combobox", { name: "Map “Notes” to" })).toHaveValue("skip");
  await mapping.getByRole("combobox", { name: "Map “Job title” to" }).selectOption({ label: "Don’t import" });
  await mapping.getByLabel("Decimal separator").selectOption(",");
  await mapping.getByLabel("Template name").fill("E2E contacts");
  await mapping.getByRole("button", { name: "Save mapping as template" }).click();
  await expect(mapping.getByRole("status")).toHaveText("Saved as template “E2E contacts”.");

  mapping = await matchContacts();
  await expect(mapping.getByRole("status")).toContainText("Applied your saved template “E2E contacts”");
  await expect(mapping.getByRole("combobox", { name: "Map “E-mail” to" })).toHaveValue("email");
  await expect(mapping.getByRole("combobox", { name: "Map “Job title” to" })).toHaveValue("skip");
  await expect(mapping.getByLabel("Decimal separator")).toHaveValue(",");
  // Create mode has no key to choose.
  await expect(mapping.getByLabel("Match records by")).toHaveCount(0);
});

test("a workbook's other sheet can be chosen: its columns and first rows replace the first sheet's", async ({
  page,
  request,
}) => {
  await resetSandbox(request);
  const { default: ExcelJS } = await import("exceljs");
  const book = new ExcelJS.Workbook();
  book.addWorksheet("Notes").addRows([["Comment"], ["not for import"]]);
  book.addWorksheet("Companies").addRows([
    ["Company name", "Company domain name"],
    ["Upload Co", "upload-co.example.com"],
  ]);
  const file = await tmpFile("two-sheets.xlsx", Buffer.from(await book.xlsx.writeBuffer()));
  await signIn(page);
  await openUploads(page);
  await page.getByLabel("Spreadsheet file").setInputFiles(file);
  await expect(page).toHaveURL(/\/uploads\/[0-9a-f-]{36}$/);
  await expect(page.getByLabel("Sheet")).toHaveValue("Notes");

  await page.getByLabel("Sheet").selectOption("Companies");
  await expect(page.getByText("two-sheets.xlsx: 1 row, 2 columns (sheet “Companies”).")).toBeVisible();
  await page.getByLabel("Import into").selectOption({ label: "Companies" });
  await page.getByRole("radio", { name: "Create", exact: true }).check();
  await page.getByRole("button", { name: "Match columns" }).click();
  const mapping = page.getByRole("region", { name: "2. Map columns" });
  await expect(mapping.getByRole("combobox", { name: "Map “Company domain name” to" })).toHaveValue("domain");
  await expect(mapping.getByRole("row", { name: /Company name/ })).toContainText("Upload Co");
  await expect(mapping.getByRole("combobox", { name: "Map “Comment” to" })).toHaveCount(0);
});

test("a workbook whose first sheet holds only a header row opens on its sheet with data; the header-only sheet says why it cannot be chosen", async ({
  page,
  request,
}) => {
  await resetSandbox(request);
  const { default: ExcelJS } = await import("exceljs");
  const book = new ExcelJS.Workbook();
  book.addWorksheet("Template").addRow(["Company name", "Company domain name"]);
  book.addWorksheet("Companies").addRows([
    ["Company name", "Company domain name"],
    ["Header Co", "header-co.example.com"],
    ["Second Co", "second-co.example.com"],
  ]);
  const file = await tmpFile("header-first.xlsx", Buffer.from(await book.xlsx.writeBuffer()));
  await signIn(page);
  await openUploads(page);
  await page.getByLabel("Spreadsheet file").setInputFiles(file);
  await expect(page).toHaveURL(/\/uploads\/[0-9a-f-]{36}$/);
  await expect(page.getByLabel("Sheet")).toHaveValue("Companies");
  await expect(page.getByText("header-first.xlsx: 2 rows, 2 columns (sheet “Companies”).")).toBeVisible();

  await page.getByLabel("Sheet").selectOption("Template");
  const step = page.getByRole("region", { name: "1. What to import" });
  await expect(step.getByRole("alert")).toContainText(
    "The sheet could not be read: The sheet “Template” has a header row but no data rows.",
  );
  // Nothing lost: the upload still reads its sheet with data.
  await page.reload();
  await expect(page.getByLabel("Sheet")).toHaveValue("Companies");
  await expect(page.getByText("header-first.xlsx: 2 rows, 2 columns (sheet “Companies”).")).toBeVisible();
});

test("a zip bomb and a 1,001-column file are refused with the limit they break; earlier uploads stay", async ({
  page,
  request,
}) => {
  await resetSandbox(request);
  const dir = await mkdtemp(path.join(os.tmpdir(), "batchboard-upload-"));
  // 2 MB on disk, 1 GB of shared strings once inflated, hidden from the zip's directory.
  const bomb = path.join(dir, "bomb.xlsx");
  await writeZip(bomb, [
    ...workbookParts(["Data"]),
    sharedStringsPart(`<si><t>${"x".repeat(1000)}</t></si>`, 1_050_000, 1000),
    sheetPart(1, { head: `<row r="1">${cell("A1", "Email")}</row>` }),
  ]);
  const wide = await tmpFile(
    "wide.csv",
    `${Array.from({ length: 1_001 }, (_, i) => `Column ${i + 1}`).join(",")}\n1\n`,
  );
  const kept = await tmpFile("kept-before.csv", "Email,Name\nkept@example.com,Kept\n");

  await signIn(page);
  await openUploads(page);
  await page.getByLabel("Spreadsheet file").setInputFiles(kept);
  await expect(page).toHaveURL(/\/uploads\/[0-9a-f-]{36}$/);
  await openUploads(page);
  const alert = page.getByRole("region", { name: "Upload a spreadsheet" }).getByRole("alert");
  await page.getByLabel("Spreadsheet file").setInputFiles(bomb);
  await expect(alert).toContainText(
    "This workbook's text values add up to more than 50,000,000 characters, more than one upload may hold.",
  );
  await page.getByLabel("Spreadsheet file").setInputFiles(wide);
  await expect(alert).toHaveText(
    "The file has values in more than 1,000 columns (as far out as column ALM), more than one upload may hold. Remove the columns you do not need and upload it again.",
  );
  await expect(page).toHaveURL(/\/uploads$/);
  await page.reload();
  await expect(page.getByRole("row", { name: /kept-before\.csv/ })).toHaveCount(1);
  await expect(page.getByRole("row", { name: /bomb\.xlsx|wide\.csv/ })).toHaveCount(0);
});

test("invalid rows of an upload can be fixed in the grid instead of skipped", async ({ page, request }) => {
  await resetSandbox(request);
  const csv = Papa.unparse([
    ["Name", "Status", "Audience"],
    ["Upload fix: good", "Planned", "Ops"],
    ["Upload fix: bad status", "Almost done", "Ops"],
  ]);
  const file = await tmpFile("campaigns-create.csv", csv);
  await signIn(page);
  await openUploads(page);
  await page.getByLabel("Spreadsheet file").setInputFiles(file);
  await expect(page).toHaveURL(/\/uploads\/[0-9a-f-]{36}$/);
  await page.getByLabel("Import into").selectOption({ label: "Campaigns" });
  await page.getByRole("radio", { name: "Create", exact: true }).check();
  await page.getByRole("button", { name: "Match columns" }).click();
  await page.getByRole("button", { name: "Check all rows" }).click();
  const check = page.getByRole("region", { name: "3. Check" });
  await expect(check.getByRole("status").first()).toContainText("1 valid · 1 invalid");

  await check.getByRole("button", { name: "Fix 1 invalid row in the grid" }).click();
  await expect(page).toHaveURL(/\/campaigns$/);
  const results = page.getByRole("region", { name: "Submission results" });
  await expect(results.getByRole("list", { name: "Failed rows" })).toContainText("Not imported (row 3 of the file)");
  const grid = page.getByRole("grid", { name: "Campaigns" });
  const row = grid.getByRole("row").filter({ hasText: "Upload fix: bad status" });
  await expect(row).toBeVisible();
  // The value HubSpot would refuse is on its cell, marked invalid; choosing a real status fixes it.
  const statusIdx = Number(
    await grid.getByRole("columnheader", { name: "Status", exact: true }).getAttribute("aria-colindex"),
  );
  const status = row.getByRole("gridcell").and(page.locator(`[aria-colindex="${statusIdx}"]`));
  await expect(status).toHaveAttribute("aria-invalid", "true");
  await status.click();
  await page.keyboard.type("Planned");
  await page.keyboard.press("Enter");
  await page.getByRole("button", { name: "Review and submit" }).click();
  await page.getByRole("dialog", { name: "Review changes" }).getByRole("button", { name: "Submit" }).click();
  await expect(results.getByRole("status")).toHaveText("Saved 1 · Failed 0 · Conflicts 0 · Waiting 0", {
    timeout: 30_000,
  });
  const stored = await sandboxRecords<Stored>(request, "campaigns");
  expect(stored.find((c) => c.properties.hs_name === "Upload fix: bad status")?.properties.hs_campaign_status).toBe(
    "planned",
  );
});

test("a campaign create's dry run flags names HubSpot already has and shows the new rows as they will be sent", async ({
  page,
  request,
}) => {
  await resetSandbox(request);
  const existing = (await sandboxRecords<Stored>(request, "campaigns")).slice(0, 2);
  // A plain US export: "Campaign name", "Start", "End", month-first dates (6/3/2027 is settled by 11/26/2027).
  const csv = Papa.unparse([
    ["Campaign name", "Start", "End", "Audience"],
    [existing[0]!.properties.hs_name!, "6/3/2027", "6/30/2027", "Returning"],
    ["Dry run new: Alpha", "6/3/2027", "11/26/2027", "+1 audience"],
    [existing[1]!.properties.hs_name!.toUpperCase(), "2/4/2027", "2/20/2027", ""],
    ["Dry run new: Beta", "11/26/2027", "12/1/2027", "Ops"],
    ["Dry run new: Alpha", "1/2/2028", "1/3/2028", "Twice in the file"],
  ]);
  const file = await tmpFile("campaigns-us.csv", csv);
  await signIn(page);
  await openUploads(page);
  await page.getByLabel("Spreadsheet file").setInputFiles(file);
  await expect(page).toHaveURL(/\/uploads\/[0-9a-f-]{36}$/);
  await page.getByLabel("Import into").selectOption({ label: "Campaigns" });
  await page.getByRole("radio", { name: "Create", exact: true }).check();
  await page.getByRole("button", { name: "Match columns" }).click();

  const mapping = page.getByRole("region", { name: "2. Map columns" });
  await expect(mapping.getByRole("combobox", { name: "Map “Campaign name” to" })).toHaveValue("hs_name");
  await expect(mapping.getByRole("combobox", { name: "Map “Start” to" })).toHaveValue("hs_start_date");
  await expect(mapping.getByRole("combobox", { name: "Map “End” to" })).toHaveValue("hs_end_date");
  await mapping.getByRole("button", { name: "Check all rows" }).click();

  // Only the second "Alpha" is invalid: a duplicate within the file, said so. No date is ambiguous.
  const check = page.getByRole("region", { name: "3. Check" });
  await expect(check.getByRole("status").first()).toHaveText("4 valid · 1 invalid · 5 rows in all");
  await expect(check.getByRole("row", { name: /Twice|Dry run new: Alpha/ })).toContainText(
    "is also in row 3 of this file",
  );
  await expect(
    check.getByText("Dates in “Start” are read month-first (MM/DD/YYYY), as the column’s own values show."),
  ).toBeVisible();

  const dry = page.getByRole("region", { name: "4. Dry run" });
  await dry.getByRole("button", { name: "Dry run" }).click();
  await expect(dry.getByRole("status", { name: "Dry run result" })).toHaveText(
    "0 updates · 2 creates · 0 unchanged · 1 invalid skipped · 0 not found · 2 already in HubSpot",
    { timeout: 20_000 },
  );
  const already = dry.getByRole("table", { name: /Already in HubSpot/ });
  await expect(already.getByRole("row").nth(1).getByRole("cell")).toHaveText([
    "2",
    existing[0]!.properties.hs_name!,
    `already exists in HubSpot (record ${existing[0]!.id})`,
  ]);
  await expect(already.getByRole("row").nth(2).getByRole("cell")).toHaveText([
    "4",
    existing[1]!.properties.hs_name!.toUpperCase(),
    `already exists in HubSpot (record ${existing[1]!.id})`,
  ]);

  // The new rows as they will be sent: converted dates, the audience as written.
  const sample = dry.getByRole("table", { name: /New records/ });
  await expect(sample.getByRole("row").filter({ hasText: "Start date" }).first().getByRole("cell")).toHaveText([
    "",
    "Start",
    "Start date",
    "2027-06-03",
  ]);
  await expect(sample.getByRole("row").filter({ hasText: "Audience" }).first().getByRole("cell")).toHaveText([
    "",
    "Audience",
    "Audience",
    "+1 audience",
  ]);
  await expect(sample.getByRole("row").filter({ hasText: "Dry run new: Beta" }).getByRole("cell")).toHaveText([
    "5",
    "Campaign name",
    "Name",
    "Dry run new: Beta",
  ]);
  expect(await seriousViolations(page)).toEqual([]);

  // The import sends only the two new names: nothing fails.
  await page.getByRole("button", { name: "Run import" }).click();
  await expect(page).toHaveURL(/\/submissions\/[0-9a-f-]{36}$/);
  await expect(page.getByText("Finished")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText("2 saved")).toBeVisible();
  const after = await sandboxRecords<Stored>(request, "campaigns");
  expect(after.find((c) => c.properties.hs_name === "Dry run new: Alpha")?.properties).toMatchObject({
    hs_start_date: "2027-06-03",
    hs_end_date: "2027-11-26",
    hs_audience: "+1 audience",
  });
});
