import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { E2E_SANDBOX_PORT } from "../playwright.config";

export const SANDBOX = `http://127.0.0.1:${E2E_SANDBOX_PORT}`;

/** Reseeds the sandbox (tokens stay valid) so each test starts from known data. */
export async function resetSandbox(request: APIRequestContext, body: Record<string, unknown> = {}) {
  const res = await request.post(`${SANDBOX}/__sandbox/reset`, { data: { seed: 7, campaigns: 230, ...body } });
  expect(res.ok()).toBe(true);
  await request.delete(`${SANDBOX}/__sandbox/faults`);
}

/** Calls the sandbox's HubSpot API directly, as a test oracle for what the grid should show. */
export async function sandboxApi<T>(request: APIRequestContext, path: string): Promise<T> {
  const token = await (await request.post(`${SANDBOX}/__sandbox/tokens`, { data: {} })).json();
  const res = await request.get(`${SANDBOX}${path}`, { headers: { authorization: `Bearer ${token.access_token}` } });
  expect(res.ok()).toBe(true);
  return res.json();
}

/** The whole consent flow as a new user: Batchboard → sandbox consent page → back, signed in. */
export async function signIn(page: Page, opts: { portal?: RegExp; path?: string } = {}) {
  await page.goto(opts.path ?? "/");
  await page.getByRole("link", { name: "Sign in with HubSpot" }).click();
  await expect(page.getByRole("heading", { name: /Connect .* to HubSpot/ })).toBeVisible();
  if (opts.portal) await page.getByRole("radio", { name: opts.portal }).check();
  await page.getByRole("button", { name: "Grant access" }).click();
  await expect(page.getByRole("grid", { name: "Campaigns" })).toBeVisible();
}

export function grid(page: Page) {
  return page.getByRole("grid", { name: "Campaigns" });
}

/** Text of the first cell (the name) of each rendered data row. */
export async function visibleNames(page: Page, count = 10): Promise<string[]> {
  const rows = grid(page).getByRole("row");
  const names: string[] = [];
  const n = Math.min(count + 1, await rows.count());
  for (let i = 1; i < n; i++) names.push((await rows.nth(i).getByRole("gridcell").first().innerText()).trim());
  return names;
}
