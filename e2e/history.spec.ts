import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import Papa from "papaparse";
import { cell, sandboxPost, waitForAllLoaded } from "./grid-support";
import { resetSandbox, signIn } from "./support";

test.use({ viewport: { width: 1800, height: 900 } });

test("the submission history lists a submission and opens it with each row's change and fate", async ({
  page,
  request,
}) => {
  await resetSandbox(request, { seed: 11 });
  await signIn(page);
  await waitForAllLoaded(page);
  await sandboxPost(request, "/marketing/campaigns/2026-03/batch/create", {
    inputs: [{ properties: { hs_name: "History: name taken" } }],
  });

  const oldAudience = (await (await cell(page, 1, "Audience")).innerText()).trim();
  for (const [row, column, text] of [
    [0, "Name", "History: name taken"],
    [1, "Audience", "History audience"],
  ] as const) {
    await (await cell(page, row, column)).click();
    await page.keyboard.type(text);
    await page.keyboard.press("Enter");
  }
  await page.getByRole("button", { name: "Review and submit" }).click();
  await page.getByRole("dialog", { name: "Review changes" }).getByRole("button", { name: "Submit" }).click();
  await expect(page.getByRole("region", { name: "Submission results" }).getByRole("status")).toHaveText(
    "Saved 1 · Failed 1 · Conflicts 0 · Waiting 0",
    { timeout: 30_000 },
  );

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Submission history" }).click();
  const latest = page
    .getByRole("table", { name: /Submissions/ })
    .getByRole("row")
    .nth(1);
  await expect(latest).toContainText(/campaigns/i);
  await expect(latest).toContainText("1 saved");
  await expect(latest).toContainText("1 failed");
  await expect(latest).toContainText("Finished");
  await latest.getByRole("link").click();

  const rows = page.getByRole("table", { name: "Rows of this submission" });
  const saved = rows.getByRole("row").filter({ hasText: "History audience" });
  await expect(saved).toContainText("Audience:");
  await expect(saved).toContainText(`${oldAudience || "(empty)"} → History audience`);
  await expect(saved).toContainText("Saved");

  await page.getByRole("navigation", { name: "Filter rows by outcome" }).getByRole("link", { name: "Failed" }).click();
  await expect(rows.getByRole("row")).toHaveCount(2); // header + the failed row
  const failed = rows.getByRole("row").nth(1);
  await expect(failed).toContainText("History: name taken");
  await failed.getByText(/already called/).click();
  await expect(failed).toContainText("DUPLICATE_CAMPAIGN_NAME");
  // Failures grouped by HubSpot's error category, each a filter of its own.
  const categories = page.getByRole("navigation", { name: "Filter failed rows by error category" });
  await expect(categories.getByRole("link")).toHaveCount(1);
  await expect(categories.getByRole("link")).toHaveText(/^(CONFLICT|VALIDATION_ERROR): 1$/);
  await categories.getByRole("link").click();
  await expect(page).toHaveURL(/status=failed&category=/);
  await expect(rows.getByRole("row")).toHaveCount(2);

  // The failed rows as a file: name, what was sent, status and HubSpot's reason.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Failed rows only (CSV)" }).click(),
  ]);
  const csv = await readFile((await download.path())!, "utf8");
  const table = Papa.parse<string[]>(csv.replace(/^\uFEFF/, ""), { skipEmptyLines: true }).data;
  expect(table[0]).toEqual(["Row", "Change", "hs_name", "Batchboard status", "HubSpot ID", "Error category", "Error"]);
  expect(table).toHaveLength(2);
  expect(table[1]!.slice(0, 4)).toEqual([expect.any(String), "update", "History: name taken", "Failed"]);
  expect(table[1]![6]).toMatch(/already called/);

  // Retrying sends the failed row again as a new submission; the name is still taken, so it fails again.
  const first = page.url();
  await page.getByRole("button", { name: "Retry 1 failed row" }).click();
  await expect(page).not.toHaveURL(first);
  await expect(page.getByRole("heading", { name: /^Submission of/ })).toBeVisible();
  await expect(page.getByText("Finished")).toBeVisible({ timeout: 30_000 });
  await expect(
    page
      .getByRole("table", { name: "Rows of this submission" })
      .getByRole("row")
      .filter({ hasText: "History: name taken" }),
  ).toContainText("Failed");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Submission history" }).click();
  const newest = page
    .getByRole("table", { name: /Submissions/ })
    .getByRole("row")
    .nth(1);
  await expect(newest).toContainText("Retry of failed rows");
  await expect(newest).toContainText("1 failed");

  // Fixing in the grid: the failed row comes back as a pending edit, marked with HubSpot's reason.
  await newest.getByRole("link").click();
  await page.getByRole("button", { name: "Fix 1 failed row in the grid" }).click();
  await expect(page).toHaveURL(/\/campaigns$/);
  // The list is read again after the submissions: it now holds the campaign created behind the grid's back.
  await waitForAllLoaded(page, 231);
  const results = page.getByRole("region", { name: "Submission results" });
  await expect(results.getByRole("list", { name: "Failed rows" })).toContainText("History: name taken");
  await results.getByRole("checkbox", { name: "Show only failed rows" }).check();
  await expect(page.getByRole("grid", { name: "Campaigns" }).getByRole("row")).toHaveCount(2);
  await (await cell(page, 0, "Name")).click();
  await page.keyboard.type("History: a fresh name");
  await page.keyboard.press("Enter");
  await page.getByRole("button", { name: "Review and submit" }).click();
  await page.getByRole("dialog", { name: "Review changes" }).getByRole("button", { name: "Submit" }).click();
  await expect(results.getByRole("status")).toHaveText("Saved 1 · Failed 0 · Conflicts 0 · Waiting 0", {
    timeout: 30_000,
  });
});
