import { expect, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import { grid, SANDBOX } from "./support";

/** Index (0-based) of a column by its header name, as rdg numbers columns (aria-colindex − 1). */
export async function columnIndex(page: Page, name: string): Promise<number> {
  const header = grid(page).getByRole("columnheader", { name, exact: true });
  return Number(await header.getAttribute("aria-colindex")) - 1;
}

/** Data row `n` (0-based) of the rendered grid. */
export const dataRow = (page: Page, n: number) =>
  grid(page)
    .getByRole("row")
    .nth(n + 1);

/** A cell by row and column header; rdg virtualises columns, so match its aria-colindex. */
export async function cell(page: Page, rowN: number, column: string): Promise<Locator> {
  const idx = await columnIndex(page, column);
  return dataRow(page, rowN)
    .getByRole("gridcell")
    .and(page.locator(`[aria-colindex="${idx + 1}"]`));
}

export async function cellInRow(row: Locator, page: Page, column: string): Promise<Locator> {
  const idx = await columnIndex(page, column);
  return row.getByRole("gridcell").and(page.locator(`[aria-colindex="${idx + 1}"]`));
}

/** What Excel or Google Sheets would do on Ctrl+V: a paste event with text/plain on the focused cell. */
export async function pasteText(page: Page, text: string) {
  await page.evaluate((t) => {
    const data = new DataTransfer();
    data.setData("text/plain", t);
    (document.activeElement ?? document.body).dispatchEvent(
      new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }),
    );
  }, text);
}

export async function waitForAllLoaded(page: Page, total = 230) {
  await expect(page.getByRole("status").filter({ hasText: "campaigns" })).toHaveText(
    `${total.toLocaleString("en-US")} campaigns`,
    { timeout: 30_000 },
  );
}

export const changesStatus = (page: Page) => page.getByRole("region", { name: "Unsaved changes" }).getByRole("status");

export const ctrl = process.platform === "darwin" ? "Meta" : "Control";

export interface SandboxCampaign {
  id: string;
  updatedAt: string;
  properties: Record<string, string | null>;
}

/** Every campaign of the first portal, as the sandbox stores it (the oracle for what was written). */
export async function sandboxCampaigns(request: APIRequestContext): Promise<SandboxCampaign[]> {
  const res = await request.get(`${SANDBOX}/__sandbox/records/campaigns`);
  expect(res.ok()).toBe(true);
  return res.json();
}

/** A write made in HubSpot behind the grid's back (another user, a workflow). */
export async function sandboxPost(request: APIRequestContext, path: string, data: unknown) {
  const token = await (await request.post(`${SANDBOX}/__sandbox/tokens`, { data: {} })).json();
  const res = await request.post(`${SANDBOX}${path}`, {
    data,
    headers: { authorization: `Bearer ${token.access_token}` },
  });
  expect(res.status(), await res.text()).toBeLessThan(300);
  return res.json();
}

/** Property-level differences between two snapshots: id → property → [before, after]. */
export function campaignDiff(before: SandboxCampaign[], after: SandboxCampaign[]) {
  const old = new Map(before.map((c) => [c.id, c]));
  const changed: Record<string, Record<string, [string | null, string | null]>> = {};
  const created: SandboxCampaign[] = [];
  for (const c of after) {
    const o = old.get(c.id);
    if (!o) {
      created.push(c);
      continue;
    }
    for (const k of new Set([...Object.keys(o.properties), ...Object.keys(c.properties)])) {
      if ((o.properties[k] ?? null) !== (c.properties[k] ?? null))
        (changed[c.id] ??= {})[k] = [o.properties[k] ?? null, c.properties[k] ?? null];
    }
  }
  return { changed, created, removed: before.filter((c) => !after.some((a) => a.id === c.id)).length };
}
