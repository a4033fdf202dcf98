import { expect, test } from "@playwright/test";
import { cell, changesStatus, ctrl, waitForAllLoaded } from "./grid-support";
import { resetSandbox, signIn } from "./support";

test.use({ viewport: { width: 1800, height: 900 } });

test("a 1,000 × 10 paste skips read-only columns, is one step, and one undo reverts it", async ({ page, request }) => {
  await resetSandbox(request, { campaigns: 1200 });
  await signIn(page);
  await waitForAllLoaded(page, 1200);
  await (await cell(page, 0, "Name")).click();
  // Name, dates, status, notes, audience, currency (7 editable), then 3 read-only columns that a paste must skip.
  const text =
    Array.from({ length: 1000 }, (_, r) =>
      [
        `Pasted campaign ${r}`,
        "2026-04-01",
        "2026-04-30",
        "Active",
        `Note ${r}`,
        "Everyone",
        "EUR",
        "1",
        "2",
        "3",
      ].join("\t"),
    ).join("\r\n") + "\r\n";

  // How fast it paints is measured by bench/grid-editing.ts, not asserted here.
  await page.evaluate((t) => {
    const data = new DataTransfer();
    data.setData("text/plain", t);
    document.activeElement!.dispatchEvent(
      new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }),
    );
  }, text);

  await expect(changesStatus(page)).toHaveText(/^1,000 rows, [\d,]+ cells changed$/);
  await expect(await cell(page, 0, "Name")).toHaveText("Pasted campaign 0");
  await expect(await cell(page, 0, "Owner")).not.toHaveAttribute("title");

  await page.keyboard.press(`${ctrl}+z`);
  await expect(page.getByRole("region", { name: "Unsaved changes" })).toHaveCount(0);
});
