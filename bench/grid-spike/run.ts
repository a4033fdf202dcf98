// Grid spike: react-data-grid vs RevoGrid. Run from the repo root:
//   npx tsx bench/grid-spike/run.ts [--runs=3] [--only=rdg|revo] [--no-caps]
// Builds the harness (build.ts), serves bench/grid-spike/out over node:http on 127.0.0.1:<random>,
// measures each grid with Playwright + system Chromium and probes capabilities.
import { chromium, type Browser, type Page } from "@playwright/test";
import { createServer, type Server } from "node:http";
import { readFile, writeFile } from "node:fs/promises";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { extname, join, normalize } from "node:path";
import type { AddressInfo } from "node:net";
import { build, OUT, HERE, type BundleInfo } from "./build";

const args = new Map<string, string | undefined>(
  process.argv.slice(2).map((a) => a.replace(/^--/, "").split("=") as [string, string | undefined]),
);
const RUNS = Number(args.get("runs") ?? 3);
const GRIDS = (args.get("only")?.split(",") ?? ["rdg", "revo"]) as Grid[];
const DO_CAPS = !args.has("no-caps");
type Grid = "rdg" | "revo";

const LAUNCH_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
const VIEWPORT = { width: 1280, height: 800 };
const SCROLL_MS = 3000;

// ---------------------------------------------------------------- static server
const MIME: Record<string, string> = {
  ".html": "text/html",
  ".js": "text/javascript",
  ".css": "text/css",
  ".json": "application/json",
};
async function serve(): Promise<{ server: Server; base: string }> {
  const server = createServer(async (req, res) => {
    const p = normalize(decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname)).replace(/^(\.\.[/\\])+/, "");
    try {
      const body = await readFile(join(OUT, p));
      res.writeHead(200, {
        "content-type": MIME[extname(p)] ?? "application/octet-stream",
        "cache-control": "no-store",
      });
      res.end(body);
    } catch {
      res.writeHead(404).end("not found");
    }
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

// ---------------------------------------------------------------- helpers
const median = (xs: number[]) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! : NaN;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** CSS selector for the body cell at 0-based data row r / column c. */
function cellSel(grid: Grid, r: number, c: number) {
  return grid === "rdg"
    ? `[role="row"][aria-rowindex="${r + 2}"] > [role="gridcell"][aria-colindex="${c + 1}"]` // +1 header row, 1-based
    : `revogr-data[type="rgRow"] .rgCell[data-rgrow="${r}"][data-rgcol="${c}"]`;
}

/** Read row data from the page (rdg: React state via window.__getRows; revo: grid.getSource()). */

async function getRows(page: Page, grid: Grid, from: number, to: number): Promise<any[]> {
  return page.evaluate(
    async ({ grid, from, to }) => {
      const all =
        grid === "rdg" ? (window as any).__getRows() : await (document.querySelector("revo-grid") as any).getSource();
      return all.slice(from, to);
    },
    { grid, from, to },
  );
}

/** Scroll the grid back to the first row/column. */
async function toTop(page: Page, grid: Grid) {
  await sleep(300); // let queued wheel events / smooth-scroll animations finish first
  await scrollToOrigin(page, grid);
  for (let i = 0; i < 10 && (await page.locator(cellSel(grid, 3, 0)).count()) === 0; i++)
    await scrollToOrigin(page, grid);
}
async function scrollToOrigin(page: Page, grid: Grid) {
  await page.evaluate(async (grid) => {
    if (grid === "rdg") {
      const g = document.querySelector('[role="grid"]') as HTMLElement;
      g.scrollTop = 0;
      g.scrollLeft = 0;
    } else {
      const g = document.querySelector("revo-grid") as any;
      await g.scrollToRow(0);
      await g.scrollToColumnIndex(0);
    }
  }, grid);
  await sleep(250);
}

async function newPage(browser: Browser) {
  const context = await browser.newContext({ viewport: VIEWPORT, permissions: ["clipboard-read", "clipboard-write"] });
  // tsx compiles this file with keepNames, so functions inside page.evaluate() reference __name().
  await context.addInitScript("globalThis.__name = (f) => f;");
  const page = await context.newPage();
  return { context, page };
}

async function open(page: Page, base: string, grid: Grid) {
  await page.goto(`${base}/${grid}.html`, { waitUntil: "load" });
  await page.waitForFunction(() => (window as any).__bench?.paintAfterCellAt != null, null, { timeout: 30_000 });
}

// ---------------------------------------------------------------- performance run
interface RunResult {
  firstCellMs: number;
  firstPaintMs: number;
  fcpMs: number;
  heapMB: number;
  domElements: number;
  cdpNodes: number;
  jsBytesLoaded: number;
  frameMedian: number;
  frameP95: number;
  framesOver50: number;
  frames: number;
  scrolledRows: number;
  reachedBottom: boolean;
  scrollDirChanges: number;
  keyLatMedian: number;
  keyLatP95: number;
  editorOpened: boolean;
  typedOk: boolean;
}

async function perfRun(browser: Browser, base: string, grid: Grid): Promise<RunResult> {
  const { context, page } = await newPage(browser);
  let jsBytesLoaded = 0;
  page.on("response", async (r) => {
    if (r.url().endsWith(".js") || r.url().endsWith(".css"))
      jsBytesLoaded += (await r.body().catch(() => Buffer.alloc(0))).length;
  });
  const cdp = await context.newCDPSession(page);
  await open(page, base, grid);
  await sleep(500); // let lazy chunks / idle work settle
  const t = await page.evaluate(() => ({
    firstCellMs: (window as any).__bench.firstCellAt as number,
    firstPaintMs: (window as any).__bench.paintAfterCellAt as number,
    fcpMs: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? NaN,
  }));
  await cdp.send("HeapProfiler.collectGarbage");
  await cdp.send("Performance.enable");
  const metrics: Record<string, number | undefined> = Object.fromEntries(
    (await cdp.send("Performance.getMetrics")).metrics.map((m) => [m.name, m.value]),
  );
  const domElements = await page.evaluate(() => document.querySelectorAll("*").length);

  // --- wheel scroll for ~3 s, alternating direction at either end, recording rAF timestamps in-page
  await page.mouse.move(640, 420);
  await page.evaluate(() => (window as any).__bench.startFrames());
  const rowIdx = () =>
    page.evaluate(() =>
      Math.max(
        0,
        ...[...document.querySelectorAll('[role="row"][aria-rowindex]')].map((e) =>
          Number(e.getAttribute("aria-rowindex")),
        ),
      ),
    );
  let dir = 1;
  let maxRow = 0;
  let dirChanges = 0;
  let lastRow = -1;
  let stuck = 0;
  const t0 = Date.now();
  let i = 0;
  while (Date.now() - t0 < SCROLL_MS) {
    await page.mouse.wheel(0, dir * 8000);
    if (++i % 6 === 0) {
      const r = await rowIdx();
      maxRow = Math.max(maxRow, r);
      stuck = r === lastRow ? stuck + 1 : 0;
      lastRow = r;
      if ((dir > 0 && r >= 10_000) || (dir < 0 && r <= 40) || stuck >= 2) {
        dir = -dir;
        dirChanges++;
        stuck = 0;
      }
    }
  }
  const frames: number[] = await page.evaluate(() => (window as any).__bench.stopFrames());
  maxRow = Math.max(maxRow, await rowIdx());
  const deltas = frames.slice(1).map((f, k) => f - frames[k]!);

  // --- keystroke -> next paint latency while typing into the text editor of cell (3, name)
  await toTop(page, grid);
  await page.locator(cellSel(grid, 3, 0)).click();
  await page.keyboard.press("Enter");
  await sleep(150);
  const editorOpened = await page.evaluate(() => document.activeElement?.tagName === "INPUT");
  await page.keyboard.press("ControlOrMeta+a");
  await page.evaluate(() => {
    (window as any).__bench.keyLat = [];
    (window as any).__bench.trackKeys = true;
  });
  const TEXT = "Spring launch EMEA";
  await page.keyboard.type(TEXT, { delay: 60 });
  await sleep(200);
  const keyLat: number[] = await page.evaluate(() => {
    (window as any).__bench.trackKeys = false;
    return (window as any).__bench.keyLat;
  });
  await page.keyboard.press("Enter"); // commit
  await sleep(150);
  const typedOk = (await getRows(page, grid, 3, 4))[0]?.name === TEXT;
  await context.close();
  return {
    ...t,
    heapMB: (metrics.JSHeapUsedSize ?? NaN) / 2 ** 20,
    cdpNodes: metrics.Nodes ?? NaN,
    domElements,
    jsBytesLoaded,
    frameMedian: median(deltas),
    frameP95: pct(deltas, 95),
    framesOver50: deltas.filter((d) => d > 50).length,
    frames: frames.length,
    scrolledRows: maxRow,
    reachedBottom: maxRow >= 10_000,
    scrollDirChanges: dirChanges,
    keyLatMedian: median(keyLat),
    keyLatP95: pct(keyLat, 95),
    editorOpened,
    typedOk,
  };
}

// ---------------------------------------------------------------- capability probes
type Caps = Record<string, unknown>;

async function probeCaps(browser: Browser, base: string, grid: Grid): Promise<Caps> {
  const caps: Caps = {};
  const { context, page } = await newPage(browser);
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await open(page, base, grid);
  await sleep(300);
  const rows0 = await getRows(page, grid, 0, 20);

  // ARIA
  caps.aria = await page.evaluate(() => {
    const q = (s: string) => document.querySelectorAll(s).length;
    const root = document.querySelector('[role="grid"],[role="treegrid"]');
    return {
      rootRole: root?.getAttribute("role") ?? null,
      rootAriaLabel: root?.getAttribute("aria-label") ?? null,
      ariaRowcount: root?.getAttribute("aria-rowcount") ?? null,
      ariaColcount: root?.getAttribute("aria-colcount") ?? null,
      ariaMultiselectable: root?.getAttribute("aria-multiselectable") ?? null,
      rows: q('[role="row"]'),
      rowsWithRowindex: q('[role="row"][aria-rowindex]'),
      gridcells: q('[role="gridcell"]'),
      columnheaders: q('[role="columnheader"]'),
      cellsWithAriaSelectedAttr: q('[role="gridcell"][aria-selected]'),
      cellsWithColindex: q('[role="gridcell"][aria-colindex]'),
      cellsWithRowindex: q('[role="gridcell"][aria-rowindex]'),
    };
  });
  const byRole = {
    grid: await page.getByRole("grid").count(),
    treegrid: await page.getByRole("treegrid").count(),
    gridNamedCampaigns: await page.getByRole("grid", { name: "Campaigns" }).count(),
    treegridNamedCampaigns: await page.getByRole("treegrid", { name: "Campaigns" }).count(),
    columnheaderBudget: await page.getByRole("columnheader", { name: "Budget" }).count(),
    gridcellRow0Name: await page.getByRole("gridcell", { name: String(rows0[0].name), exact: true }).count(),
    rowContainingRow0: await page
      .getByRole("row")
      .filter({ hasText: String(rows0[0].name) })
      .count(),
  };
  caps.getByRole = byRole;

  // Keyboard navigation: click (2,1) then ArrowDown, ArrowRight, Tab, PageDown, Ctrl+Home
  const activePos = async () =>
    grid === "rdg"
      ? page.evaluate(() => {
          const c = document.querySelector('[role="gridcell"][aria-selected="true"]');
          return c
            ? {
                r: Number(c.parentElement!.getAttribute("aria-rowindex")) - 2,
                c: Number(c.getAttribute("aria-colindex")) - 1,
              }
            : null;
        })
      : page.evaluate(async () => {
          const f = await (document.querySelector("revo-grid") as any).getFocused();
          return f ? { r: f.cell.y, c: f.cell.x } : null;
        });
  await page.locator(cellSel(grid, 2, 1)).click();
  const nav: Record<string, unknown> = { afterClick: await activePos() };
  for (const k of ["ArrowDown", "ArrowRight", "Tab", "PageDown", "ControlOrMeta+Home"]) {
    await page.keyboard.press(k);
    await sleep(80);
    nav[k] = await activePos();
    // which cell does the DOM focus (what a screen reader announces) sit on?
    nav[k + " domFocus"] = await page.evaluate(() => {
      const a = document.activeElement as HTMLElement | null;
      const rowEl = a?.closest('[role="row"]');
      return a
        ? `${a.getAttribute("role")} row=${a.getAttribute("aria-rowindex") ?? rowEl?.getAttribute("aria-rowindex")} col=${a.getAttribute("aria-colindex")}`
        : null;
    });
  }
  nav.focusedElement = await page.evaluate(() => {
    const a = document.activeElement as HTMLElement | null;
    return a
      ? `${a.tagName.toLowerCase()}[role=${a.getAttribute("role")}][aria-selected=${a.getAttribute("aria-selected")}]`
      : null;
  });
  caps.keyboardNav = nav;
  await toTop(page, grid);

  // Range selection: mouse drag (1,0)->(3,2) and shift+click, shift+arrows
  const box = async (r: number, c: number) => (await page.locator(cellSel(grid, r, c)).boundingBox())!;
  const center = (b: { x: number; y: number; width: number; height: number }) =>
    [b.x + b.width / 2, b.y + b.height / 2] as const;
  const selectedInfo = async () =>
    grid === "rdg"
      ? { ariaSelectedCells: await page.locator('[role="gridcell"][aria-selected="true"]').count() }
      : {
          ariaSelectedCells: await page.locator('[role="gridcell"][aria-selected="true"]').count(),
          range: await page.evaluate(async () => (document.querySelector("revo-grid") as any).getSelectedRange()),
        };
  const a = center(await box(1, 0));
  const b = center(await box(3, 2));
  await page.mouse.move(...a);
  await page.mouse.down();
  await page.mouse.move(b[0], b[1], { steps: 8 });
  await page.mouse.up();
  await sleep(100);
  const range: Record<string, unknown> = { mouseDrag: await selectedInfo() };
  await page.locator(cellSel(grid, 1, 0)).click();
  await page.keyboard.press("Shift+ArrowDown");
  await page.keyboard.press("Shift+ArrowRight");
  await sleep(80);
  range.shiftArrows = await selectedInfo();
  caps.rangeSelection = range;

  // Copy a 2x2 range (or single cell) with Ctrl+C and read the system clipboard
  await page.locator(cellSel(grid, 1, 6)).click();
  await page.keyboard.press("Shift+ArrowDown");
  await page.keyboard.press("Shift+ArrowRight");
  await sleep(150);
  await page.keyboard.press("ControlOrMeta+c");
  await sleep(150);
  const copied = await page.evaluate(() => navigator.clipboard.readText()).catch((e) => `ERR ${e}`);
  caps.copy = {
    clipboardText: copied,
    expected2x2: `${rows0[1].notes}\t${rows0[1].owner}\n${rows0[2].notes}\t${rows0[2].owner}`,
  };

  // Paste a 2x3 TSV block (as Excel/Sheets put on the clipboard) at (5, notes) with Ctrl+V
  // Excel-style: CRLF rows, trailing CRLF, a quoted cell containing quotes
  const TSV = 'P1 note\tp1@x.io\r\nP2 note\tp2@x.io\r\n"P3 ""quoted"""\tp3@x.io\r\n';
  await page.evaluate((t) => navigator.clipboard.writeText(t), TSV);
  await page.locator(cellSel(grid, 5, 6)).click();
  await page.keyboard.press("Escape");
  await page.keyboard.press("ControlOrMeta+v");
  await sleep(200);
  const afterPaste = await getRows(page, grid, 5, 9);
  caps.pasteTsv = {
    cells: afterPaste.map((r) => [r.notes, r.owner]),
    allSixApplied:
      afterPaste[0].notes === "P1 note" &&
      afterPaste[0].owner === "p1@x.io" &&
      afterPaste[1].owner === "p2@x.io" &&
      afterPaste[2].owner === "p3@x.io",
    quotedCellParsed: afterPaste[2].notes,
    row8Untouched: afterPaste[3].notes === rows0[8].notes,
  };

  if (grid === "revo") {
    // same paste with our parseTsv() swapped in through the beforepasteapply event
    await page.evaluate(() => ((window as any).__fixPaste = true));
    await page.locator(cellSel(grid, 14, 6)).click();
    await page.keyboard.press("ControlOrMeta+v");
    await sleep(200);
    const r = await getRows(page, grid, 14, 18);
    (caps.pasteTsv as Caps).withBeforepasteapplyHook = {
      quotedCellCorrect: r[2].notes === 'P3 "quoted"',
      row17Untouched: r[3].notes === rows0[17].notes,
    };
    await page.evaluate(() => ((window as any).__fixPaste = false));
  }

  // Undo (Ctrl+Z) right after the paste
  await page.keyboard.press("ControlOrMeta+z");
  await sleep(150);
  caps.undoAfterPaste = { revertedRow5Notes: (await getRows(page, grid, 5, 6))[0].notes === rows0[5].notes };

  // Fill handle: select (1, notes) and drag the handle down to row 4
  await page.locator(cellSel(grid, 1, 6)).click();
  await sleep(80);
  const handleSel = grid === "rdg" ? ".rdg-cell-drag-handle" : "revogr-overlay-selection .autofill-handle";
  const handle = page.locator(handleSel).first();
  const handleVisible = (await handle.count()) > 0 && (await handle.isVisible());
  if (handleVisible) {
    const hb = (await handle.boundingBox())!;
    await page.mouse.move(hb.x + hb.width / 2, hb.y + hb.height / 2);
    await page.mouse.down();
    const tgt = center(await box(4, 6));
    await page.mouse.move(tgt[0], tgt[1], { steps: 10 });
    await page.mouse.up();
    await sleep(200);
  }
  const afterFill = await getRows(page, grid, 1, 6);
  caps.fillHandle = {
    handleVisible,
    filledRows2to4: afterFill.slice(1, 4).every((r) => r.notes === afterFill[0].notes),
    row5Untouched: afterFill[4].notes !== afterFill[0].notes,
  };

  // Multi-column fill: select (1,6)-(1,7) range and drag handle down 2 rows (revo only has ranges)
  if (grid === "revo") {
    await page.locator(cellSel(grid, 9, 6)).click();
    await page.keyboard.press("Shift+ArrowRight");
    await sleep(80);
    const hb = await page.locator(handleSel).first().boundingBox();
    if (hb) {
      await page.mouse.move(hb.x + hb.width / 2, hb.y + hb.height / 2);
      await page.mouse.down();
      const tgt = center(await box(11, 7));
      await page.mouse.move(tgt[0], tgt[1], { steps: 10 });
      await page.mouse.up();
      await sleep(200);
    }
    const r = await getRows(page, grid, 9, 12);
    (caps.fillHandle as Caps).rangeFill2colsX3rows = r.every((x) => x.notes === r[0].notes && x.owner === r[0].owner);
  }

  // Custom editor (status <select>): double-click (2, status), choose "paused"
  await page.locator(cellSel(grid, 2, 1)).dblclick();
  await sleep(150);
  const editor = page.getByTestId("status-editor");
  const editorShown = (await editor.count()) > 0 && (await editor.isVisible());
  if (editorShown) {
    await editor.selectOption("paused");
    await sleep(150);
  }
  caps.customEditor = { editorShown, valueSaved: (await getRows(page, grid, 2, 3))[0].status === "paused" };
  caps.pageErrors = errors;

  // axe-core (WCAG 2 A/AA) on the grid page, if available
  try {
    const { default: AxeBuilder } = await import("@axe-core/playwright");
    const res = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
    caps.axe = res.violations.map((v) => `${v.id} (${v.nodes.length})`);
  } catch (e) {
    caps.axe = `axe failed: ${String(e).slice(0, 200)}`;
  }
  await context.close();
  return caps;
}

async function ssrCheck(grid: Grid, polyfill = false) {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ["--import", "tsx", join(HERE, "ssr-check.tsx"), grid, ...(polyfill ? ["--iterator-polyfill"] : [])],
    { cwd: join(HERE, "..", ".."), timeout: 60_000 },
  );
  return JSON.parse(stdout.trim().split("\n").pop()!);
}

// ---------------------------------------------------------------- main
const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : "n/a");
const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;

async function main() {
  const bundles = await build();
  const bundle = (n: string) => bundles.find((b) => b.name === n)!;
  const { server, base } = await serve();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: LAUNCH_ARGS,
  });
  const chromiumVersion = browser.version();
  const results = {} as Record<
    Grid,
    { runs: RunResult[]; med: Record<keyof RunResult, number>; caps?: Caps; ssr?: unknown; bundle: BundleInfo }
  >;
  try {
    for (const grid of GRIDS) {
      const runs: RunResult[] = [];
      for (let r = 0; r < RUNS; r++) {
        // alternate nothing else concurrently; each run is a fresh context (cold HTTP cache)
        runs.push(await perfRun(browser, base, grid));
        process.stderr.write(`${grid} run ${r + 1}/${RUNS} done\n`);
      }
      const med = {} as Record<keyof RunResult, number>;
      for (const k of Object.keys(runs[0]!) as (keyof RunResult)[]) {
        if (typeof runs[0]![k] === "number") med[k] = median(runs.map((x) => x[k] as number));
      }
      results[grid] = { runs, med, bundle: bundle(grid) };
      if (DO_CAPS) {
        results[grid].caps = await probeCaps(browser, base, grid);
        results[grid].ssr = { node: await ssrCheck(grid), nodeWithIteratorPolyfill: await ssrCheck(grid, true) };
        process.stderr.write(`${grid} capabilities done\n`);
      }
    }
  } finally {
    await browser.close();
    server.close();
  }
  const baseline = bundle("baseline");
  const rowsOut: [string, ...string[]][] = [
    ["metric (median of " + RUNS + ")", ...GRIDS],
    ["first cell in DOM (ms from nav start)", ...GRIDS.map((g) => f1(results[g].med.firstCellMs))],
    ["first rows painted (ms, next frame after)", ...GRIDS.map((g) => f1(results[g].med.firstPaintMs))],
    ["first-contentful-paint (ms)", ...GRIDS.map((g) => f1(results[g].med.fcpMs))],
    ["JS heap used after GC (MB)", ...GRIDS.map((g) => f1(results[g].med.heapMB))],
    ["DOM elements (querySelectorAll *)", ...GRIDS.map((g) => String(results[g].med.domElements))],
    ["DOM nodes (CDP Nodes)", ...GRIDS.map((g) => String(results[g].med.cdpNodes))],
    ["scroll: rAF frames in ~3 s", ...GRIDS.map((g) => String(results[g].med.frames))],
    ["scroll: median frame (ms)", ...GRIDS.map((g) => f1(results[g].med.frameMedian))],
    ["scroll: p95 frame (ms)", ...GRIDS.map((g) => f1(results[g].med.frameP95))],
    ["scroll: frames > 50 ms", ...GRIDS.map((g) => String(results[g].med.framesOver50))],
    ["scroll: max row index reached", ...GRIDS.map((g) => String(results[g].med.scrolledRows))],
    ["keystroke->paint median (ms)", ...GRIDS.map((g) => f1(results[g].med.keyLatMedian))],
    ["keystroke->paint p95 (ms)", ...GRIDS.map((g) => f1(results[g].med.keyLatP95))],
    ["JS+CSS fetched by page (bytes)", ...GRIDS.map((g) => kb(results[g].med.jsBytesLoaded))],
    [
      "bundle initial min (gzip)",
      ...GRIDS.map((g) => `${kb(results[g].bundle.initialBytes)} (${kb(results[g].bundle.initialGzip)})`),
    ],
    [
      "bundle total incl. lazy min (gzip)",
      ...GRIDS.map((g) => `${kb(results[g].bundle.totalBytes)} (${kb(results[g].bundle.totalGzip)})`),
    ],
    [
      "  minus React-only baseline, total min",
      ...GRIDS.map((g) => kb(results[g].bundle.totalBytes - baseline.totalBytes)),
    ],
  ];
  const w = rowsOut[0]!.map((_, c) => Math.max(...rowsOut.map((r) => r[c]!.length)));
  const line = (r: string[]) => "| " + r.map((s, c) => s.padEnd(w[c]!)).join(" | ") + " |";
  console.log(line(rowsOut[0]!));
  console.log("|" + w.map((n) => "-".repeat(n + 2)).join("|") + "|");
  rowsOut.slice(1).forEach((r) => console.log(line(r)));
  console.log(`\nReact-only baseline bundle: ${kb(baseline.totalBytes)} min (${kb(baseline.totalGzip)} gzip)`);
  for (const g of GRIDS) {
    console.log(`\n## ${g} per-run`);
    for (const r of results[g].runs)
      console.log(
        `  firstPaint=${f1(r.firstPaintMs)} heap=${f1(r.heapMB)}MB frames=${r.frames} med=${f1(r.frameMedian)} p95=${f1(r.frameP95)} >50=${r.framesOver50} maxRow=${r.scrolledRows} key=${f1(r.keyLatMedian)}/${f1(r.keyLatP95)} editor=${r.editorOpened} typed=${r.typedOk}`,
      );
    if (results[g].caps)
      console.log(`## ${g} capabilities\n` + JSON.stringify({ ...results[g].caps, ssr: results[g].ssr }, null, 2));
  }
  const outFile = join(
    OUT,
    args.has("only") || RUNS !== 3 ? `results-${GRIDS.join("-")}-runs${RUNS}.json` : "results.json",
  );
  await writeFile(
    outFile,
    JSON.stringify({ date: new Date().toISOString(), runs: RUNS, chromium: chromiumVersion, results }, null, 2),
  );
  console.log(`\nraw results: ${outFile}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
