/**
 * Grid editing benchmark with 10,000 campaigns in headless Chromium: time to paste a 1,000 × 10
 * block (paste event → next painted frame), keystroke-to-paint latency while typing in a cell
 * editor, and frame times while scrolling with the pasted edits pending. Prints medians.
 *
 *   npx tsx bench/grid-editing.ts [--campaigns 10000] [--runs 3]
 */
import { fmt, measureScroll, median, signedInPage, startDemo, waitForAll } from "./support/demo";

const arg = (name: string, d: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : d;
};
const CAMPAIGNS = Number(arg("campaigns", "10000"));
const RUNS = Number(arg("runs", "3"));
const ctrl = process.platform === "darwin" ? "Meta" : "Control";

const block =
  Array.from({ length: 1000 }, (_, r) =>
    [`Bench campaign ${r}`, "2026-04-01", "2026-04-30", "Active", `Note ${r}`, "Everyone", "EUR", "1", "2", "3"].join(
      "\t",
    ),
  ).join("\r\n") + "\r\n";

// Paste on the focused cell, as Excel's Ctrl+V would, and wait for the next painted frame.
const PASTE_SCRIPT = (text: string) => `(async () => {
  const data = new DataTransfer();
  data.setData("text/plain", ${JSON.stringify(text)});
  const started = performance.now();
  document.activeElement.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  return performance.now() - started;
})()`;

// Records, for each real keydown, the time until the frame after it has been painted.
const KEY_PROBE = `window.__keyLat = []; document.addEventListener("keydown", (e) => {
  const t0 = e.timeStamp;
  requestAnimationFrame(() => setTimeout(() => window.__keyLat.push(performance.now() - t0), 0));
}, true);`;

const demo = await startDemo({ HUBSPOT_SANDBOX_CAMPAIGNS: String(CAMPAIGNS) });
try {
  const { browser, page } = await signedInPage(demo);
  await waitForAll(page, CAMPAIGNS);
  const grid = page.getByRole("grid", { name: "Campaigns" });
  const firstCell = grid.getByRole("row").nth(1).getByRole("gridcell").first();

  const pastes: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    await firstCell.click();
    pastes.push((await page.evaluate(PASTE_SCRIPT(block))) as number);
    await page.getByRole("region", { name: "Unsaved changes" }).waitFor();
    if (run < RUNS - 1) {
      await page.keyboard.press(`${ctrl}+z`);
      await page.getByRole("region", { name: "Unsaved changes" }).waitFor({ state: "detached" });
    }
  }

  await page.evaluate(KEY_PROBE);
  await grid.getByRole("row").nth(3).getByRole("gridcell").first().click();
  await page.keyboard.press("Enter");
  await page.keyboard.type("typing into a cell editor", { delay: 30 });
  await page.keyboard.press("Escape");
  const keys = (await page.evaluate("window.__keyLat")) as number[];

  const scroll = await measureScroll(page);
  await browser.close();
  console.log(`\ngrid editing, ${fmt(CAMPAIGNS)} campaigns loaded (medians)`);
  console.log(
    `  paste 1,000 × 10 → painted:  ${median(pastes).toFixed(0)} ms  (runs: ${pastes.map((p) => p.toFixed(0)).join(", ")})`,
  );
  console.log(
    `  keystroke → paint (editor):  ${median(keys).toFixed(1)} ms median, ${[...keys].sort((a, b) => a - b)[Math.floor(keys.length * 0.95)]!.toFixed(1)} ms p95 over ${keys.length} keys`,
  );
  console.log(
    `  scroll with 1,000 rows edited: ${scroll.median.toFixed(1)} / ${scroll.p95.toFixed(1)} ms frame median / p95, ${scroll.over50} of ${scroll.frames} frames > 50 ms`,
  );
} finally {
  await demo.stop();
}
