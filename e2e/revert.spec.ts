import { expect, test } from "@playwright/test";
import { cell, sandboxCampaigns, sandboxPost, waitForAllLoaded, type SandboxCampaign } from "./grid-support";
import { grid, resetSandbox, signIn } from "./support";

test.use({ viewport: { width: 1800, height: 900 } });

/** A campaign as compared before and after: its values, not its timestamps. */
const values = (list: SandboxCampaign[]) => new Map(list.map((c) => [c.id, c.properties]));

test("a submission is reverted: the sandbox is back to its state before, except a record changed since, which is reported as a conflict", async ({
  page,
  request,
}) => {
  await resetSandbox(request, { seed: 31 });
  await signIn(page);
  await waitForAllLoaded(page);
  const before = await sandboxCampaigns(request);

  // Three edits and one new campaign, all saved.
  for (let i = 0; i < 3; i++) {
    await (await cell(page, i, "Audience")).click();
    await page.keyboard.type(`Revert me ${i}`);
    await page.keyboard.press("Enter");
  }
  await page.getByRole("button", { name: "Add campaign" }).click();
  await grid(page).getByLabel("Name", { exact: true }).fill("Revert: created campaign");
  await page.keyboard.press("Tab");
  await page.getByRole("button", { name: "Review and submit" }).click();
  await page.getByRole("dialog", { name: "Review changes" }).getByRole("button", { name: "Submit" }).click();
  await expect(page.getByRole("region", { name: "Submission results" }).getByRole("status")).toHaveText(
    "Saved 4 · Failed 0 · Conflicts 0 · Waiting 0",
    { timeout: 30_000 },
  );
  const submitted = values(await sandboxCampaigns(request));
  const touched = [...submitted].filter(([, p]) => /^Revert me \d$/.test(p.hs_audience ?? "")).map(([id]) => id);
  expect(touched).toHaveLength(3);

  // Someone changes one of them in HubSpot afterwards.
  await sandboxPost(request, "/marketing/campaigns/2026-03/batch/update", {
    inputs: [{ id: touched[1], properties: { hs_audience: "Changed in HubSpot" } }],
  });

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Submission history" }).click();
  await page
    .getByRole("table", { name: /Submissions/ })
    .getByRole("row")
    .nth(1)
    .getByRole("link")
    .click();
  await expect(page.getByRole("heading", { name: /^Submission of/ })).toBeVisible();
  const original = page.url();
  await page.getByRole("button", { name: "Revert…" }).click();

  // The preview: current → restored per row, the conflict named, nothing written yet.
  await expect(page.getByRole("heading", { name: "Revert preview" })).toBeVisible();
  const preview = page.getByRole("region", { name: "Revert preview" });
  await expect(preview.getByRole("status")).toHaveText(
    "Restores 2 campaigns (2 values) · 1 conflict · archives 1 created campaign if you confirm",
    { timeout: 30_000 },
  );
  const rows = page.getByRole("table", { name: "Rows of this submission" });
  const conflict = rows.getByRole("row").filter({ hasText: "Changed in HubSpot since the submission" });
  await expect(conflict).toContainText("Audience is now “Changed in HubSpot” (the submission set “Revert me 1”)");
  await expect(rows.getByRole("row").filter({ hasText: "Revert me 0 →" })).toContainText("Not sent yet");
  expect(values(await sandboxCampaigns(request)).get(touched[0]!)!.hs_audience).toBe("Revert me 0");

  // Conflicts are skipped (the default); archiving the created campaign needs its own confirmation.
  await expect(preview.getByRole("radio", { name: "Skip them: keep what HubSpot has now" })).toBeChecked();
  await expect(preview.getByRole("button", { name: "Revert 2 rows" })).toBeVisible();
  await preview.getByRole("checkbox", { name: "Archive the 1 campaign this submission created" }).check();
  await preview.getByRole("button", { name: "Revert 3 rows" }).click();
  const confirm = page.getByRole("dialog", { name: "Revert this submission?" });
  await expect(confirm).toContainText("1 created campaign will be archived");
  await confirm.getByRole("button", { name: "Revert 3 rows" }).click();

  // It runs as a submission of its own, recorded in the history.
  await expect(page.getByRole("heading", { name: /^Submission of/ })).toBeVisible();
  await expect(page.getByText("Finished")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText("3 saved")).toBeVisible();
  await expect(page.getByText("1 conflict")).toBeVisible();

  // HubSpot is exactly as before, except the record changed since (left as HubSpot has it).
  const after = values(await sandboxCampaigns(request));
  const expected = values(before);
  expected.set(touched[1]!, { ...expected.get(touched[1]!)!, hs_audience: "Changed in HubSpot" });
  expect([...after.keys()].sort()).toEqual([...expected.keys()].sort());
  for (const [id, props] of expected) expect(after.get(id), id).toEqual(props);

  // The original submission links to its revert; reverting it again finds only the conflict left,
  // and overwriting it (confirmed) brings HubSpot back exactly to where it was.
  await page.goto(original);
  await expect(page.getByText(/^Reverted by/)).toBeVisible();
  await page.getByRole("button", { name: "Revert…" }).click();
  await expect(preview.getByRole("status")).toHaveText(
    "1 conflict · 3 skipped (2 already restored, 1 deleted in HubSpot since)",
    { timeout: 30_000 },
  );
  await expect(preview.getByRole("button", { name: "Revert 0 rows" })).toBeDisabled();
  await preview.getByRole("radio", { name: "Overwrite them with the values from before the submission" }).check();
  await preview.getByRole("button", { name: "Revert 1 row" }).click();
  await expect(confirm).toContainText("This overwrites 1 change made in HubSpot since the submission.");
  await confirm.getByRole("button", { name: "Revert 1 row" }).click();
  await expect(page.getByText("Finished")).toBeVisible({ timeout: 30_000 });
  const restored = values(await sandboxCampaigns(request));
  expect([...restored.keys()].sort()).toEqual([...values(before).keys()].sort());
  for (const [id, props] of values(before)) expect(restored.get(id), id).toEqual(props);
});
