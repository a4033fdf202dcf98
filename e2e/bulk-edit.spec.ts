import { expect, test } from "@playwright/test";
import { viewQueryToParams } from "../lib/records/filters";
import { sandboxRecords } from "./records-support";
import { resetSandbox, signIn } from "./support";

type Stored = { id: string; properties: Record<string, string | null> };
const fmt = (n: number) => n.toLocaleString("en-US");

test("bulk set over a view of a few thousand contacts: dry run counts, run, results and revert", async ({
  page,
  request,
}) => {
  test.setTimeout(240_000);
  await resetSandbox(request, { contacts: 3_000 });
  const before = await sandboxRecords<Stored>(request, "contacts");
  const inView = before.filter((c) => c.properties.lifecyclestage === "subscriber");
  const change = inView.filter((c) => c.properties.jobtitle !== "Bulk E2E").length;
  expect(inView.length).toBeGreaterThan(300);

  await signIn(page);
  const filters = viewQueryToParams({
    filters: [[{ property: "lifecyclestage", operator: "any_of", values: ["subscriber"] }]],
  });
  await page.goto(`/crm/contacts?${filters}`);
  await page.getByRole("button", { name: "Bulk edit…" }).click();
  const dialog = page.getByRole("dialog", { name: "Bulk edit this view" });
  await dialog.getByLabel("Property").selectOption({ label: "Job Title" });
  await dialog.getByLabel("Change").selectOption({ label: "Set to a value" });
  await dialog.getByLabel("New value").fill("Bulk E2E");
  await dialog.getByRole("button", { name: "Dry run" }).click();

  // The dry run: counts from the whole view (not the loaded rows), a sample, the rule, nothing written.
  await expect(page.getByRole("heading", { name: "Bulk edit: Set Job Title to “Bulk E2E”" })).toBeVisible();
  const run = page.getByRole("button", { name: `Run: change ${fmt(change)} contacts` });
  await expect(run).toBeVisible({ timeout: 60_000 });
  const counts = page.getByRole("definition");
  await expect(counts).toHaveText([fmt(inView.length), fmt(change), "0", "0"]);
  await expect(page.getByRole("table", { name: /A sample of the changes/ }).getByRole("row")).toHaveCount(21);
  await expect(page.getByText("The set of records is fixed now, at the dry run.")).toBeVisible();
  expect(
    (await sandboxRecords<Stored>(request, "contacts")).filter((c) => c.properties.jobtitle === "Bulk E2E"),
  ).toHaveLength(0);

  // Run: an ordinary submission with its results.
  await run.click();
  await expect(page.getByRole("heading", { name: /^Submission of/ })).toBeVisible();
  await expect(page.getByText("Finished")).toBeVisible({ timeout: 120_000 });
  await expect(page.getByText(`${fmt(change)} saved`)).toBeVisible();
  const after = new Map((await sandboxRecords<Stored>(request, "contacts")).map((c) => [c.id, c]));
  for (const c of before) {
    const expected = c.properties.lifecyclestage === "subscriber" ? "Bulk E2E" : (c.properties.jobtitle ?? null);
    expect(after.get(c.id)!.properties.jobtitle ?? null, c.id).toBe(expected);
  }

  // Revert brings every job title back.
  await page.getByRole("button", { name: "Revert…" }).click();
  const preview = page.getByRole("region", { name: "Revert preview" });
  await expect(preview.getByRole("status")).toHaveText(`Restores ${fmt(change)} contacts (${fmt(change)} values)`, {
    timeout: 60_000,
  });
  await preview.getByRole("button", { name: `Revert ${fmt(change)} rows` }).click();
  await page
    .getByRole("dialog", { name: "Revert this submission?" })
    .getByRole("button", { name: `Revert ${fmt(change)} rows` })
    .click();
  await expect(page.getByRole("heading", { name: /^Submission of/ })).toBeVisible();
  await expect(page.getByText("Finished")).toBeVisible({ timeout: 120_000 });
  const reverted = new Map((await sandboxRecords<Stored>(request, "contacts")).map((c) => [c.id, c]));
  for (const c of before)
    expect(reverted.get(c.id)!.properties.jobtitle ?? null, c.id).toBe(c.properties.jobtitle ?? null);
});
