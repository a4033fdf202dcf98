import { expect, test, type APIRequestContext } from "@playwright/test";
import { grid, resetSandbox, SANDBOX, signIn } from "./support";

/** The refresh token the dashboard received, read from the sandbox's request log (the browser never sees it). */
async function lastIssuedRefreshToken(request: APIRequestContext): Promise<string> {
  const log = await (await request.get(`${SANDBOX}/__sandbox/requests?path=/oauth/2026-03/token`)).json();
  // The log's path filter also matches /token/introspect (sign-in now reads the token's identity there).
  const issued = log
    .filter((r: { path: string; status: number }) => r.path === "/oauth/2026-03/token" && r.status === 200)
    .at(-1);
  expect(issued?.responseBody?.refresh_token).toBeTruthy();
  return issued.responseBody.refresh_token;
}

test("a grant revoked in HubSpot sends the user to sign in again and back to the same view", async ({
  page,
  request,
}) => {
  await resetSandbox(request);
  await signIn(page);
  await grid(page).getByRole("columnheader", { name: "Name" }).click();
  await expect(page).toHaveURL(/sort=hs_name/);

  const refreshToken = await lastIssuedRefreshToken(request);
  const revoked = await request.post(`${SANDBOX}/__sandbox/tokens/revoke`, { data: { token: refreshToken } });
  expect(revoked.ok()).toBe(true);

  await page.reload();
  // Depending on which request notices first, the grid offers "Sign in again" or the page turns into
  // the sign-in page; both must say why and keep the way back to this view. The saved views may
  // say it too, when their read notices first (only the grid's alert carries the link).
  await expect(page.getByText(/no longer accepts/).first()).toBeVisible();
  const again = page
    .getByRole("link", { name: "Sign in again" })
    .or(page.getByRole("link", { name: "Sign in with HubSpot" }));
  await expect(again).toHaveAttribute("href", /returnTo=%2Fcampaigns%3Fsort%3Dhs_name/);
  await again.click();
  await page.getByRole("button", { name: "Grant access" }).click();
  // Back on the same view, sort included, with a working session.
  await expect(page).toHaveURL(/\/campaigns\?sort=hs_name/);
  await expect(page.getByRole("status").filter({ hasText: "campaigns" })).toHaveText("230 campaigns", {
    timeout: 30_000,
  });
});

test("after a revocation, pages ask to sign in rather than showing stale data", async ({ page, request }) => {
  await resetSandbox(request);
  await signIn(page);
  await expect(page.getByRole("status").filter({ hasText: "campaigns" })).toHaveText("230 campaigns", {
    timeout: 30_000,
  });
  await request.post(`${SANDBOX}/__sandbox/tokens/revoke`, { data: { token: await lastIssuedRefreshToken(request) } });
  // Force the dashboard to notice: the access token stops working too (revoke removed it).
  await page.reload();
  // Every part of the page that asked says so (the grid, and the saved views when they asked too).
  await expect(
    page
      .getByRole("alert")
      .filter({ hasText: /no longer accepts/ })
      .first(),
  ).toBeVisible();
  // Once the revocation is known, every page goes to sign-in with the reason.
  await page.goto("/campaigns");
  await expect(page.getByRole("link", { name: "Sign in with HubSpot" })).toBeVisible();
  await expect(page.getByText(/no longer accepts/)).toBeVisible();
});
