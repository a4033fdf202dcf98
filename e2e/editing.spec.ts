import { expect, test } from "@playwright/test";
import { cell, changesStatus, ctrl, pasteText, waitForAllLoaded } from "./grid-support";
import { grid, resetSandbox, signIn } from "./support";

test.use({ viewport: { width: 1800, height: 900 } });

test.beforeEach(async ({ request, page }) => {
  await resetSandbox(request);
  await signIn(page);
  await waitForAllLoaded(page);
});

test("editing a cell marks it, keeps the original in its title, and moves down on Enter", async ({ page }) => {
  const audience = await cell(page, 0, "Audience");
  const before = (await audience.innerText()).trim();
  await audience.click();
  await page.keyboard.type("Developers in Europe");
  await page.keyboard.press("Enter");
  await expect(audience).toHaveText("Developers in Europe");
  await expect(audience).toHaveAttribute("title", `Was: ${before || "(empty)"}`);
  await expect(await cell(page, 1, "Audience")).toHaveAttribute("aria-selected", "true");
  await expect(changesStatus(page)).toHaveText("1 row, 1 cell changed");

  // Writing the original value back is no change at all.
  await audience.click();
  await page.keyboard.press("F2");
  await grid(page).getByLabel("Audience", { exact: true }).fill(before);
  await page.keyboard.press("Tab");
  await expect(audience).not.toHaveAttribute("title");
  await expect(page.getByRole("region", { name: "Unsaved changes" })).toHaveCount(0);
});

test("enumerations edit through a select of labels and store the value", async ({ page }) => {
  const status = await cell(page, 0, "Status");
  await status.click();
  await page.keyboard.press("Enter");
  await grid(page).getByLabel("Status", { exact: true }).selectOption({ label: "Paused" });
  await page.keyboard.press("Enter");
  await expect(status).toHaveText("Paused");
  await expect(changesStatus(page)).toHaveText("1 row, 1 cell changed");
});

test("a 3×2 block pasted from a spreadsheet lands from the active cell, converted per column", async ({ page }) => {
  await (await cell(page, 1, "Start date")).click();
  // Excel's clipboard: CRLF rows, trailing CRLF, a quoted cell with a tab; labels and US dates.
  await pasteText(
    page,
    '2026-03-01\t2026-03-31\tIn progress\r\n4/1/2026\t"2026-04-30"\tpaused\r\n2026-05-01\t2026-05-31\tCompleted\r\n',
  );
  const expected = [
    ["03/01/2026", "03/31/2026", "In progress"],
    ["04/01/2026", "04/30/2026", "Paused"],
    ["05/01/2026", "05/31/2026", "Completed"],
  ];
  for (const [r, values] of expected.entries()) {
    for (const [c, column] of ["Start date", "End date", "Status"].entries())
      await expect(await cell(page, r + 1, column)).toHaveText(values[c]!);
  }
  // The pasted block is the new selection; the row below it is untouched.
  await expect(await cell(page, 3, "End date")).toHaveAttribute("aria-selected", "true");
  await expect(await cell(page, 4, "Start date")).toHaveAttribute("aria-selected", "false");
  await expect(await cell(page, 4, "Start date")).not.toHaveAttribute("title");
  await expect(changesStatus(page)).toContainText("3 rows");
});

test("Shift+arrows select a range; Ctrl+D fills it down; Ctrl+Z and Ctrl+Shift+Z undo and redo it as one step", async ({
  page,
}) => {
  const top = await cell(page, 0, "Audience");
  await top.click();
  await page.keyboard.type("Fill me");
  await page.keyboard.press("Enter");
  await top.click();
  await page.keyboard.press("Shift+ArrowDown");
  await page.keyboard.press("Shift+ArrowDown");
  await expect(await cell(page, 2, "Audience")).toHaveAttribute("aria-selected", "true");
  await expect(grid(page).getByRole("gridcell", { selected: true })).toHaveCount(3);
  const originals = [
    await (await cell(page, 1, "Audience")).innerText(),
    await (await cell(page, 2, "Audience")).innerText(),
  ];

  await page.keyboard.press(`${ctrl}+d`);
  for (const r of [1, 2]) await expect(await cell(page, r, "Audience")).toHaveText("Fill me");
  await expect(changesStatus(page)).toHaveText("3 rows, 3 cells changed");

  await page.keyboard.press(`${ctrl}+z`);
  for (const r of [1, 2]) await expect(await cell(page, r, "Audience")).toHaveText(originals[r - 1]!.trim());
  await expect(await cell(page, 0, "Audience")).toHaveText("Fill me");
  await expect(changesStatus(page)).toHaveText("1 row, 1 cell changed");

  await page.keyboard.press(`${ctrl}+Shift+z`);
  for (const r of [1, 2]) await expect(await cell(page, r, "Audience")).toHaveText("Fill me");
  await page.keyboard.press(`${ctrl}+z`);
  await page.keyboard.press(`${ctrl}+y`);
  await expect(changesStatus(page)).toHaveText("3 rows, 3 cells changed");

  // Delete clears the range, also one undo step.
  await page.keyboard.press("Delete");
  for (const r of [0, 1, 2]) await expect(await cell(page, r, "Audience")).toHaveText("");
  await page.keyboard.press(`${ctrl}+z`);
  await expect(await cell(page, 2, "Audience")).toHaveText("Fill me");
});

test("an invalid date marks the cell with the reason and blocks only its row", async ({ page }) => {
  const start = await cell(page, 0, "Start date");
  await start.click();
  await page.keyboard.type("2026-02-30");
  await page.keyboard.press("Enter");
  await expect(start).toHaveAttribute("aria-invalid", "true");
  await expect(start).toHaveAttribute(
    "title",
    /Start date must be a date like 03\/31\/2026 \(MM\/DD\/YYYY, month first\)/,
  );
  await expect(changesStatus(page)).toContainText("1 row with errors");

  // Typed dates in other formats are read as dates; an end before the start is flagged on the end date.
  const start2 = await cell(page, 1, "Start date");
  await start2.click();
  await page.keyboard.type("3/31/2026");
  await page.keyboard.press("Tab");
  await expect(start2).toHaveText("03/31/2026");
  await page.keyboard.type("2026-03-01");
  await page.keyboard.press("Enter");
  const end2 = await cell(page, 1, "End date");
  await expect(end2).toHaveAttribute("aria-invalid", "true");
  await expect(end2).toHaveAttribute("title", /End date 03\/01\/2026 is before start date 03\/31\/2026/);
  await expect(changesStatus(page)).toContainText("2 rows with errors");
});

test("unsaved edits survive a reload", async ({ page }) => {
  const notes = await cell(page, 2, "Audience");
  await notes.click();
  await page.keyboard.type("Kept across reloads");
  await page.keyboard.press("Enter");
  await page.getByRole("button", { name: "Add campaign" }).click();
  await grid(page).getByLabel("Name", { exact: true }).fill("Brand new campaign");
  await page.keyboard.press("Enter");
  await expect(changesStatus(page)).toHaveText("2 rows, 2 cells changed");
  await page.reload();
  await waitForAllLoaded(page);
  await expect(changesStatus(page)).toHaveText("2 rows, 2 cells changed");
  await expect(grid(page).getByRole("gridcell", { name: "Kept across reloads" })).toHaveAttribute("title", /^Was: /);
  await expect(grid(page).getByRole("gridcell", { name: "Brand new campaign" })).toBeVisible();

  await page.getByRole("button", { name: "Discard" }).click();
  await expect(page.getByRole("dialog", { name: "Discard all changes?" })).toBeVisible();
  await page.getByRole("button", { name: "Discard changes" }).click();
  await expect(page.getByRole("region", { name: "Unsaved changes" })).toHaveCount(0);
  await page.reload();
  await waitForAllLoaded(page);
  await expect(grid(page).getByRole("gridcell", { name: "Kept across reloads" })).toHaveCount(0);
});

test("mouse: drag selects a range that Ctrl+C copies as TSV; the fill handle copies the active cell down", async ({
  page,
  context,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const from = await cell(page, 0, "Start date");
  const to = await cell(page, 1, "End date");
  await from.hover();
  await page.mouse.down();
  await to.hover();
  await page.mouse.up();
  await expect(grid(page).getByRole("gridcell", { selected: true })).toHaveCount(4);
  await page.keyboard.press(`${ctrl}+c`);
  const expected = [];
  for (const r of [0, 1])
    expected.push(
      `${(await (await cell(page, r, "Start date")).innerText()).trim()}\t${(await (await cell(page, r, "End date")).innerText()).trim()}`,
    );
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(expected.join("\n"));

  // Shift+click extends from the active cell.
  await (await cell(page, 3, "Audience")).click({ modifiers: ["Shift"] });
  await expect(await cell(page, 3, "Audience")).toHaveAttribute("aria-selected", "true");

  const audience = await cell(page, 0, "Audience");
  await audience.click();
  await page.keyboard.type("Dragged down");
  await page.keyboard.press("Enter");
  await audience.click();
  const box = (await audience.boundingBox())!;
  const target = (await (await cell(page, 2, "Audience")).boundingBox())!;
  await page.mouse.move(box.x + box.width - 2, box.y + box.height - 2);
  await page.mouse.down();
  await page.mouse.move(target.x + target.width / 2, target.y + target.height / 2, { steps: 5 });
  await page.mouse.up();
  for (const r of [1, 2]) await expect(await cell(page, r, "Audience")).toHaveText("Dragged down");
  await expect(changesStatus(page)).toHaveText("3 rows, 3 cells changed");
  await page.keyboard.press(`${ctrl}+z`);
  await expect(changesStatus(page)).toHaveText("1 row, 1 cell changed");
});
