import { expect, test, type Page } from "@playwright/test";
import { cell, cellInRow, changesStatus, pasteText, sandboxCampaigns, waitForAllLoaded } from "./grid-support";
import { grid, resetSandbox, SANDBOX, signIn, visibleNames } from "./support";

/** Grid bugs found by testing as a user (issue 11, items 9 and 12). */
test.use({ viewport: { width: 1800, height: 900 } });

test.beforeEach(async ({ request, page }) => {
  await resetSandbox(request);
  await signIn(page);
  await waitForAllLoaded(page);
});

const results = (page: Page) => page.getByRole("region", { name: "Submission results" });

async function typeInto(page: Page, n: number, column: string, text: string) {
  await (await cell(page, n, column)).click();
  await page.keyboard.type(text);
  await page.keyboard.press("Enter");
}

async function submitAll(page: Page, summary: string) {
  await page.getByRole("button", { name: "Review and submit" }).click();
  const dialog = page.getByRole("dialog", { name: "Review changes" });
  await expect(dialog).toContainText(summary);
  await dialog.getByRole("button", { name: "Submit" }).click();
  await expect(dialog).toBeHidden();
}

test("item 9: after a submission, leaving through the header and coming back shows the saved values, not the old ones", async ({
  page,
}) => {
  const name = (await (await cell(page, 0, "Name")).innerText()).trim();
  await typeInto(page, 0, "Audience", "Audience after submit");
  await expect(changesStatus(page)).toHaveText("1 row, 1 cell changed");
  await submitAll(page, "1 updated campaign");
  await expect(results(page).getByRole("status")).toHaveText("Saved 1 · Failed 0 · Conflicts 0 · Waiting 0", {
    timeout: 30_000,
  });

  const nav = page.getByRole("navigation", { name: "Main" });
  await nav.getByRole("link", { name: "Submission history" }).click();
  await expect(page).toHaveURL(/\/submissions$/);
  await nav.getByRole("link", { name: "Campaigns" }).click();
  await expect(grid(page)).toBeVisible();

  const row = grid(page).getByRole("row").filter({ hasText: name });
  await expect(row.getByRole("gridcell", { name: "Saved" })).toBeVisible();
  await expect(await cellInRow(row, page, "Audience")).toHaveText("Audience after submit");
  // And it stays so once the list has been read again from HubSpot.
  await waitForAllLoaded(page);
  await expect(await cellInRow(row, page, "Audience")).toHaveText("Audience after submit");
});

test.describe("item 10: dates in an en-GB browser", () => {
  test.use({ locale: "en-GB", timezoneId: "Europe/London" });

  test("slashed dates are read and shown day first, like Last updated, and reach HubSpot as that day", async ({
    page,
    request,
  }) => {
    const name = (await (await cell(page, 0, "Name")).innerText()).trim();
    await typeInto(page, 0, "Start date", "01/04/2026");
    await typeInto(page, 0, "End date", "30/04/2026");
    const start = await cell(page, 0, "Start date");
    const end = await cell(page, 0, "End date");
    await expect(start).toHaveText("01/04/2026");
    await expect(end).toHaveText("30/04/2026");
    await expect(end).not.toHaveAttribute("aria-invalid", "true");
    // One convention on the screen: Last updated is day first too (and in the same zone).
    const stored = (await sandboxCampaigns(request)).find((c) => c.properties.hs_name === name)!;
    const d = new Date(stored.updatedAt);
    const london = new Intl.DateTimeFormat("en-GB", {
      timeZone: "Europe/London",
      day: "2-digit",
      month: "2-digit",
      year: "numeric",
    }).format(d);
    await expect(await cell(page, 0, "Last updated")).toHaveText(
      new RegExp(`^${london.replace(/\//g, "\\/")} \\d{2}:\\d{2}`),
    );

    await submitAll(page, "1 updated campaign");
    await expect(results(page).getByRole("status")).toHaveText("Saved 1 · Failed 0 · Conflicts 0 · Waiting 0", {
      timeout: 30_000,
    });
    const after = (await sandboxCampaigns(request)).find((c) => c.id === stored.id)!;
    expect(after.properties.hs_start_date).toBe("2026-04-01");
    expect(after.properties.hs_end_date).toBe("2026-04-30");
  });

  test("the Date order setting overrides the locale and is kept after a reload", async ({ page }) => {
    await typeInto(page, 0, "Start date", "01/04/2026");
    await page.getByLabel("Date order").selectOption({ label: "Month first (03/31/2026)" });
    await expect(await cell(page, 0, "Start date")).toHaveText("04/01/2026");
    await page.reload();
    await waitForAllLoaded(page);
    await expect(page.getByLabel("Date order")).toHaveValue("MDY");
    await expect(await cell(page, 0, "Start date")).toHaveText("04/01/2026");
    // Typed text now reads month first.
    await typeInto(page, 1, "Start date", "05/06/2026");
    await page.getByLabel("Date order").selectOption("YMD");
    await expect(await cell(page, 1, "Start date")).toHaveText("2026-05-06");
  });
});

test("item 10: a day-first date in a month-first browser is an error in plain words, not 2026-30-04", async ({
  page,
}) => {
  await typeInto(page, 0, "Start date", "30/04/2026");
  const start = await cell(page, 0, "Start date");
  await expect(start).toHaveText("30/04/2026");
  await expect(start).toHaveAttribute("aria-invalid", "true");
  await expect(start).toHaveAttribute(
    "title",
    /Start date must be a date like 03\/31\/2026 \(MM\/DD\/YYYY, month first\) or 2026-03-31, not “30\/04\/2026”/,
  );
  await expect(changesStatus(page)).toContainText("1 row with errors");
});

test("item 12: the campaign count in the header counts campaigns created from the grid at once", async ({ page }) => {
  await page.getByRole("button", { name: "Add campaign" }).click();
  await grid(page).getByLabel("Name", { exact: true }).fill("Counted campaign");
  await page.keyboard.press("Tab");
  await submitAll(page, "1 new campaign");
  await expect(results(page).getByRole("status")).toHaveText("Saved 1 · Failed 0 · Conflicts 0 · Waiting 0", {
    timeout: 30_000,
  });
  await expect(page.getByRole("status").filter({ hasText: "campaigns" })).toHaveText("231 campaigns");
});

test("item 12: a selected range stays on its columns when the status column appears", async ({ page }) => {
  await typeInto(page, 0, "Audience", "Range audience");
  await (await cell(page, 0, "Owner")).click();
  await (await cell(page, 2, "Owner")).click({ modifiers: ["Shift"] });
  for (const r of [0, 1, 2]) await expect(await cell(page, r, "Owner")).toHaveAttribute("aria-selected", "true");
  await submitAll(page, "1 updated campaign");
  await expect(grid(page).getByRole("columnheader", { name: "Save status" })).toBeVisible();
  for (const r of [0, 1, 2]) {
    await expect(await cell(page, r, "Owner")).toHaveAttribute("aria-selected", "true");
    await expect(await cell(page, r, "Audience")).toHaveAttribute("aria-selected", "false");
  }
});

test("item 12: a name typed while a long list is loading filters at once and is searched without waiting for the last page", async ({
  page,
  request,
}) => {
  await resetSandbox(request, { campaigns: 3000 });
  await request.post(`${SANDBOX}/__sandbox/config`, { data: { latencyMs: 150 } });
  try {
    await page.reload();
    const status = page.getByRole("status").filter({ hasText: "campaigns" });
    await expect(status).toHaveText(/^Loaded [\d,]+ of 3,000 campaigns…$/);
    const name = (await (await cell(page, 0, "Name")).innerText()).trim();
    const needle = name.slice(0, 12).toLowerCase();
    await page.getByLabel("Search campaigns by name").fill(needle);
    // Applied to the loaded rows at once…
    await expect
      .poll(async () => (await visibleNames(page, 5)).every((n) => n.toLowerCase().includes(needle)), {
        timeout: 1_000,
      })
      .toBe(true);
    // …and sent to HubSpot after the pause in typing, while the full list would still be loading.
    await expect.poll(() => new URL(page.url()).searchParams.get("q"), { timeout: 2_000 }).toBe(needle);
    await expect(status).toHaveText(/^\d+ campaigns$|^Loaded \d+ of \d+ campaigns…$/);
    expect(await status.innerText()).not.toContain("3,000");
  } finally {
    await request.post(`${SANDBOX}/__sandbox/config`, { data: { latencyMs: 0 } });
  }
});

test("item 12: in the CRM grid an email another contact has is flagged before submit", async ({ page }) => {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "CRM records" }).click();
  await expect(page.getByRole("status").filter({ hasText: "contacts" })).toHaveText("300 contacts", {
    timeout: 30_000,
  });
  const contacts = page.getByRole("grid", { name: "Contacts" });
  const emailIdx = Number(
    await contacts.getByRole("columnheader", { name: "Email", exact: true }).getAttribute("aria-colindex"),
  );
  const email = (row: number) =>
    contacts
      .getByRole("row")
      .nth(row + 1)
      .getByRole("gridcell")
      .and(page.locator(`[aria-colindex="${emailIdx}"]`));
  const taken = (await email(1).innerText()).trim();
  await email(0).click();
  await page.keyboard.type(taken.toUpperCase());
  await page.keyboard.press("Enter");
  await expect(email(0)).toHaveAttribute("aria-invalid", "true");
  await expect(email(0)).toHaveAttribute(
    "title",
    new RegExp(`Another contact in the grid already has Email “${taken.toUpperCase().replace(/[.+]/g, "\\$&")}”`),
  );
  await expect(changesStatus(page)).toContainText("1 row with errors");
});

test("item 12: a paste longer than what is loaded waits for the rows and applies every line", async ({
  page,
  request,
}) => {
  await resetSandbox(request, { campaigns: 3000 });
  await request.post(`${SANDBOX}/__sandbox/config`, { data: { latencyMs: 150 } });
  try {
    await page.reload();
    const status = page.getByRole("status").filter({ hasText: "campaigns" });
    await expect(status).toHaveText(/^Loaded [\d,]+ of 3,000 campaigns…$/);
    await (await cell(page, 0, "Audience")).click();
    await pasteText(page, Array.from({ length: 1000 }, (_, r) => `Pasted ${r}`).join("\r\n") + "\r\n");
    const notice = page.getByRole("status", { name: "Paste" });
    await expect(notice).toContainText(
      /Waiting for rows to load: the paste covers 1,000 rows and [\d,]+ of them are loaded/,
    );
    await expect(changesStatus(page)).toHaveText("1,000 rows, 1,000 cells changed", { timeout: 30_000 });
    await expect(notice).toHaveCount(0);
  } finally {
    await request.post(`${SANDBOX}/__sandbox/config`, { data: { latencyMs: 0 } });
  }
});

test("item 12: a paste past the last row says what was not pasted", async ({ page, request }) => {
  await resetSandbox(request, { campaigns: 5 });
  await page.reload();
  await waitForAllLoaded(page, 5);
  await (await cell(page, 3, "Audience")).click();
  await pasteText(page, "One\nTwo\nThree\nFour\nFive\n");
  await expect(page.getByRole("status", { name: "Paste" })).toHaveText(
    /Pasted 2 rows; not pasted: the last 3 rows of 5 rows reach past the end of the grid\./,
  );
  await expect(changesStatus(page)).toHaveText("2 rows, 2 cells changed");
});
