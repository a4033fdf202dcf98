import { expect, test } from "@playwright/test";
import { E2E_APP_PORT } from "../playwright.config";
import { resetSandbox, SANDBOX, signIn } from "./support";

test.beforeEach(async ({ request }) => resetSandbox(request));

/** The refresh token the dashboard received, from the sandbox's request log (never from the browser). */
async function issuedRefreshToken(request: import("@playwright/test").APIRequestContext): Promise<string> {
  const log = await (await request.get(`${SANDBOX}/__sandbox/requests?path=/oauth/2026-03/token`)).json();
  return log
    .filter((r: { status: number; path: string }) => r.status === 200 && r.path === "/oauth/2026-03/token")
    .at(-1).responseBody.refresh_token;
}

test("a new user signs in through the consent page, sees the portal and the campaigns, and signs out", async ({
  page,
  request,
}) => {
  await page.goto("/campaigns");
  // Not signed in: sent to the sign-in page, with the way back remembered.
  await expect(page).toHaveURL(/returnTo=%2Fcampaigns/);
  await signIn(page, { portal: /Globex/ });

  await expect(page).toHaveURL(/\/campaigns/);
  const portal = page.getByRole("region", { name: "Connected portal" });
  await expect(portal).toContainText("globex.example.com");
  await expect(portal).toContainText("20260302");
  await expect(page.getByLabel("Signed in as")).toHaveText("admin@globex.example.com");
  await expect(page.getByRole("status").filter({ hasText: "campaigns" })).toHaveText(/230 campaigns/, {
    timeout: 30_000,
  });
  // Data rows are rendered (header row + data rows).
  expect(await page.getByRole("grid", { name: "Campaigns" }).getByRole("row").count()).toBeGreaterThan(5);

  await page.getByText(/scopes granted/).click();
  await expect(page.getByRole("list", { name: "Granted scopes" })).toContainText("marketing.campaigns.write");

  const refreshToken = await issuedRefreshToken(request);
  expect(refreshToken).toMatch(/^na1-rt-/);
  expect((await request.get(`${SANDBOX}/oauth/v1/refresh-tokens/${refreshToken}`)).status()).toBe(200);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("status")).toHaveText("You are signed out.");
  // Signing out revoked the grant at HubSpot: the refresh token no longer works.
  const info = await request.get(`${SANDBOX}/oauth/v1/refresh-tokens/${refreshToken}`);
  expect(info.status()).toBe(404);
  await page.goto("/campaigns");
  await expect(page.getByRole("link", { name: "Sign in with HubSpot" })).toBeVisible();
});

test("denying access on the consent page explains why nothing loads", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("link", { name: "Sign in with HubSpot" }).click();
  await page.getByRole("button", { name: "Deny" }).click();
  // Next.js adds an empty route-announcer alert; ours is the one that says why.
  await expect(page.getByRole("alert").filter({ hasText: "Access was not granted" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Sign in with HubSpot" })).toBeVisible();
});

test("no token reaches the browser", async ({ page }) => {
  const bodies: string[] = [];
  page.on("response", async (res) => {
    const type = res.headers()["content-type"] ?? "";
    if (/html|json|javascript|x-component/.test(type)) bodies.push(await res.text().catch(() => ""));
  });
  await signIn(page);
  await expect(page.getByRole("status").filter({ hasText: "campaigns" })).toHaveText(/230 campaigns/, {
    timeout: 30_000,
  });
  const leaked = bodies.filter((b) => /na1-(at|rt)-/.test(b));
  expect(leaked).toEqual([]);
  const cookies = await page.context().cookies();
  const session = cookies.find((c) => c.name === "bb_session");
  expect(session?.httpOnly).toBe(true);
  expect(session?.sameSite).toBe("Lax");
});

test("signing in works on 127.0.0.1 as well as localhost", async ({ page }) => {
  await signIn(page, { path: `http://127.0.0.1:${E2E_APP_PORT}/` });
  expect(new URL(page.url()).host).toBe(`127.0.0.1:${E2E_APP_PORT}`);
  await expect(page.getByRole("status").filter({ hasText: "campaigns" })).toHaveText(/230 campaigns/, {
    timeout: 30_000,
  });
});

test("the sign-in page shows only fixed messages, never the text of its link", async ({ page }) => {
  await page.goto(
    `/?error=${encodeURIComponent("<script>alert(1)</script> Your account is locked: call +1 555 0100")}`,
  );
  await expect(page.getByRole("alert").filter({ hasText: "Signing in" })).toHaveText(
    "Signing in did not work. Please try again.",
  );
  await expect(page.getByText(/555 0100|<script>|locked/)).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Sign in with HubSpot" })).toBeVisible();
});

test("a callback from another browser's consent does not sign this browser in (login CSRF)", async ({
  page,
  browser,
}) => {
  // The attacker consents with their own account and keeps the callback URL instead of following it.
  const attacker = await (await browser.newContext()).newPage();
  let url = "";
  // (A route sees only the first request of a redirect chain: stop at the consent page's answer.)
  await attacker.route("**/oauth/authorize", async (route) => {
    if (route.request().method() !== "POST") return route.continue();
    url = (await route.fetch({ maxRedirects: 0 })).headers().location ?? "";
    await route.fulfill({ status: 200, contentType: "text/plain", body: "kept the callback URL" });
  });
  await attacker.goto("/");
  await attacker.getByRole("link", { name: "Sign in with HubSpot" }).click();
  await attacker.getByRole("button", { name: "Grant access" }).click();
  await expect(attacker.getByText("kept the callback URL")).toBeVisible();
  expect(url).toMatch(/\/api\/auth\/callback\?code=/);
  await attacker.context().close();

  // The victim's browser is lured to it: refused, and not signed in.
  await page.goto(url);
  await expect(page.getByRole("alert").filter({ hasText: "not started in this browser" })).toBeVisible();
  await page.goto("/campaigns");
  await expect(page.getByRole("link", { name: "Sign in with HubSpot" })).toBeVisible();
  expect((await page.context().cookies()).map((c) => c.name)).not.toContain("bb_session");
});

test("signing out in one browser ends the user's other sessions: a download there is refused", async ({
  page,
  browser,
}) => {
  await signIn(page);
  const other = await (await browser.newContext()).newPage();
  await signIn(other);
  const exportUrl = "/api/failed-items/export?resource=campaigns&category=VALIDATION_ERROR&message=x&format=csv";
  expect((await page.request.get(exportUrl)).status()).toBe(200);

  await other.getByRole("button", { name: "Sign out" }).click();
  await expect(other.getByRole("status")).toHaveText("You are signed out.");
  const refused = await page.request.get(exportUrl);
  expect(refused.status()).toBe(401);
  expect(await refused.text()).toBe("Sign in to download failed items.");
  await page.goto("/campaigns");
  await expect(page.getByRole("link", { name: "Sign in with HubSpot" })).toBeVisible();
  await other.context().close();
});

test("a sign-out posted from another site is refused", async ({ page }) => {
  await signIn(page);
  const res = await page.request.post("/api/auth/signout", {
    headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
    maxRedirects: 0,
  });
  expect(res.status()).toBe(403);
  await page.reload();
  await expect(page.getByRole("grid", { name: "Campaigns" })).toBeVisible();
});
