import { expect, test, type Page } from "@playwright/test";
import { failedCount, nav, openRows } from "./failed-support";
import { cell, sandboxCampaigns, waitForAllLoaded } from "./grid-support";
import { resetSandbox, SANDBOX, signIn } from "./support";

test.use({ viewport: { width: 1800, height: 900 } });

const UPDATE = "/marketing/campaigns/2026-03/batch/update";
// A kind of error a retry can fix (HubSpot failing for a while), so the group offers Retry.
const MESSAGE = "HubSpot had a problem (HTTP 502)";
const ourGroup = (page: Page) =>
  page.getByRole("region", { name: /^Campaigns: HubSpot had a problem: HubSpot had a problem \(HTTP 502\)/ });

/** Edits Audience on `n` rows and submits them while HubSpot fails every update batch (502, each retried by the engine until it gives up). */
async function failSome(
  page: Page,
  request: import("@playwright/test").APIRequestContext,
  n: number,
  text: string,
  from = 0,
) {
  const fault = {
    method: "POST",
    path: UPDATE,
    times: 50,
    status: 502,
    body: { status: "error", category: "INTERNAL_ERROR", message: "Bad gateway", correlationId: "e2e" },
  };
  expect((await request.post(`${SANDBOX}/__sandbox/faults`, { data: { rules: [fault] } })).ok()).toBe(true);
  for (let i = 0; i < n; i++) {
    await (await cell(page, from + i, "Audience")).click();
    await page.keyboard.type(`${text} ${i}`);
    await page.keyboard.press("Enter");
  }
  await page.getByRole("button", { name: "Review and submit" }).click();
  await page.getByRole("dialog", { name: "Review changes" }).getByRole("button", { name: "Submit" }).click();
  await expect(page.getByRole("region", { name: "Submission results" }).getByRole("status")).toHaveText(
    `Saved 0 · Failed ${n} · Conflicts 0 · Waiting 0`,
    { timeout: 30_000 },
  );
  await request.delete(`${SANDBOX}/__sandbox/faults`);
}

test("failed rows are grouped across submissions; a group retried or dismissed leaves the list", async ({
  page,
  request,
}) => {
  await resetSandbox(request, { seed: 21 });
  await signIn(page);
  await waitForAllLoaded(page);
  const before = await sandboxCampaigns(request);
  const earlier = await failedCount(page);
  await failSome(page, request, 3, "Retry me");

  // The navigation counts them; the page groups them by resource and kind of error, in plain words.
  await page.reload();
  await waitForAllLoaded(page);
  await expect.poll(() => failedCount(page)).toBe(earlier + 3);
  await nav(page)
    .getByRole("link", { name: /^Failed items/ })
    .click();
  const group = ourGroup(page);
  await expect(group).toHaveCount(1);
  await expect(group.getByRole("heading")).toContainText("Campaigns · HubSpot had a problem · 3 rows");
  await expect(group.getByText("Retry later")).toBeVisible();
  const table = await openRows(group);
  await expect(table.getByRole("row")).toHaveCount(4);
  await expect(table.getByRole("row").nth(1)).toContainText(MESSAGE);
  await expect(table.getByRole("row").nth(1).getByRole("link", { name: "Grid edits" })).toHaveAttribute(
    "href",
    /^\/submissions\/[0-9a-f-]{36}$/,
  );

  // HubSpot works again: retrying the group sends the rows as they were sent, and they save.
  await group.getByRole("button", { name: "Retry 3 rows" }).click();
  await expect(page.getByRole("heading", { name: /^Submission of/ })).toBeVisible();
  await expect(page.getByText("Finished")).toBeVisible({ timeout: 30_000 });
  const after = new Map((await sandboxCampaigns(request)).map((c) => [c.id, c]));
  expect([...after.values()].filter((c) => /^Retry me \d$/.test(c.properties.hs_audience ?? "")).length).toBe(3);
  expect(after.size).toBe(before.length);
  await nav(page)
    .getByRole("link", { name: /^Failed items/ })
    .click();
  await expect(page.getByRole("heading", { name: "Failed items" })).toBeVisible();
  await expect(ourGroup(page)).toHaveCount(0);
  await expect.poll(() => failedCount(page)).toBe(earlier);

  // The grid held the three rows' edits (failed rows keep theirs). HubSpot has those values now, so
  // they are no longer pending, and the rows are no longer marked failed.
  await nav(page).getByRole("link", { name: "Campaigns" }).click();
  await waitForAllLoaded(page);
  await expect(page.getByRole("region", { name: "Unsaved changes" })).toHaveCount(0);
  const results = page.getByRole("region", { name: "Submission results" });
  await expect(results.getByRole("list", { name: "Failed rows" })).toHaveCount(0);
  // Closing the old results leaves nothing behind (no failed statuses), and the next results are new.
  await results.getByRole("button", { name: "Close" }).click();
  await expect(results).toHaveCount(0);

  // Failures nobody will fix are dismissed with a reason, a selected one first; the submission keeps their history.
  await failSome(page, request, 3, "Dismiss me", 5);
  await nav(page)
    .getByRole("link", { name: /^Failed items/ })
    .click();
  const second = ourGroup(page);
  await expect(second.getByRole("heading")).toContainText("3 rows");
  const rows = await openRows(second);
  const first = rows.getByRole("checkbox", { name: /^Select (?!all shown rows)/ }).first();
  const name = (await first.getAttribute("aria-label"))!.replace(/^Select /, "");
  await first.check();
  await expect(rows.getByRole("checkbox", { name: "Select all shown rows" })).not.toBeChecked();
  await expect(second.getByRole("button", { name: "Retry 1 selected row" })).toBeVisible();

  // The export honours the selection.
  const download = page.waitForEvent("download");
  await second.getByRole("link", { name: "Export 1 selected row (XLSX)" }).click();
  const { default: ExcelJS } = await import("exceljs");
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile((await (await download).path())!);
  const sheet = book.worksheets[0]!;
  expect(sheet.rowCount).toBe(2);
  expect(sheet.getRow(2).getCell(1).text).toBe(name);
  expect((sheet.getRow(2).values as unknown[]).join(" | ")).toContain(MESSAGE);

  await second.getByRole("button", { name: "Dismiss…" }).click();
  await second.getByLabel("Reason").fill("Test data, not needed");
  await second.getByRole("button", { name: "Dismiss 1 selected row" }).click();
  await expect(second.getByRole("heading")).toContainText("2 rows");
  await expect(rows.getByRole("checkbox", { name: `Select ${name}` })).toHaveCount(0);
  await expect.poll(() => failedCount(page)).toBe(earlier + 2);

  // Nothing selected any more: the actions apply to the whole group again.
  await rows.getByRole("checkbox", { name: "Select all shown rows" }).check();
  await expect(second.getByRole("button", { name: "Retry 2 selected rows" })).toBeVisible();
  await rows.getByRole("checkbox", { name: "Select all shown rows" }).uncheck();
  await second.getByRole("button", { name: "Dismiss…" }).click();
  await second.getByLabel("Reason").fill("Test data, not needed");
  await second.getByRole("button", { name: "Dismiss 2 rows" }).click();
  await expect(ourGroup(page)).toHaveCount(0);
  await expect.poll(() => failedCount(page)).toBe(earlier);
});
