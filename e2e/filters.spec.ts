import { expect, test, type Locator, type Page } from "@playwright/test";
import { cellText, namedGrid, sandboxRecords, typeIn } from "./records-support";
import { resetSandbox, signIn } from "./support";

// Date-times are compared by the user's day: pin a zone that is not UTC.
test.use({ viewport: { width: 1800, height: 900 }, timezoneId: "Europe/Berlin" });

type Campaign = { id: string; properties: Record<string, string | null | undefined> };
interface StoredEvent {
  eventOrganizer?: string;
  startDateTime?: string;
  eventCancelled?: boolean;
  registrants?: number;
}

const status = (page: Page, text: string | RegExp) => page.getByRole("status").filter({ hasText: text });
const matchCount = (page: Page) => status(page, / match$/);
const filterBar = (page: Page) => page.getByRole("region", { name: "Filters" });
const chip = (page: Page, text: string) => filterBar(page).getByRole("button", { name: `Edit filter: ${text}` });

/** "Add filter" (or "Add an OR group"): column, condition, then the value part filled by `fill`. */
async function addFilter(
  page: Page,
  column: string,
  condition: string,
  fill: (dialog: Locator) => Promise<void> = async () => {},
  opener = "Add filter",
) {
  await filterBar(page).getByRole("button", { name: opener }).click();
  const dialog = page.getByRole("dialog", { name: opener });
  await dialog.getByLabel("Column").selectOption({ label: column });
  await dialog.getByLabel("Condition").selectOption({ label: condition });
  await fill(dialog);
  await dialog.getByRole("button", { name: "Apply filter" }).click();
  await expect(dialog).toBeHidden();
}

const fmt = (n: number) => n.toLocaleString("en-US");

test.describe("campaigns", () => {
  let campaigns: Campaign[];
  const count = (keep: (p: Campaign["properties"]) => boolean) => campaigns.filter((c) => keep(c.properties)).length;
  const expectMatches = async (page: Page, n: number) => {
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThan(230);
    await expect(matchCount(page)).toHaveText(`${fmt(n)} of 230 campaigns match`);
  };

  test.beforeEach(async ({ request, page }) => {
    await resetSandbox(request);
    campaigns = await sandboxRecords<Campaign>(request, "campaigns");
    await signIn(page);
    await expect(status(page, "campaigns")).toHaveText("230 campaigns", { timeout: 30_000 });
  });

  test("text, number, date, select and multi-select chips filter the loaded list", async ({ page }) => {
    await addFilter(page, "Name", "contains", (d) => d.getByLabel("Value").fill("launch"));
    await expect(chip(page, "Name contains “launch”")).toBeVisible();
    await expectMatches(
      page,
      count((p) => (p.hs_name ?? "").toLowerCase().includes("launch")),
    );
    expect(await cellText(page, "Campaigns", 0, "Name")).toMatch(/launch/i);
    await filterBar(page).getByRole("button", { name: "Remove filter: Name contains “launch”" }).click();
    await expect(matchCount(page)).toBeHidden();

    await addFilter(page, "Budget total", "between", async (d) => {
      await d.getByLabel("From").fill("10000");
      await d.getByLabel("To").fill("50000");
    });
    await expect(chip(page, "Budget total between 10000 and 50000")).toBeVisible();
    await expectMatches(
      page,
      count((p) => {
        const n = Number(p.hs_budget_items_sum_amount);
        return p.hs_budget_items_sum_amount != null && n >= 10000 && n <= 50000;
      }),
    );
    await filterBar(page).getByRole("button", { name: "Clear filters" }).click();

    await addFilter(page, "Start date", "after", (d) => d.getByLabel("Date").fill("2026-01-01"));
    await expect(chip(page, "Start date after 2026-01-01")).toBeVisible();
    await expectMatches(
      page,
      count((p) => !!p.hs_start_date && p.hs_start_date > "2026-01-01"),
    );
    await filterBar(page).getByRole("button", { name: "Clear filters" }).click();

    await addFilter(page, "Status", "is any of", async (d) => {
      await d.getByRole("checkbox", { name: "Planned" }).check();
      await d.getByRole("checkbox", { name: "Active" }).check();
    });
    await expect(chip(page, "Status is any of Planned, Active")).toBeVisible();
    await expectMatches(
      page,
      count((p) => ["planned", "active"].includes(p.hs_campaign_status ?? "")),
    );
    // The column header carries the filter mark.
    await expect(namedGrid(page, "Campaigns").getByRole("columnheader", { name: "Status (filtered)" })).toBeVisible();
    await filterBar(page).getByRole("button", { name: "Clear filters" }).click();
    await expect(namedGrid(page, "Campaigns").getByRole("columnheader", { name: "Status", exact: true })).toBeVisible();

    await addFilter(page, "Business units", "is any of", (d) => d.getByLabel("Values (comma-separated)").fill("12"));
    await expectMatches(
      page,
      count((p) => (p.hs_business_unit_ids ?? "").split(";").includes("12")),
    );
  });

  test("OR groups, editing a chip, reload keeps the filters, a link's bad filters say so", async ({ page }) => {
    await addFilter(page, "Status", "is any of", (d) => d.getByRole("checkbox", { name: "Planned" }).check());
    await addFilter(
      page,
      "Status",
      "is any of",
      (d) => d.getByRole("checkbox", { name: "Completed" }).check(),
      "Add an OR group",
    );
    await expect(filterBar(page).getByText("or", { exact: true })).toBeVisible();
    await expect(filterBar(page).getByRole("group")).toHaveCount(2);
    const either = count((p) => ["planned", "completed"].includes(p.hs_campaign_status ?? ""));
    await expectMatches(page, either);
    expect(new URL(page.url()).searchParams.get("filters")).toContain("completed");

    await page.reload();
    await expect(status(page, "campaigns")).toHaveText("230 campaigns", { timeout: 30_000 });
    await expect(chip(page, "Status is any of Planned")).toBeVisible();
    await expect(chip(page, "Status is any of Completed")).toBeVisible();
    await expectMatches(page, either);

    // Editing a chip: its dialog opens with the filter's values.
    await chip(page, "Status is any of Completed").click();
    const dialog = page.getByRole("dialog", { name: "Edit filter" });
    await expect(dialog.getByRole("checkbox", { name: "Completed" })).toBeChecked();
    await dialog.getByRole("checkbox", { name: "Paused" }).check();
    await dialog.getByRole("button", { name: "Apply filter" }).click();
    await expect(chip(page, "Status is any of Completed, Paused")).toBeVisible();
    await expectMatches(
      page,
      count((p) => ["planned", "completed", "paused"].includes(p.hs_campaign_status ?? "")),
    );

    // A bound: a date that is not a date is refused in words.
    await filterBar(page).getByRole("button", { name: "Add filter" }).click();
    const add = page.getByRole("dialog", { name: "Add filter" });
    await add.getByLabel("Column").selectOption({ label: "Start date" });
    await add.getByLabel("Condition").selectOption({ label: "before" });
    await add.getByLabel("Date").fill("03/01/2026");
    await add.getByRole("button", { name: "Apply filter" }).click();
    await expect(add.getByRole("alert")).toHaveText("Not a date (YYYY-MM-DD)");
    await add.getByRole("button", { name: "Cancel" }).click();

    await page.goto("/campaigns?filters=%5B%5Bnot-json&sort=-hs_name");
    await expect(filterBar(page).getByRole("alert")).toContainText("could not be read");
    await expect(status(page, "campaigns")).toHaveText("230 campaigns", { timeout: 30_000 });
  });

  test("no match: the empty state offers to clear; an edited row stays until the filters change", async ({ page }) => {
    await addFilter(page, "Name", "is", (d) => d.getByLabel("Value").fill("no campaign is called this"));
    await expect(page.getByText("No campaign matches the filters.")).toBeVisible();
    await page.getByRole("button", { name: "Clear filters" }).last().click();
    await expect(chip(page, "Name is “no campaign is called this”")).toBeHidden();

    await addFilter(page, "Name", "contains", (d) => d.getByLabel("Value").fill("launch"));
    const first = await cellText(page, "Campaigns", 0, "Name");
    expect(first).toMatch(/launch/i);
    await typeIn(page, "Campaigns", 0, "Name", "Renamed away");
    // It no longer matches, but the row does not jump away mid-edit.
    expect(await cellText(page, "Campaigns", 0, "Name")).toBe("Renamed away");
  });

  test("keyboard only: add a filter without the mouse", async ({ page }) => {
    await filterBar(page).getByRole("button", { name: "Add filter" }).focus();
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: "Add filter" });
    await expect(dialog.getByLabel("Column")).toBeFocused(); // Name is the first column
    await page.keyboard.press("Tab");
    await expect(dialog.getByLabel("Condition")).toBeFocused();
    await page.keyboard.press("ArrowDown"); // is not
    await page.keyboard.press("ArrowDown"); // contains
    await expect(dialog.getByLabel("Condition")).toHaveValue("contains");
    await page.keyboard.press("Tab");
    await page.keyboard.type("webinar");
    await page.keyboard.press("Enter");
    await expect(chip(page, "Name contains “webinar”")).toBeVisible();
    await expectMatches(
      page,
      count((p) => (p.hs_name ?? "").toLowerCase().includes("webinar")),
    );
    // Escape closes the editor and gives focus back to the chip.
    await chip(page, "Name contains “webinar”").focus();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("dialog", { name: "Edit filter" })).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(page.getByRole("dialog", { name: "Edit filter" })).toBeHidden();
    await expect(chip(page, "Name contains “webinar”")).toBeFocused();
  });
});

test.describe("marketing events", () => {
  let events: StoredEvent[];
  const count = (keep: (e: StoredEvent) => boolean) => events.filter(keep).length;
  const expectMatches = async (page: Page, n: number) => {
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThan(120);
    await expect(matchCount(page)).toHaveText(`${fmt(n)} of 120 events match`);
  };

  test.beforeEach(async ({ request, page }) => {
    await resetSandbox(request);
    events = await sandboxRecords<StoredEvent>(request, "marketing-events");
    await signIn(page);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Marketing events" }).click();
    await expect(status(page, /^\d+ events$/)).toHaveText("120 events", { timeout: 30_000 });
  });

  test("text, number, date-time and Yes/No chips", async ({ page }) => {
    await addFilter(page, "Organizer", "is", (d) => d.getByLabel("Value").fill("demand gen team"));
    await expectMatches(
      page,
      count((e) => e.eventOrganizer === "Demand Gen Team"),
    );
    await filterBar(page).getByRole("button", { name: "Clear filters" }).click();

    await addFilter(page, "Registrants", "≥", (d) => d.getByLabel("Value").fill("500"));
    await expect(chip(page, "Registrants ≥ 500")).toBeVisible();
    await expectMatches(
      page,
      count((e) => (e.registrants ?? -1) >= 500),
    );
    await filterBar(page).getByRole("button", { name: "Clear filters" }).click();

    // Before 1 March in Berlin: before 2026-02-28T23:00Z.
    await addFilter(page, "Start date and time (Europe/Berlin)", "before", (d) =>
      d.getByLabel("Date").fill("2026-03-01"),
    );
    await expectMatches(
      page,
      count((e) => !!e.startDateTime && Date.parse(e.startDateTime) < Date.parse("2026-02-28T23:00:00Z")),
    );
    await expect(
      namedGrid(page, "Marketing events").getByRole("columnheader", {
        name: "Start date and time (Europe/Berlin) (filtered)",
      }),
    ).toBeVisible();
    await filterBar(page).getByRole("button", { name: "Clear filters" }).click();

    await addFilter(page, "Cancelled", "is", (d) => d.getByRole("radio", { name: "Yes" }).check());
    await expect(chip(page, "Cancelled is Yes")).toBeVisible();
    await expectMatches(
      page,
      count((e) => e.eventCancelled === true),
    );
  });
});

test("CRM grids: the chip lands in the URL", async ({ request, page }) => {
  await resetSandbox(request);
  await signIn(page);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "CRM records" }).click();
  await expect(namedGrid(page, "Contacts")).toBeVisible({ timeout: 30_000 });
  await addFilter(page, "Lifecycle Stage", "is any of", (d) =>
    d.getByRole("checkbox", { name: "Lead", exact: true }).check(),
  );
  await expect(chip(page, "Lifecycle Stage is any of Lead")).toBeVisible();
  await expect(page).toHaveURL(/filters=/);
  const filters = JSON.parse(new URL(page.url()).searchParams.get("filters")!);
  expect(filters).toEqual([[{ property: "lifecyclestage", operator: "any_of", values: ["lead"] }]]);
});
