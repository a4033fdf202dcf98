import { expect, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import { SANDBOX } from "./support";

/**
 * Helpers for any resource's grid (marketing events, CRM records), found by its accessible name
 * ("Marketing events", "Contacts"). The campaign specs keep their own in grid-support.ts.
 */
export const namedGrid = (page: Page, name: string) => page.getByRole("grid", { name });

export async function gridCell(page: Page, gridName: string, rowN: number, column: string): Promise<Locator> {
  const g = namedGrid(page, gridName);
  const idx = Number(await g.getByRole("columnheader", { name: column, exact: true }).getAttribute("aria-colindex"));
  return g
    .getByRole("row")
    .nth(rowN + 1)
    .getByRole("gridcell")
    .and(page.locator(`[aria-colindex="${idx}"]`));
}

export async function typeIn(page: Page, gridName: string, rowN: number, column: string, text: string) {
  await (await gridCell(page, gridName, rowN, column)).click();
  await page.keyboard.type(text);
  await page.keyboard.press("Enter");
}

/** The record id of a rendered row: what the status column and the sandbox oracle are keyed by. */
export async function cellText(page: Page, gridName: string, rowN: number, column: string) {
  return (await (await gridCell(page, gridName, rowN, column)).innerText()).trim();
}

export async function reviewAndSubmit(page: Page, summary: string | RegExp) {
  await page.getByRole("button", { name: "Review and submit" }).click();
  const dialog = page.getByRole("dialog", { name: "Review changes" });
  await expect(dialog).toContainText(summary);
  await dialog.getByRole("button", { name: "Submit" }).click();
  await expect(dialog).toBeHidden();
}

export const resultsStatus = (page: Page) =>
  page.getByRole("region", { name: "Submission results" }).getByRole("status");

export async function sandboxRecords<T = { id: string; properties: Record<string, string | null> }>(
  request: APIRequestContext,
  kind: string,
): Promise<T[]> {
  const res = await request.get(`${SANDBOX}/__sandbox/records/${kind}`);
  expect(res.ok()).toBe(true);
  return res.json();
}

export interface Logged {
  method: string;
  path: string;
  status: number;
  requestBody?: { inputs?: Record<string, unknown>[] };
}

export async function requestLog(request: APIRequestContext, path?: string): Promise<Logged[]> {
  const res = await request.get(`${SANDBOX}/__sandbox/requests${path ? `?path=${encodeURIComponent(path)}` : ""}`);
  expect(res.ok()).toBe(true);
  return res.json();
}

export async function clearRequestLog(request: APIRequestContext) {
  expect((await request.delete(`${SANDBOX}/__sandbox/requests`)).ok()).toBe(true);
}

/** A HubSpot API call made behind the grid's back (another user, a workflow). */
export async function sandboxCall(
  request: APIRequestContext,
  method: "POST" | "DELETE" | "PATCH",
  path: string,
  data?: unknown,
) {
  const token = await (await request.post(`${SANDBOX}/__sandbox/tokens`, { data: {} })).json();
  const res = await request.fetch(`${SANDBOX}${path}`, {
    method,
    data,
    headers: { authorization: `Bearer ${token.access_token}` },
  });
  expect(res.status(), await res.text()).toBeLessThan(300);
}
